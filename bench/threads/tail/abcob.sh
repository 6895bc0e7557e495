#!/usr/bin/env bash
# usage: abcob.sh dur reps "label:dir:ENV=.." ... — bench/synapses/cobahh.bench.ts children (N = 4000) in the given trees; fresh processes, interleaved (session 16, s16-warm)
D=$1; R=$2; shift 2
for r in $(seq 1 $R); do for spec in "$@"; do
  label=${spec%%:*}; rest=${spec#*:}; dir=${rest%%:*}; envs=${rest#*:}
  out=$(cd $dir && env BENCH_STEP_TIMES=1 $envs timeout 100 node --import tsx bench/synapses/cobahh.bench.ts --child $D 4000 2>&1 | tail -1)
  echo "$r $label $(echo "$out" | python3 -c 'import sys,json; d=json.loads(sys.stdin.read()); s=d["step_wall_us"]; print(round(d["run_wall_s"],4), d["spikes"], d.get("threads_used"), "p10",s["p10"],"p50",s["p50"],"p90",s["p90"], "mean", s["mean"])' 2>&1 | tail -1)"
done; done
