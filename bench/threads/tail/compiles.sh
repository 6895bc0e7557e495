#!/bin/bash
# Session 13 (s13-warm). TurboFan compiles that finish inside a bench child's run: run the child with
# BENCH_SCHED=1 BENCH_SCHED_MARK=1 and node --trace-opt --trace-deopt, save its stdout, then: compiles.sh FILE
# (each compile with V8's own ms, the deopts, the total, the run's wall time).
# sum of TurboFan compiles inside the (last) run window of a --trace-opt log
awk '/=== first step/{f=1; s=0; n=0; delete L} /=== run end/{f=0} f && /completed compiling/{match($0,/JSFunction [^ ]*/); nm=substr($0,RSTART+11,RLENGTH-11); match($0,/took [0-9.]+, [0-9.]+, [0-9.]+/); split(substr($0,RSTART+5,RLENGTH-5),a,", "); s+=a[1]+a[2]+a[3]; n++; L[n]=sprintf("%-32s %6.2f %s", nm, a[1]+a[2]+a[3], ($0 ~ /OSR/ ? "OSR":""))} f && /bailout/{n++; match($0,/reason: [^)]*/); r=substr($0,RSTART,RLENGTH); match($0,/JSFunction [^ ]*/); L[n]="  DEOPT " substr($0,RSTART+11,RLENGTH-11) " " r} END{for(i=1;i<=n;i++) print L[i]; print "total", s}' "$1"
grep -o '"run_wall_s":[0-9.]*' "$1"
