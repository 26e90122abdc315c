#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# scripts/test.sh - builds kmdfsim in every supported configuration and runs
# the whole test suite in each, stopping at the first failure.
#
#   scripts/test.sh [--only NAMES] [--skip NAMES] [--clean] [--no-deps] [-j N] [--list]
#
# Configurations (build directory build/<name>, in this order):
#   gcc         GCC, Debug, warnings as errors
#   clang-asan  Clang, Debug, AddressSanitizer + UndefinedBehaviorSanitizer
#               (leak detection on, any report fails the test)
#   clang-tsan  Clang, Debug, ThreadSanitizer (any report fails the test)
#   mingw       MinGW-w64 cross build for 64-bit Windows, warnings as errors,
#               tests run under Wine
#
# Missing packages are installed first (scripts/install-deps.sh: apt-get,
# through sudo when not root), only those the chosen configurations need.
#
# Options:
#   --only NAMES   run only these configurations (comma-separated; repeatable)
#   --skip NAMES   leave these out
#   --clean        empty build/<name> before configuring it (a Wine prefix in it stays)
#   --no-deps      do not check or install packages
#   -j N           tests ctest runs at once (default 2; KMDFSIM_TEST_JOBS)
#   --list         print the configuration names and exit
#
# Environment:
#   KMDFSIM_CMAKE_ARGS   extra arguments for every configure step
#                        (e.g. "-DKMDFSIM_BUILD_EXAMPLES=OFF")
#   KMDFSIM_CTEST_ARGS   extra arguments for every ctest run (e.g. "-R consumer")
#   KMDFSIM_BUILD_ROOT   where build/<name> go (default: build/ in the repository)
#   KMDFSIM_WINEPREFIX   Wine prefix of the mingw configuration (default
#                        <build root>/mingw/wineprefix); created on first use
#                        (about 7 s, 700 MB) and reused afterwards
#   KMDFSIM_TEST_TIMEOUT seconds before ctest kills a test (default 300)
#   KMDFSIM_SKIP_DEPS=1  same as --no-deps
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_ROOT=${KMDFSIM_BUILD_ROOT:-$ROOT/build}
JOBS=${KMDFSIM_TEST_JOBS:-2}
# shellcheck source=install-deps.sh disable=SC1091
source "$ROOT/scripts/install-deps.sh"

# ---- Configurations ---------------------------------------------------------
# A configuration is a name in CONFIGS plus two functions named after it
# ('-' becomes '_'):
#   deps_<name>  prints the scripts/install-deps.sh groups it needs
#   run_<name>   configures build/<name>, builds it and runs ctest, with the
#                helpers configure_and_build and run_ctest below
# Adding one (ThreadSanitizer, say) = writing those two functions and
# appending the name to CONFIGS.
CONFIGS=(gcc clang-asan clang-tsan mingw)

deps_gcc() { echo base; }
run_gcc() {
  configure_and_build gcc \
    -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
    -DCMAKE_BUILD_TYPE=Debug -DKMDFSIM_WERROR=ON
  run_ctest gcc
}

SANITIZE_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
deps_clang_asan() { echo base clang; }
run_clang_asan() {
  check_clang_sanitizers
  configure_and_build clang-asan \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug -DKMDFSIM_WERROR=ON \
    "-DCMAKE_C_FLAGS=$SANITIZE_FLAGS" "-DCMAKE_CXX_FLAGS=$SANITIZE_FLAGS" \
    "-DCMAKE_EXE_LINKER_FLAGS=$SANITIZE_FLAGS" "-DCMAKE_SHARED_LINKER_FLAGS=$SANITIZE_FLAGS" \
    "-DCMAKE_MODULE_LINKER_FLAGS=$SANITIZE_FLAGS"
  run_ctest clang-asan ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
}

TSAN_FLAGS="-fsanitize=thread -fno-omit-frame-pointer -g -O1"
deps_clang_tsan() { echo base clang; }
run_clang_tsan() {
  configure_and_build clang-tsan \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug -DKMDFSIM_WERROR=ON \
    "-DCMAKE_C_FLAGS=$TSAN_FLAGS" "-DCMAKE_CXX_FLAGS=$TSAN_FLAGS" \
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread" "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread"
  run_ctest clang-tsan TSAN_OPTIONS=halt_on_error=1
}

deps_mingw() { echo base mingw; }
run_mingw() {
  configure_and_build mingw \
    "-DCMAKE_TOOLCHAIN_FILE=$ROOT/cmake/toolchain-mingw-w64-x86_64.cmake" \
    -DCMAKE_BUILD_TYPE=Debug -DKMDFSIM_WERROR=ON
  wine_start "$BUILD_ROOT/mingw"
  run_ctest mingw
  wine_stop
}

# ---- Helpers ----------------------------------------------------------------
CLEAN=0
declare -A STATUS=() COUNTS=() ELAPSED=()
TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0
SELECTED=()
CURRENT=""
CURRENT_START=0
WINE_RUNNING=0

die() {
  printf 'test.sh: error: %s\n' "$*" >&2
  exit 1
}

banner() {
  printf '\n==== %s ====\n' "$*"
}

# configure_and_build NAME CMAKE_ARGS... - configures build/NAME with Ninja and builds it.
configure_and_build() {
  local name=$1 dir="$BUILD_ROOT/$1"
  shift
  if [[ $CLEAN == 1 && -d $dir ]]; then
    # The Wine prefix is no build output: keep it (re-creating it takes ~7 s).
    find "$dir" -mindepth 1 -maxdepth 1 ! -name wineprefix -exec rm -rf {} +
  fi
  local extra=()
  read -r -a extra <<<"${KMDFSIM_CMAKE_ARGS:-}"
  banner "[$name] configure"
  cmake -S "$ROOT" -B "$dir" -G Ninja "$@" "${extra[@]}"
  banner "[$name] build"
  cmake --build "$dir"
}

# run_ctest NAME [VAR=VALUE...] - runs ctest in build/NAME with the given
# environment, records the counts; returns ctest's status.
run_ctest() {
  local name=$1 dir="$BUILD_ROOT/$1" log="$BUILD_ROOT/$1/ctest.log" rc=0
  shift
  local extra=()
  read -r -a extra <<<"${KMDFSIM_CTEST_ARGS:-}"
  banner "[$name] test"
  env "$@" ctest --test-dir "$dir" --output-on-failure -j "$JOBS" --timeout "${KMDFSIM_TEST_TIMEOUT:-300}" --no-tests=error "${extra[@]}" 2>&1 9>&- |
    tee "$log" || rc=$?
  local total=0 failed=0 skipped=0 line
  # -a: test output may contain binary bytes, which would make grep print only "binary file matches".
  line=$(grep -aE '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [[ $line =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    failed=${BASH_REMATCH[1]}
    total=${BASH_REMATCH[2]}
  fi
  skipped=$(grep -acE '^[[:space:]]+[0-9]+ - .* \(Skipped\)$' "$log" || true)
  local passed=$((total - failed - skipped))
  COUNTS[$name]="$passed passed, $failed failed, $skipped skipped (of $total)"
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  if ((rc == 0 && total == 0)); then
    rc=1
  fi
  return "$rc"
}

check_clang_sanitizers() {
  local probe
  probe=$(mktemp -d "${TMPDIR:-/tmp}/kmdfsim-san.XXXXXX")
  printf 'int main(void) { return 0; }\n' >"$probe/p.c"
  # shellcheck disable=SC2086 # SANITIZE_FLAGS is a list of flags
  if ! clang $SANITIZE_FLAGS "$probe/p.c" -o "$probe/p" >"$probe/log" 2>&1; then
    cat "$probe/log" >&2
    rm -rf "$probe"
    die "clang cannot link the sanitizer runtimes: install them with \`apt-get install libclang-rt-dev\` (or libclang-rt-<version>-dev)"
  fi
  rm -rf "$probe"
}

# wine_start BUILD_DIR - starts wineserver and one wine process outside ctest.
# Started inside ctest instead, Wine's helper processes would inherit ctest's
# output pipe and ctest would wait for them forever.
wine_start() {
  local build_dir=$1 wine=""
  wine=$(sed -n 's/^KMDFSIM_WINE_EXECUTABLE:FILEPATH=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
  if [[ -z $wine || ! -x $wine ]]; then
    wine=$(command -v wine || command -v wine64 || true)
  fi
  [[ -n $wine ]] || die "wine not found: install it with \`apt-get install wine wine64\`"
  WINESERVER=$(command -v wineserver || command -v wineserver64 || true)
  for candidate in /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver; do
    [[ -n $WINESERVER ]] && break
    [[ -x $candidate ]] && WINESERVER=$candidate
  done
  [[ -n $WINESERVER ]] || die "wineserver not found: install it with \`apt-get install wine wine64\`"

  export WINEPREFIX=${KMDFSIM_WINEPREFIX:-$build_dir/wineprefix}
  export WINEARCH=win64 WINEDEBUG=-all
  # No Mono/Gecko installer prompts in a headless prefix.
  export WINEDLLOVERRIDES="mscoree,mshtml="
  mkdir -p "$WINEPREFIX"
  banner "[wine] starting wineserver (WINEPREFIX=$WINEPREFIX)"
  WINE_RUNNING=1
  # 9>&-: the daemons must not hold the build-root lock (lock_build_root).
  "$WINESERVER" -p </dev/null >/dev/null 2>&1 9>&- || true
  if ! "$wine" cmd /c exit </dev/null >/dev/null 2>&1 9>&-; then
    die "wine could not start a program in $WINEPREFIX (delete that directory to recreate the prefix, and check \`WINEDEBUG= $wine cmd /c exit\`)"
  fi
}

wine_stop() {
  if [[ $WINE_RUNNING == 1 ]]; then
    WINE_RUNNING=0
    "$WINESERVER" -k </dev/null >/dev/null 2>&1 || true
  fi
}

# Two runs in the same build directories would overwrite each other's files
# and kill each other's wineserver: a second run waits for the first.
lock_build_root() {
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$BUILD_ROOT"
  exec 9>"$BUILD_ROOT/.test.sh.lock"
  if ! flock -n 9; then
    echo "test.sh: another scripts/test.sh is using $BUILD_ROOT; waiting for it to finish"
    flock 9
  fi
}

fmt_time() {
  printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

print_summary() {
  local name
  banner "kmdfsim test summary"
  for name in "${SELECTED[@]}"; do
    printf '%-12s %-8s %-8s %s\n' "$name" "${STATUS[$name]:-not run}" \
      "${ELAPSED[$name]:+$(fmt_time "${ELAPSED[$name]}")}" "${COUNTS[$name]:-}"
  done
  printf 'total: %d passed, %d failed, %d skipped\n' "$TOTAL_PASSED" "$TOTAL_FAILED" "$TOTAL_SKIPPED"
}

on_exit() {
  local rc=$?
  wine_stop
  if [[ -n $CURRENT ]]; then
    STATUS[$CURRENT]=FAILED
    ELAPSED[$CURRENT]=$((SECONDS - CURRENT_START))
    printf '\ntest.sh: configuration %s failed; the ones after it were not run\n' "$CURRENT" >&2
    ((rc != 0)) || rc=1
  fi
  if ((${#SELECTED[@]} > 0)); then
    print_summary
  fi
  if ((rc != 0)); then
    printf 'test.sh: FAILED (exit %d)\n' "$rc" >&2
  fi
  exit "$rc"
}

is_config() {
  local c
  for c in "${CONFIGS[@]}"; do
    [[ $c == "$1" ]] && return 0
  done
  return 1
}

usage() {
  sed -n '/^# scripts\/test.sh/,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

# ---- Main -------------------------------------------------------------------
main() {
  local only=() skip=() names name no_deps=0
  while (($# > 0)); do
    case $1 in
      --only | --skip)
        [[ $# -ge 2 ]] || die "$1 needs a comma-separated list of configurations"
        IFS=, read -r -a names <<<"$2"
        if [[ $1 == --only ]]; then only+=("${names[@]}"); else skip+=("${names[@]}"); fi
        shift 2
        ;;
      --only=* | --skip=*)
        IFS=, read -r -a names <<<"${1#*=}"
        if [[ $1 == --only=* ]]; then only+=("${names[@]}"); else skip+=("${names[@]}"); fi
        shift
        ;;
      --clean) CLEAN=1; shift ;;
      --no-deps) no_deps=1; shift ;;
      -j)
        [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || die "-j needs a number"
        JOBS=$2
        shift 2
        ;;
      -j[0-9]*) JOBS=${1#-j}; shift ;;
      --list) printf '%s\n' "${CONFIGS[@]}"; exit 0 ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option '$1' (see scripts/test.sh --help)" ;;
    esac
  done
  for name in "${only[@]}" "${skip[@]}"; do
    is_config "$name" || die "unknown configuration '$name' (known: ${CONFIGS[*]})"
  done
  for name in "${CONFIGS[@]}"; do
    if ((${#only[@]} > 0)) && [[ " ${only[*]} " != *" $name "* ]]; then continue; fi
    if [[ " ${skip[*]} " == *" $name "* ]]; then continue; fi
    SELECTED+=("$name")
  done
  ((${#SELECTED[@]} > 0)) || die "no configuration selected"

  if [[ $no_deps == 0 ]]; then
    local groups=()
    for name in "${SELECTED[@]}"; do
      read -r -a names <<<"$("deps_${name//-/_}")"
      groups+=("${names[@]}")
    done
    kmdfsim_install_deps "${groups[@]}"
  fi

  lock_build_root
  trap on_exit EXIT
  trap 'exit 130' INT TERM
  # No `|| ...` around run_<name>: that would switch off `set -e` inside it.
  # A failing step exits the script; on_exit records which configuration.
  for name in "${SELECTED[@]}"; do
    CURRENT=$name
    CURRENT_START=$SECONDS
    "run_${name//-/_}"
    ELAPSED[$name]=$((SECONDS - CURRENT_START))
    STATUS[$name]=passed
    CURRENT=""
  done
}

main "$@"
