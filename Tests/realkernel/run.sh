#!/usr/bin/env bash
# The real kernel as the oracle: boots Debian's arm64 kernels under QEMU (TCG) on every tree and
# command line of cases.txt, keeps the early memory lines, and compares them with
# `dmascope boot` on the same tree and command line under the matching `--kernel` profile.
#
#   Tests/realkernel/run.sh BIN [--kernel 6.1|6.12|all] [--case NAME] [--keep DIR] [--jobs N]
#                               [--reuse DIR]
#
# Installs what it needs (setup.sh), caches downloads and dumped trees under
# $HOME/.cache/dmascope-realkernel (DMASCOPE_REALKERNEL_CACHE), and fails loudly when the
# archive cannot be reached. Prints one row per case and kernel, then "N passed, N failed".
# --keep DIR keeps every tree, boot log and both sides' lines in DIR; --reuse DIR compares
# again with the boot logs an earlier --keep left there instead of booting (for working on
# dmascope's side; CI always boots).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:?usage: run.sh BIN [--kernel 6.1|6.12|all] [--case NAME] [--keep DIR] [--jobs N] [--reuse DIR]}"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
shift
kernels="6.12 6.1"
only=""
keep=""
reuse=""
jobs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --kernel) [ "$2" = all ] && kernels="6.12 6.1" || kernels="$2"; shift 2 ;;
    --case) only="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --reuse) reuse="$2"; keep="$2"; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cache="${DMASCOPE_REALKERNEL_CACHE:-$HOME/.cache/dmascope-realkernel}"
export DMASCOPE_REALKERNEL_CACHE="$cache"
declare -A image
if [ -z "$reuse" ]; then
  setup_out="$("$here/setup.sh")" || { echo "realkernel: error: setup failed" >&2; exit 1; }
  while read -r version path; do image[$version]="$path"; done <<<"$setup_out"
fi

work="${keep:-$(mktemp -d)}"
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

# The early memory lines both sides are compared on (timestamps stripped): reserved memory,
# CMA, zones and node ranges, swiotlb, the atomic pools. The `Memory:` line is not compared.
early='^(OF: reserved mem: |Reserved memory: |cma: |Zone ranges:|  (DMA|DMA32|Normal|Device) +(\[|empty)|Movable zone start|Early memory node ranges|  node +[0-9]+: |Initmem setup node|software IO TLB: |DMA: preallocated )'

# shellcheck source=virt-tree.sh
source "$here/virt-tree.sh"

# Builds NAME.dtb: the virt tree with the fragment merged in (/memreserve/ lines go first).
build_tree() { # $1 name, $2 ram, $3 fragment
  local dts="$work/$1.dts" base
  base="$(virt_dts "$2")"
  if [ "$3" = - ]; then
    cp "$base" "$dts"
  else
    local fragment="$here/fragments/$3.dtsi"
    { echo "/dts-v1/;"
      grep '^/memreserve/' "$fragment" || true
      grep -v '^/dts-v1/;' "$base"
      grep -v '^/memreserve/' "$fragment"
    } >"$dts"
  fi
  dtc -q -I dts -O dtb -o "$work/$1.dtb" "$dts"
}

# Boots one kernel on one tree until the last early line it needs (or the panic for want of a
# root fs, or 180 s), then stops QEMU. The boot log goes to $work/NAME.VERSION.log.
boot_real() { # $1 name, $2 ram, $3 version, $4 cmdline
  local log="$work/$1.$3.log" pid waited=0
  if [ -n "$reuse" ]; then
    [ -f "$log" ] || echo "realkernel: --reuse: no boot log $log" >"$log"
    return
  fi
  : >"$log"
  qemu-system-aarch64 -M virt -cpu cortex-a57 -smp 4 -m "$2" -nic none -nographic -no-reboot \
    -kernel "${image[$3]}" -dtb "$work/$1.dtb" \
    -append "console=ttyAMA0 earlycon panic=-1 nokaslr $4" </dev/null >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if grep -q -E 'DMA: preallocated .*GFP_DMA32 pool|audit: initializing netlink|Kernel panic' "$log"; then
      break
    fi
    if [ "$waited" -ge 1800 ]; then
      echo "realkernel: $1 on $3: no early memory lines after 180 s" >>"$log"
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

run_case() { # $1 name, $2 ram, $3 version, $4 cmdline
  local name="$1" ram="$2" version="$3" cmdline="$4" start end took
  start=$(date +%s%N)
  boot_real "$name" "$ram" "$version" "$cmdline"
  end=$(date +%s%N)
  took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  tr -d '\r' <"$work/$name.$version.log" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' |
    grep -E "$early" >"$work/$name.$version.real" || true
  "$bin" boot "$work/$name.dtb" --kernel "$version" --config debian \
    --cmdline "console=ttyAMA0 earlycon panic=-1 nokaslr $cmdline" \
    >"$work/$name.$version.dmascope.all" 2>&1 || true
  # Only the log: it ends at the first blank line, before dmascope's memory map.
  sed '/^$/q' "$work/$name.$version.dmascope.all" | grep -E "$early" \
    >"$work/$name.$version.dmascope" || true
  local real_count differ
  real_count=$(wc -l <"$work/$name.$version.real")
  if ! tr -d '\r' <"$work/$name.$version.log" | grep -q -E 'DMA: preallocated .*GFP_DMA32 pool'; then
    printf '%-18s %-5s %5.1fs FAIL  the real kernel did not reach its atomic pools\n' \
      "$name" "$version" "$took" >"$work/$name.$version.row"
    tail -n 5 "$work/$name.$version.log" | sed 's/^/    /' >>"$work/$name.$version.row"
    return
  fi
  if [ "$real_count" -lt 5 ]; then
    printf '%-18s %-5s %5.1fs FAIL  no early memory lines from the real kernel\n' \
      "$name" "$version" "$took" >"$work/$name.$version.row"
    return
  fi
  differ=$(diff "$work/$name.$version.real" "$work/$name.$version.dmascope" | grep -c '^[<>]' || true)
  if [ "$differ" = 0 ]; then
    printf '%-18s %-5s %5.1fs pass  %d lines equal\n' "$name" "$version" \
      "$took" "$real_count" >"$work/$name.$version.row"
  else
    printf '%-18s %-5s %5.1fs FAIL  %d of %d lines differ\n' "$name" "$version" \
      "$took" "$differ" "$real_count" >"$work/$name.$version.row"
    diff "$work/$name.$version.real" "$work/$name.$version.dmascope" |
      grep '^[<>]' | sed 's/^</    real    /; s/^>/    dmascope/' >>"$work/$name.$version.row" || true
  fi
}

started=$(date +%s)
trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; echo "${s%"${s##*[![:space:]]}"}"; }
names=()
while IFS='|' read -r name ram fragment cmdline; do
  name="$(trim "$name")"
  case "$name" in '' | '#'*) continue ;; esac
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  ram="$(trim "$ram")"
  fragment="$(trim "$fragment")"
  cmdline="$(trim "$cmdline")"
  build_tree "$name" "$ram" "$fragment"
  for version in $kernels; do
    names+=("$name.$version")
    run_case "$name" "$ram" "$version" "$cmdline" &
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  done
done <"$here/cases.txt"
wait
passed=0
failed=0
for entry in "${names[@]}"; do
  cat "$work/$entry.row"
  if grep -q '^[^ ]* *[^ ]* *[0-9.]*s pass' "$work/$entry.row"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "realkernel: $passed passed, $failed failed in $(($(date +%s) - started)) s"
[ "$failed" = 0 ]
