#!/usr/bin/env bash
# Set up Satu Desa from a fresh clone on Debian/Ubuntu (Python 3.11+), then either
#   run   open the demo village (in its own data folder, made on the first run), or
#   test  run the whole test suite,
#   lint  check style, import contracts and types (the suite runs these too).
# Everything goes into .venv beside this repository; nothing is installed globally except the
# few Debian libraries Qt needs, and only when they are missing and apt-get can be used.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

need_debs() {
  # Qt's xcb/offscreen platforms and fontconfig; for the tests also poppler (PDF pages to PNG)
  # and zbar (reading a printed card's QR code back, as a scanner would).
  local pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libnss3 libasound2)
  [ "$mode" = test ] && pkgs+=(poppler-utils zbar-tools)
  local missing=()
  command -v dpkg-query >/dev/null || return 0
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && { command -v sudo >/dev/null && sudo="sudo" || true; }
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    echo "Installing Qt's system libraries: ${missing[*]}"
    $sudo apt-get update -qq || true
    # Names differ between releases (libasound2 vs libasound2t64); install what exists.
    for p in "${missing[@]}"; do
      $sudo apt-get install -y -qq "$p" >/dev/null 2>&1 \
        || $sudo apt-get install -y -qq "${p}t64" >/dev/null 2>&1 \
        || echo "  (could not install $p; Qt may still work without it)"
    done
  else
    echo "Missing Qt libraries (install them with apt-get): ${missing[*]}"
  fi
}

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "Satu Desa needs Python 3.11 or newer"; exit 1; }
need_debs
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv 2>/dev/null || {
    echo "python3-venv is missing; installing it"; apt-get install -y -qq python3-venv >/dev/null
    "$python" -m venv .venv; }
fi
case "$mode" in
  test|lint) extras="[test]" ;;
  *) extras="[demo]" ;;  # the demo village of the first run: more varied names with Faker
esac
stamp=".venv/.installed$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extras"
  touch "$stamp"
fi

case "$mode" in
  run)
    exec .venv/bin/satudesa "${@:2}" demo --if-empty --open
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest "${@:2}"
    ;;
  lint)
    .venv/bin/ruff check . && .venv/bin/ruff format --check . \
      && .venv/bin/lint-imports && exec .venv/bin/mypy
    ;;
  *)
    echo "usage: bash build_spec/install.sh run|test|lint"; exit 2 ;;
esac
