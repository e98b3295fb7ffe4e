#!/usr/bin/env bash
# Developer entry point: sets up a virtual environment in .venv and runs things in it.
#   bash tools/dev.sh setup   install everything the app and the tests need
#   bash tools/dev.sh run     run the application on its bundled demo case
#   bash tools/dev.sh test    set up, then run the whole test suite
#   bash tools/dev.sh bench   run the benchmarks in bench/
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${CARBONMGR_VENV:-.venv}
PY=${PYTHON:-python3}

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test]"
}

cmd=${1:-test}
shift || true
case "$cmd" in
  setup) setup ;;
  run) setup; exec "$VENV/bin/carbonmgr" calc demo "$@" ;;
  test) setup; exec "$VENV/bin/python" -m pytest "$@" ;;
  bench) setup; for b in bench/bench_*.py; do "$VENV/bin/python" "$b" "$@"; done ;;
  *) echo "usage: bash tools/dev.sh setup|run|test|bench" >&2; exit 2 ;;
esac
