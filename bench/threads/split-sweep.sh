#!/bin/bash
# Session 14 (s14-ceiling). split-probe.ts in fresh processes, interleaved, REPS rounds:
#   split-sweep.sh sync [N=100000] [STEPS=10000] [REPS=3]  1 thread; 2 threads (serial reset); 2 threads RESET=own SYNC=K, K = 1 10 100 0
#   split-sweep.sh copy [N] [STEPS] [REPS]                  1 thread; 2 threads no barrier; 2 threads COPY=1 without and with a barrier every step
# Run it under the machine's lock (it is a timing).
cd "$(dirname "$0")/../.."
MODE=${1:-sync}; N=${2:-100000}; STEPS=${3:-10000}; REPS=${4:-3}
P=bench/threads/split-probe.ts
echo "start $(date -u +%H:%M:%S) $MODE N=$N STEPS=$STEPS"
for r in $(seq "$REPS"); do
  if [ "$MODE" = copy ]; then
    RESET=own timeout 60 node --import tsx $P "$N" "$STEPS" 1 | tail -1
    RESET=own SYNC=0 timeout 60 node --import tsx $P "$N" "$STEPS" 2 | tail -1
    COPY=1 SYNC=0 timeout 60 node --import tsx $P "$N" "$STEPS" 2 | tail -1
    COPY=1 SYNC=1 timeout 60 node --import tsx $P "$N" "$STEPS" 2 | tail -1
  else
    timeout 60 node --import tsx $P "$N" "$STEPS" 1 | tail -1
    timeout 60 node --import tsx $P "$N" "$STEPS" 2 | tail -1
    for k in 1 10 100 0; do RESET=own SYNC=$k timeout 60 node --import tsx $P "$N" "$STEPS" 2 | tail -1; done
  fi
done
echo "end $(date -u +%H:%M:%S)"
