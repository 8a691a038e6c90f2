#!/usr/bin/env bash
# Sets up what the module harness needs on a fresh machine, after setup.sh (whose private arm64
# apt configuration it reuses, so the machine's own sources stay untouched):
#  - gcc-aarch64-linux-gnu (and make, cpio) from the machine's apt;
#  - Debian's linux-headers-VER-arm64, linux-headers-VER-common and linux-kbuild-VER for the
#    6.12 kernel setup.sh unpacked, and busybox-static (arm64), downloaded with
#    `apt-get download` into the cache and unpacked there. The arm64 headers' Makefile includes
#    the common headers by an absolute /usr/src path: it is pointed at the unpacked copy, and
#    the kbuild tools' /usr/lib path the same way. linux-kbuild is the machine's architecture
#    (its fixdep, modpost and genksyms run on the build machine, as in a Debian cross build).
# Prints "HEADERS BUSYBOX": the folder to build modules against and the arm64 busybox binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${DMASCOPE_REALKERNEL_CACHE:-$HOME/.cache/dmascope-realkernel}"
export DMASCOPE_REALKERNEL_CACHE="$cache"
"$here/setup.sh" >/dev/null

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need+=(gcc-aarch64-linux-gnu)
command -v make >/dev/null 2>&1 || need+=(make)
command -v cpio >/dev/null 2>&1 || need+=(cpio)
command -v bc >/dev/null 2>&1 || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  echo "realkernel: installing ${need[*]}" >&2
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >&2
fi

# shellcheck source=apt-arm64.sh
source "$here/apt-arm64.sh"

# The kernel's release string: linux-image-6.12.118+deb12-arm64-unsigned -> 6.12.118+deb12.
read -r image_pkg image_ver <"$cache/kernels/6.12/version"
release="${image_pkg#linux-image-}"
release="${release%-arm64-unsigned}"
out="$cache/module-build/$release"
if [ ! -f "$out/ready" ] || [ "$(cat "$out/ready")" != "$image_pkg $image_ver $host_arch" ]; then
  rm -rf "$out.tmp" && mkdir -p "$out.tmp/root"
  for pkg in "linux-headers-$release-arm64=$image_ver" "linux-headers-$release-common=$image_ver" \
    "linux-kbuild-$release:$host_arch=$image_ver" busybox-static:arm64; do
    deb="$(apt_download "$pkg")"
    dpkg-deb -x "$deb" "$out.tmp/root"
  done
  headers="$out/root/usr/src/linux-headers-$release-arm64"
  # The arm64 headers name the common headers and the kbuild tools by absolute paths (their
  # Makefile includes /usr/src/linux-headers-*-common/Makefile; scripts and tools are
  # symlinks into /usr/lib/linux-kbuild-*): point both at the unpacked copy.
  sed -i "s|/usr/src/linux-headers-$release-common|$out/root/usr/src/linux-headers-$release-common|g" \
    "$out.tmp/root/usr/src/linux-headers-$release-arm64/Makefile"
  for link in "$out.tmp/root/usr/src/linux-headers-$release-arm64/"* \
    "$out.tmp/root/usr/src/linux-headers-$release-common/"*; do
    [ -L "$link" ] || continue
    target="$(readlink "$link")"
    case "$target" in
      /usr/lib/*) ln -sfn "$out/root$target" "$link" ;;
      ../../lib/*) ln -sfn "$out/root/usr/lib/${target#../../lib/}" "$link" ;;
    esac
  done
  echo "$image_pkg $image_ver $host_arch" >"$out.tmp/ready"
  rm -rf "$out" && mv "$out.tmp" "$out"
fi
echo "$out/root/usr/src/linux-headers-$release-arm64 $out/root/bin/busybox"
