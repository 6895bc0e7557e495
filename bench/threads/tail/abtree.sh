#!/bin/bash
# Session 15 (s15-warm). Interleaved fresh bench children of two checkouts (labels main, new), BRIAN_TS_THREADS=2,
# with ab.sh's columns (BENCH_SCHED=1: wall, spikes, other processes' CPU, the main thread's run-queue wait, the V8
# helper threads' CPU inside the run, the first tenths' and the whole run's excess over the median step).
# usage: abtree.sh OLD_DIR NEW_DIR REPS script-args...   (script path relative to each checkout)
old=$1; new=$2; reps=$3; shift 3
for r in $(seq 1 $reps); do
  for v in main:$old new:$new; do
    label=${v%%:*}; dir=${v#*:}
    out=$(cd $dir && env BENCH_SCHED=1 BRIAN_TS_THREADS=2 timeout 120 node --import tsx "$@" 2>/dev/null | tail -1)
    echo "$out" | python3 -c "
import json,sys
try:
  d=json.loads(sys.stdin.read()); s=d.get('sched',{})
  m=[t for t in s.get('threads',[]) if t['tid']=='main']
  th=[t for t in s.get('threads',[]) if t['tid']!='main']
  big=sorted([t['run_ms'] for t in th])[-1:] ; helpers=sum(t['run_ms'] for t in th)-(big[0] if big and big[0]>300 else 0)
  ex=s.get('excess_ms_by_tenth',[None])
  print('$r', '$label', round(d['run_wall_s'],4), d.get('spikes'), 'other', s.get('other_procs_ms'), 'mainwait', m[0]['wait_ms'] if m else None, 'helpers', round(helpers,1), 'ex0-2', ex[:3], 'exall', round(sum(x for x in ex if x),1), 'med', s.get('median_us'), flush=True)
except Exception as e: print('$r $label ERROR', e)
"
  done
done
