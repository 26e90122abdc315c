#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# scripts/demo.sh - builds kmdfsim (Release, build/demo) and runs its demo.
#
# Missing packages are installed first (scripts/install-deps.sh base:
# apt-get, through sudo when not root).
#
# What "the demo" is, in order (the hook for examples added later):
#   1. every executable named kmdfsim_demo in the build, run directly so its
#      session is printed as is (examples/thermal_sensor/demo);
#   2. then every ctest test labelled `example`, if there is any
#      (set_tests_properties(<test> PROPERTIES LABELS example)), which
#      includes the demo again and the sample driver's tests;
#   3. when there is neither, it says "demo not built yet" and exits 0.
#
# Environment: KMDFSIM_BUILD_ROOT (default: build/ in the repository),
# KMDFSIM_CMAKE_ARGS (extra configure arguments), KMDFSIM_SKIP_DEPS=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${KMDFSIM_BUILD_ROOT:-$ROOT/build}/demo
# shellcheck source=install-deps.sh disable=SC1091
source "$ROOT/scripts/install-deps.sh"

kmdfsim_install_deps base

extra=()
read -r -a extra <<<"${KMDFSIM_CMAKE_ARGS:-}"
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "${extra[@]}"
cmake --build "$BUILD_DIR"

mapfile -t demos < <(find "$BUILD_DIR" -type f \( -name kmdfsim_demo -o -name kmdfsim_demo.exe \) -perm -u+x | sort)
for demo in "${demos[@]}"; do
  echo "demo: running $demo"
  "$demo"
done

examples=$(ctest --test-dir "$BUILD_DIR" -N -L example | sed -n 's/^Total Tests: *//p')
if [[ ${examples:-0} -gt 0 ]]; then
  echo
  echo "demo: running the $examples test(s) labelled 'example'"
  exec ctest --test-dir "$BUILD_DIR" -L example --output-on-failure
fi

if ((${#demos[@]} == 0)); then
  echo "demo not built yet"
fi
