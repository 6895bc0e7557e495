#!/usr/bin/env bash
# Regenerates every conformance fixture from Brian2 2.5.1 (Debian's python3-brian).
# Each tests/conformance/generate/<area>.py writes tests/conformance/fixtures/<area>.json.
# Usage: npm run golden            (all areas)
#        npm run golden -- units   (one area)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3   # Debian's python: the first python3 on PATH lacks Debian's packages
"$PY" -c 'import brian2, sys; assert brian2.__version__ == "2.5.1", brian2.__version__' \
  || { echo "Brian2 2.5.1 is needed: apt-get install -y python3-brian" >&2; exit 1; }
areas=("$@")
if [ ${#areas[@]} -eq 0 ]; then
  for f in tests/conformance/generate/*.py; do areas+=("$(basename "$f" .py)"); done
fi
for area in "${areas[@]}"; do
  echo "generating tests/conformance/fixtures/$area.json"
  PYTHONWARNINGS=ignore "$PY" "tests/conformance/generate/$area.py" "tests/conformance/fixtures/$area.json"
done
