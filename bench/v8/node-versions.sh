#!/bin/sh
# Session 13 (s13-v8): the threads rows on two Node binaries (brian-ts only), fresh processes, per repetition
# and row Node 20 and Node 24 interleaved, 1 and 2 threads; prints run_wall_s and spikes (take the min per cell).
# Usage (repository root, Node 24 from `npm i --prefix /tmp/node24 node@24`): REPS="1 2 3" sh bench/v8/node-versions.sh
NODE24=${NODE24:-/tmp/node24/node_modules/.bin/node}
for rep in $REPS; do
for row in "synapses/cobahh.bench.ts 1 4000" "neurongroup/hh.bench.ts 4000 1" "neurongroup/lif-scaling.bench.ts 100000 1" "neurongroup/lif-scaling.bench.ts 1000000 0.2" "synapses/cuba.bench.ts 1 4000" "synapses/brunel.bench.ts 0.5 1"; do
for nd in node "$NODE24"; do for T in 1 2; do
  set -- $row; f=$1; shift
  r=$(BRIAN_TS_THREADS=$T timeout 100 $nd --import tsx bench/$f --child "$@" 2>&1 | grep -o '"run_wall_s":[0-9.]*\|"spikes":[0-9]*' | tr '\n' ' ')
  echo "rep$rep $f $* $($nd --version) T$T $r"
done; done; done; done
