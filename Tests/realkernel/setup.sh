#!/usr/bin/env bash
# Sets up the real-kernel oracle on a fresh machine:
#  - qemu-system-arm (qemu-system-aarch64) and device-tree-compiler from the machine's apt;
#  - Debian's arm64 kernels for 6.1 (bookworm) and 6.12 (bookworm-security, 6.12.*+deb12),
#    downloaded with `apt-get download` through a private apt configuration whose lists, cache
#    and sources all live under the cache folder. `dpkg --add-architecture` is never run: the
#    machine's own apt state stays untouched.
# Prints, one a line, "VERSION IMAGE" for every kernel it unpacked (IMAGE is an uncompressed
# arm64 Image QEMU can boot). Fails loudly when the archive cannot be reached.
set -euo pipefail
cache="${DMASCOPE_REALKERNEL_CACHE:-$HOME/.cache/dmascope-realkernel}"
mirror="${DMASCOPE_REALKERNEL_MIRROR:-http://deb.debian.org/debian}"
security="${DMASCOPE_REALKERNEL_SECURITY:-http://deb.debian.org/debian-security}"
mkdir -p "$cache"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
need=()
command -v qemu-system-aarch64 >/dev/null 2>&1 || need+=(qemu-system-arm)
command -v dtc >/dev/null 2>&1 || need+=(device-tree-compiler)
[ -f "$keyring" ] || need+=(debian-archive-keyring)
if [ ${#need[@]} -gt 0 ]; then
  echo "realkernel: installing ${need[*]}" >&2
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "realkernel: error: ${need[*]} missing and there is no apt-get to install them" >&2
    exit 1
  fi
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >&2
fi

# The private apt root: arm64 (and the machine's own architecture, for the host half of a
# cross build: linux-kbuild's fixdep and modpost run here), bookworm + bookworm-security,
# everything under $cache/apt.
# APT_CONFIG names a configuration file that points every Dir::State, Dir::Cache and Dir::Etc
# path (sources, parts, preferences, apt.conf.d) into the cache folder, so neither the
# machine's sources nor its lists, status or architectures are read or written.
root="$cache/apt"
host_arch="$(dpkg --print-architecture)"
arches="arm64"
[ "$host_arch" = arm64 ] || arches="arm64,$host_arch"
mkdir -p "$root/etc/preferences.d" "$root/etc/apt.conf.d" "$root/etc/sources.list.d" \
  "$root/etc/trusted.gpg.d" "$root/state/lists/partial" "$root/cache/archives/partial" \
  "$cache/debs"
[ -f "$root/state/status" ] || : >"$root/state/status"
cat >"$root/etc/sources.list" <<SOURCES
deb [arch=$arches signed-by=$keyring] $mirror bookworm main
deb [arch=$arches signed-by=$keyring] $security bookworm-security main
SOURCES
cat >"$root/etc/apt.conf" <<CONF
APT::Architecture "arm64";
APT::Architectures { "${arches//,/\"; \"}"; };
Dir::State "$root/state";
Dir::State::status "$root/state/status";
Dir::Cache "$root/cache";
Dir::Etc "$root/etc";
Dir::Etc::SourceList "$root/etc/sources.list";
Dir::Etc::SourceParts "$root/etc/sources.list.d";
Dir::Etc::Preferences "$root/etc/preferences";
Dir::Etc::PreferencesParts "$root/etc/preferences.d";
Dir::Etc::Parts "$root/etc/apt.conf.d";
Dir::Etc::TrustedParts "$root/etc/trusted.gpg.d";
Debug::NoLocking "1";
Acquire::Retries "3";
CONF
# shellcheck source=apt-arm64.sh
source "$(dirname "$0")/apt-arm64.sh"
# The stamp names the architectures the lists hold: a cache from before the host's was added
# is updated again.
stamp="$root/state/updated"
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440 2>/dev/null)" ] ||
  [ "$(cat "$stamp")" != "$arches" ]; then
  echo "realkernel: apt-get update (private arm64 lists in $root)" >&2
  # --error-on=any: a source that cannot be fetched is an error, not a warning.
  if ! apt-get "${apt_private[@]}" update -qq --error-on=any >&2; then
    echo "realkernel: error: the Debian archive ($mirror, $security) cannot be reached" >&2
    exit 1
  fi
  echo "$arches" >"$stamp"
fi

# Newest linux-image-*-arm64-unsigned of each series.
pick() { # $1: version regex on the package name
  apt-cache "${apt_private[@]}" pkgnames linux-image- |
    grep -E "^linux-image-$1-arm64-unsigned$" | sort -V | tail -n 1 || true
}
for series in 6.1 6.12; do
  pkg="$(pick "${series//./\\.}\\.[0-9]+(\\+deb12)?(-[0-9]+)?")"
  if [ -z "$pkg" ]; then
    echo "realkernel: error: no linux-image-$series*-arm64-unsigned in the archive" >&2
    exit 1
  fi
  ver="$(apt-cache "${apt_private[@]}" policy "$pkg" | awk '/Candidate:/ { print $2 }')"
  out="$cache/kernels/$series"
  if [ ! -f "$out/Image" ] || [ "$(cat "$out/version" 2>/dev/null)" != "$pkg $ver" ]; then
    deb="$(apt_download "$pkg=$ver")"
    rm -rf "$out.tmp" && mkdir -p "$out.tmp"
    mkdir -p "$out.tmp/root"
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out.tmp/root" ./boot
    vmlinuz="$(ls "$out.tmp/root/boot/"vmlinuz-* | head -n 1)"
    # Debian's arm64 vmlinuz is a plain Image; older ones were gzip-compressed.
    if [ "$(head -c 2 "$vmlinuz" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
      gzip -dc "$vmlinuz" >"$out.tmp/Image"
    else
      cp "$vmlinuz" "$out.tmp/Image"
    fi
    cp "$out.tmp/root/boot/"config-* "$out.tmp/config"
    rm -rf "$out.tmp/root"
    echo "$pkg $ver" >"$out.tmp/version"
    rm -rf "$out" && mv "$out.tmp" "$out"
  fi
  echo "$series $out/Image"
done
