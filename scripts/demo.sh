#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# scripts/demo.sh - builds and runs kmdfsim's demo: the sample thermal sensor
# driver (examples/thermal_sensor), built unchanged from its WDK-style sources,
# with two devices queried, set, called and listened to through wmium.h.
#
# Missing packages are installed first (scripts/install-deps.sh base: apt-get,
# through sudo when not root). Only what the demo needs is built (Release,
# build/demo): the library, the host tools, the driver and the demo program.
# The sample driver's own tests run with the rest of the suite (scripts/test.sh).
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
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DKMDFSIM_BUILD_TESTS=OFF -DKMDFSIM_BUILD_BENCHMARKS=OFF -DKMDFSIM_BUILD_EXAMPLES=ON "${extra[@]}" >/dev/null
cmake --build "$BUILD_DIR" --target kmdfsim_demo
echo
exec "$BUILD_DIR/examples/thermal_sensor/kmdfsim_demo"
