#!/usr/bin/env bash
# scripts/fetch-cmocka-source.sh DEST
#
# Puts cmocka's source tree (the one Debian ships, via `apt-get source cmocka`)
# at DEST, so that a cross build for Windows can compile cmocka itself: Debian
# has no MinGW cmocka package, and kmdfsim vendors nothing.
#
# The system's apt sources usually list binary packages only (`Types: deb`).
# This script never edits them: it derives a private copy with `deb-src` in a
# temporary directory and points apt-get at that copy and at private package
# lists, so it needs no root rights (only network access to the same mirrors).
#
# DEST is replaced only when the download and unpacking succeeded; DEST/src/cmocka.c
# then exists. CMake (cmake/KmdfsimCmocka.cmake) runs this at configure time.
# Offline? Unpack a cmocka 1.1.x source tree anywhere and configure with
# -DKMDFSIM_CMOCKA_SOURCE_DIR=/path/to/cmocka-1.1.x instead.
set -euo pipefail

die() {
  printf 'fetch-cmocka-source: error: %s\n' "$*" >&2
  exit 1
}

[[ $# -eq 1 && -n $1 ]] || die "usage: $0 DEST"
dest=$1
package=${KMDFSIM_CMOCKA_PACKAGE:-cmocka}

command -v apt-get >/dev/null 2>&1 ||
  die "apt-get not found: this script needs a Debian/Ubuntu system. Unpack a cmocka 1.1.x source tree yourself and configure with -DKMDFSIM_CMOCKA_SOURCE_DIR=<dir>."

work=$(mktemp -d "${TMPDIR:-/tmp}/kmdfsim-cmocka.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sources" "$work/lists/partial" "$work/cache/archives/partial" "$work/download"

# 1. A deb-src twin of every enabled system source, in deb822 or one-line form.
shopt -s nullglob
count=0
for file in /etc/apt/sources.list.d/*.sources; do
  sed -E 's/^Types:.*/Types: deb-src/' "$file" >"$work/sources/$(basename "$file")"
  count=$((count + 1))
done
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [[ -f $file ]] || continue
  out="$work/sources/src-$(basename "$file")"
  [[ $out == *.list ]] || out="$out.list"
  sed -n -E 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' "$file" >"$out"
  count=$((count + 1))
done
shopt -u nullglob
((count > 0)) || die "no apt sources found under /etc/apt; cannot derive deb-src entries"

apt_opts=(
  -o "Dir::Etc::SourceList=/dev/null"
  -o "Dir::Etc::SourceParts=$work/sources"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -q
)
if [[ $(id -u) -eq 0 ]]; then
  # As root apt would drop to the _apt user, which cannot write to our
  # private directories (it then warns and downloads as root anyway).
  apt_opts+=(-o "APT::Sandbox::User=root")
fi

echo "fetch-cmocka-source: reading source package lists (private copy under $work)"
apt-get "${apt_opts[@]}" update >"$work/update.log" 2>&1 || {
  cat "$work/update.log" >&2
  die "apt-get update of the deb-src lists failed (network? mirrors reachable?)"
}

# 2. Download and unpack. dpkg-source (dpkg-dev) applies Debian's patches;
#    without it, unpack the upstream tarball directly.
cd "$work/download"
if command -v dpkg-source >/dev/null 2>&1; then
  apt-get "${apt_opts[@]}" source "$package" >"$work/source.log" 2>&1 || {
    cat "$work/source.log" >&2
    die "apt-get source $package failed"
  }
else
  apt-get "${apt_opts[@]}" source --download-only "$package" >"$work/source.log" 2>&1 || {
    cat "$work/source.log" >&2
    die "apt-get source --download-only $package failed"
  }
  shopt -s nullglob
  tarballs=("$package"_*.orig.tar.*)
  shopt -u nullglob
  ((${#tarballs[@]} == 1)) || die "expected one ${package}_*.orig.tar.* after download, found ${#tarballs[@]} (install dpkg-dev)"
  tar -xf "${tarballs[0]}"
fi

shopt -s nullglob
trees=()
for dir in "$package"-*/; do
  [[ -f $dir/src/cmocka.c ]] && trees+=("${dir%/}")
done
shopt -u nullglob
((${#trees[@]} == 1)) || die "could not find the unpacked source tree (looked for $package-*/src/cmocka.c)"

# 3. Move into place atomically enough: DEST appears only when complete.
mkdir -p "$(dirname "$dest")"
rm -rf "$dest.partial"
cp -R "${trees[0]}" "$dest.partial"
rm -rf "$dest"
mv "$dest.partial" "$dest"
echo "fetch-cmocka-source: ${trees[0]} unpacked to $dest"
