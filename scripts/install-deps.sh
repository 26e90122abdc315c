#!/usr/bin/env bash
# scripts/install-deps.sh - installs the Debian/Ubuntu packages that kmdfsim's
# build and test scripts need, and only those that are missing.
#
#   scripts/install-deps.sh [GROUP...]      GROUP: base clang mingw all (default: all)
#
#   base   cmake ninja-build gcc g++ pkg-config libcmocka-dev uthash-dev
#   clang  clang (its sanitizer runtimes come with it)
#   mingw  mingw-w64 wine wine64 dpkg-dev xz-utils (cross build, run under Wine;
#          dpkg-dev unpacks cmocka's source, fetched at build time)
#
# When something is missing it runs `apt-get update` and `apt-get install -y`,
# through sudo when not root. scripts/test.sh and scripts/demo.sh source this
# file and call kmdfsim_install_deps themselves. KMDFSIM_SKIP_DEPS=1 skips it all.

kmdfsim_packages_for() {
  case $1 in
    base) echo "cmake ninja-build gcc g++ pkg-config libcmocka-dev uthash-dev" ;;
    clang) echo "clang" ;;
    mingw) echo "mingw-w64 wine wine64 dpkg-dev xz-utils" ;;
    all) echo "$(kmdfsim_packages_for base) $(kmdfsim_packages_for clang) $(kmdfsim_packages_for mingw)" ;;
    *)
      echo "install-deps: unknown group '$1' (expected base, clang, mingw or all)" >&2
      return 2
      ;;
  esac
}

# Runs apt-get as root: directly, or through sudo.
kmdfsim_apt_get() {
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo env DEBIAN_FRONTEND=noninteractive apt-get "$@"
  else
    echo "install-deps: installing packages needs root: run this as root, or install sudo" >&2
    return 1
  fi
}

kmdfsim_package_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# kmdfsim_install_deps GROUP... - installs the missing packages of the groups.
kmdfsim_install_deps() {
  local groups=("$@") packages=() missing=() pkgs=() group pkg list
  ((${#groups[@]} > 0)) || groups=(all)
  if [[ ${KMDFSIM_SKIP_DEPS:-0} == 1 ]]; then
    echo "install-deps: KMDFSIM_SKIP_DEPS=1, not checking packages"
    return 0
  fi
  # Unique group names, in order, for the messages below.
  read -r -a groups <<<"$(printf '%s\n' "${groups[@]}" | awk '!seen[$0]++' | tr '\n' ' ')"
  for group in "${groups[@]}"; do
    list=$(kmdfsim_packages_for "$group") || return 2
    read -r -a pkgs <<<"$list"
    packages+=("${pkgs[@]}")
  done
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: not a Debian/Ubuntu system; install the equivalents of these yourself: ${packages[*]}" >&2
    return 0
  fi
  for pkg in "${packages[@]}"; do
    if ! kmdfsim_package_installed "$pkg"; then
      case " ${missing[*]} " in *" $pkg "*) ;; *) missing+=("$pkg") ;; esac
    fi
  done
  if ((${#missing[@]} == 0)); then
    echo "install-deps: all needed packages are installed (${groups[*]})"
    return 0
  fi
  echo "install-deps: installing ${missing[*]}"
  kmdfsim_apt_get update -q || {
    echo "install-deps: apt-get update failed; fix the apt sources or the network and retry" >&2
    return 1
  }
  kmdfsim_apt_get install -y -q "${missing[@]}" </dev/null || {
    echo "install-deps: apt-get install ${missing[*]} failed" >&2
    return 1
  }
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  kmdfsim_install_deps "$@"
fi
