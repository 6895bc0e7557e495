#!/bin/bash
# Session 13 (s13-warm). Interleaved A/B of bench children in fresh processes, with BENCH_SCHED=1: per run the
# wall time, spikes, other processes' CPU and the main thread's run-queue wait (contamination checks), the V8
# helper threads' CPU inside the run (TurboFan compiles), the first tenth's and the whole run's excess over the median step.
# usage: ab.sh REPS "label1|ENV=.. ENV2=..|nodeflags" "label2|...|..." -- script args...
# (run from the repository root; fresh processes, variants interleaved per repetition)
reps=$1; shift
vars=()
while [ "$1" != "--" ]; do vars+=("$1"); shift; done
shift
for r in $(seq 1 $reps); do
  for v in "${vars[@]}"; do
    IFS='|' read -r label envs flags <<< "$v"
    out=$(env BENCH_SCHED=1 $envs timeout 120 node $flags --import tsx "$@" 2>/dev/null | tail -1)
    echo "$out" | python3 -c "
import json,sys
try:
  d=json.loads(sys.stdin.read()); s=d.get('sched',{})
  m=[t for t in s.get('threads',[]) if t['tid']=='main']
  th=[t for t in s.get('threads',[]) if t['tid']!='main']
  big=max([t['run_ms'] for t in th] or [0]); helpers=sum(t['run_ms'] for t in th)-(big if big>300 else 0)
  ex=s.get('excess_ms_by_tenth',[None])
  print('$r', '$label', round(d['run_wall_s'],4), d.get('spikes'), 'other', s.get('other_procs_ms'), 'mainwait', m[0]['wait_ms'] if m else None, 'helpers', round(helpers,1), 'ex0', ex[0], 'exall', round(sum(x for x in ex if x),1), 'med', s.get('median_us'), flush=True)
except Exception as e: print('$r $label ERROR', e)
"
  done
done
