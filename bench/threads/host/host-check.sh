#!/usr/bin/env bash
# Host check before a threads sitting (issue 10, session 15). Needs gcc and taskset.
#  1. FMA throughput alone on vCPU 0 and 1, then both at once: equal times = separate cores.
#  2. LIF 10^5 in C, branchy and branch-free, REPS times: the branchy p10 rising while the
#     branch-free one does not marks one of the host's slow episodes (brian-ts's kernels slow too).
# Usage: bash bench/threads/host/host-check.sh [REPS=3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O3 -march=native -o "$out/fma" "$here/fma.c"
gcc -O3 -march=native -o "$out/lif" "$here/lif.c"
n=40000000000
echo "FMA s: vCPU0 alone $(taskset -c 0 "$out/fma" $n | cut -d' ' -f1), vCPU1 alone $(taskset -c 1 "$out/fma" $n | cut -d' ' -f1), both at once: $( (taskset -c 0 "$out/fma" $n & taskset -c 1 "$out/fma" $n & wait) | cut -d' ' -f1 | tr '\n' ' ')"
for r in $(seq 1 "${1:-3}"); do
  echo "rep $r: $("$out/lif" 0 100000 20000) | $("$out/lif" 1 100000 100000)"
done
