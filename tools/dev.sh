#!/usr/bin/env bash
# Developer entry point: sets up a virtual environment in .venv and runs things in it.
#   bash tools/dev.sh setup   install everything the app and the tests need
#   bash tools/dev.sh run     run the application on its bundled demo case
#   bash tools/dev.sh test    set up, run ruff and check the layers (import-linter), then run the whole test suite twice:
#                             against the source tree (editable install) and against a regular install
#   bash tools/dev.sh lint    check the code for defects (ruff) and the layers (import-linter) only
#   bash tools/dev.sh bench   run the benchmarks in bench/
#   bash tools/dev.sh build   build the one-folder app (PyInstaller) and run its smoke test
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${CARBONMGR_VENV:-.venv}
PY=${PYTHON:-python3}

# Debian packages: a TrueType CJK font for the PDF report and charts, poppler for the
# PDF tests, the libraries Qt needs to run offscreen, and those its X11 (xcb) platform
# plugin links to (ldd PySide6/Qt/plugins/platforms/libqxcb.so; ui/startup.py names the
# package of each library and the app checks them before Qt starts).
DEB_PACKAGES="fonts-wqy-microhei fonts-wqy-zenhei poppler-utils libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render0
  libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0"

# For the tests only: a virtual X display, so that the suite starts the app once on Qt's real X11
# (xcb) platform plugin, not only offscreen (tests/test_first_hour.py).
TEST_DEB_PACKAGES="xvfb xauth"
# and LibreOffice Calc, without its recommended packages (about 80 s to install here), so that the
# tests of workbooks saved by another program (tests/test_other_programs.py) run instead of skipping.
TEST_DEB_PACKAGES_NO_RECOMMENDS="libreoffice-calc"

say() { echo "[setup] $*" >&2; }

# system_packages [PACKAGES [APT-GET OPTIONS]]: install the Debian packages that are missing (when root)
system_packages() {
  command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || return 0
  local missing=""
  for p in ${1:-$DEB_PACKAGES}; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != "0" ]; then
    say "missing Debian packages:$missing"
    say "install them as root: apt-get install${2:+ $2}$missing"
    return 0
  fi
  say "updating the Debian package lists (apt-get update)"
  apt-get update -qq >/dev/null 2>&1 || true
  say "installing Debian packages:$missing"
  # one line per package as it is set up, instead of silence
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Progress-Fancy=0 ${2:-} $missing 2>&1 || echo "APT-FAILED"; } \
    | { grep --line-buffered -E '^(Setting up|E:|APT-FAILED)' || true; } | sed -u 's/^/  /' >&2
  for p in $missing; do
    dpkg -s "$p" >/dev/null 2>&1 || { say "could not install $p (see apt-get install $p)"; }
  done
}

# Debian's python3 comes without venv/ensurepip (python3-venv): install it when root, else say so.
venv_support() {
  "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    say "installing python3-venv (this Python cannot create virtual environments without it)"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv 2>&1 \
      | { grep --line-buffered -E '^(Setting up|E:)' || true; } | sed -u 's/^/  /' >&2
  else
    say "$PY cannot create a virtual environment: install its venv module (Debian/Ubuntu: apt-get install python3-venv)"
  fi
}

# pip, showing each package as it is fetched and installed (the whole log stays in .venv)
pip_install() {
  local log=$1; shift
  set +e
  "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off "$@" 2>&1 | tee "$log" \
    | { grep --line-buffered -E '^(Collecting|Downloading|Installing collected|Successfully installed)' || true; } \
    | sed -u -e 's/^/  /' -e 's/^\(.\{150\}\).*/\1 .../' >&2
  local rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}

setup() {
  system_packages
  if [ ! -x "$VENV/bin/python" ]; then
    venv_support
    say "creating the virtual environment $VENV ($("$PY" --version 2>&1))"
    "$PY" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  local log="$VENV/pip-install.log"
  say "installing CarbonMgr and its Python packages into $VENV (pip install -e .[test,gui,lint]; log: $log)"
  if ! pip_install "$log" -e ".[test,gui,lint]"; then
    cat "$log" >&2
    echo "pip install failed (log above)" >&2
    exit 1
  fi
  say "ready"
}

# A regular (non-editable) copy of the package, as a user's install has it: carbonmgr.ui
# then really sits inside carbonmgr/, so the import contracts see the whole graph.
regular_copy() {
  local dest="$VENV/regular"
  rm -rf "$dest"
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-deps --no-compile --target "$dest" . \
      >"$VENV/pip-regular.log" 2>&1; then
    cat "$VENV/pip-regular.log" >&2
    echo "building the regular install failed (log above)" >&2
    exit 1
  fi
  rm -rf build
}

# The suite once more, against the regular copy: $VENV/bin/pytest (not python -m pytest, which
# would put the source tree on sys.path), PYTHONSAFEPATH so that no Python a test starts puts
# its working folder (the source tree) first either; tests/conftest.py then checks that every
# carbonmgr module the tests loaded came from the regular copy.
regular_suite() {
  local dest found venv
  venv="$(cd "$VENV" && pwd)"
  dest="$venv/regular"
  found=$(cd / && PYTHONPATH="$dest" PYTHONSAFEPATH=1 "$venv/bin/python" -c \
    'import os, carbonmgr; print(os.path.dirname(os.path.realpath(carbonmgr.__file__)))')
  if [ "$found" != "$(realpath "$dest/carbonmgr")" ]; then
    echo "the regular install is not the carbonmgr that Python imports ($found)" >&2
    exit 1
  fi
  echo "running the test suite against the regular install ($found)" >&2
  CARBONMGR_TEST_INSTALL="$dest" PYTHONPATH="$dest" PYTHONSAFEPATH=1 "$VENV/bin/pytest" "$@"
}

lint() {
  echo "checking the code for defects (ruff; rules in pyproject.toml [tool.ruff])" >&2
  "$VENV/bin/ruff" check --quiet .
  regular_copy
  echo "checking the import contracts (lint-imports)" >&2
  (cd "$VENV" && PYTHONPATH="$PWD/regular" "$PWD/bin/lint-imports" --no-cache "$OLDPWD/pyproject.toml")
}

cmd=${1:-test}
shift || true
case "$cmd" in
  setup) setup ;;
  run) setup; exec "$VENV/bin/carbonmgr" gui demo "$@" ;;
  lint) setup; lint ;;
  test)
    setup
    system_packages "$TEST_DEB_PACKAGES"
    system_packages "$TEST_DEB_PACKAGES_NO_RECOMMENDS" --no-install-recommends
    lint
    echo "running the test suite against the source tree (editable install)" >&2
    "$VENV/bin/python" -m pytest "$@"
    regular_suite "$@" ;;
  bench) setup; for b in bench/*.py; do echo "== $b" >&2; "$VENV/bin/python" "$b" "$@"; done ;;
  build)
    # one-folder app from build.spec, then its smoke test (opens the demo, writes and previews the report)
    setup
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pyinstaller >/dev/null 2>&1
    "$VENV/bin/pyinstaller" build.spec --noconfirm --log-level WARN --distpath dist --workpath build
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} dist/CarbonMgr/carbonmgr gui --smoke-test
    du -sh dist/CarbonMgr ;;
  *) echo "usage: bash tools/dev.sh setup|run|test|bench|build" >&2; exit 2 ;;
esac
