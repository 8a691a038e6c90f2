#!/usr/bin/env bash
# Scenarios in the real kernel: every Tests/realkernel/modules/*.dms is exported with
# `dmascope export-module`, built against Debian's 6.12 headers, loaded from a busybox
# initramfs in QEMU's virt machine running Debian's 6.12 kernel, and the kernel's `dmascope:`
# lines are compared with `dmascope export-module --trace` on the same scenario.
#
#   Tests/realkernel/module.sh BIN [--case NAME] [--keep DIR]
#
# A scenario names its tree `board "virt-SIZE.dts"` or `board "virt-SIZE-coherent.dts"`:
# QEMU's own virt tree for that RAM size (dumped as run.sh dumps it) with one more node,
# `dmascope-dev { compatible = "dmascope,module"; };` (`dma-coherent;` in the -coherent one),
# written next to the scenario in the work folder, so dmascope and the kernel read the same
# tree. Its `cmdline "..."` goes on the kernel's command line too. /init pins insmod to CPU 0
# (`taskset 1`: swiotlb picks its area by the calling CPU) and powers off.
#
# How a kernel value is compared with dmascope's, field by field (same calls, same keys):
#  - exact: dmascope prints hex (CMA and swiotlb addresses, statuses, ok/NULL, the begin line):
#    the kernel's value must be the same text;
#  - page+0xOFF: the kernel took the page from the buddy allocator, whose choice depends on
#    everything allocated before the module loaded: only the low 12 bits (the offset in the
#    page) must equal OFF;
#  - slab: a slab object (kmalloc): any value;
#  - but for both, a kernel value inside the swiotlb pool or the CMA area the kernel's own boot
#    log names (`software IO TLB: mapped [mem A-B]`, `cma: Reserved N MiB at A`) differs:
#    the kernel bounced or used CMA where dmascope did not.
# Prints one row per call (real value, dmascope value, equal?) and "N calls equal, N differ";
# exits non-zero on any difference, a build failure or a boot without the `end` line (each
# boot is bounded by DMASCOPE_MODULE_TIMEOUT seconds, 120 by default). The module is built
# without BTF (CONFIG_DEBUG_INFO_BTF_MODULES= on make's command line: pahole is not needed).
# --keep DIR keeps every module, tree, initramfs and log in DIR; otherwise the work folder is
# removed on exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:?usage: module.sh BIN [--case NAME] [--keep DIR]}"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
shift
only=""
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --case) only="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "module.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
timeout_s="${DMASCOPE_MODULE_TIMEOUT:-120}"
cache="${DMASCOPE_REALKERNEL_CACHE:-$HOME/.cache/dmascope-realkernel}"
export DMASCOPE_REALKERNEL_CACHE="$cache"
read -r headers busybox < <("$here/module-setup.sh") ||
  { echo "module: error: module-setup.sh failed" >&2; exit 1; }
image="$cache/kernels/6.12/Image"
[ -f "$image" ] || { echo "module: error: no 6.12 kernel at $image" >&2; exit 1; }
# shellcheck source=virt-tree.sh
source "$here/virt-tree.sh"

work="${keep:-$(mktemp -d)}"
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

# The swiotlb pool and CMA area of the boot being compared, "START END" (END exclusive).
kernel_ranges=()

# kernel_ranges from a boot log.
read_kernel_ranges() { # $1 boot log
  local start end base mib
  kernel_ranges=()
  while read -r start end; do kernel_ranges+=("$start $end"); done < <(
    tr -d '\r' <"$1" | sed -n -E 's/.*software IO TLB: mapped \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\].*/\1 \2/p')
  while read -r mib base; do kernel_ranges+=("$base $((base + (mib << 20)))"); done < <(
    tr -d '\r' <"$1" | sed -n -E 's/.*cma: Reserved ([0-9]+) MiB at (0x[0-9a-f]+).*/\1 \2/p')
}

# Whether a kernel value lies in its swiotlb pool or CMA area.
in_kernel_ranges() { # $1 value (hex)
  local range
  for range in "${kernel_ranges[@]}"; do
    # shellcheck disable=SC2086
    set -- "$1" $range
    if [ $(($1)) -ge $(($2)) ] && [ $(($1)) -lt $(($3)) ]; then return 0; fi
  done
  return 1
}

# One field: the kernel's value against dmascope's, by the rules above.
field_equal() { # $1 real, $2 dmascope
  case "$2" in
    slab)
      case "$1" in 0x*) ! in_kernel_ranges "$1" ;; *) return 1 ;; esac ;;
    page+0x*)
      case "$1" in 0x*) ;; *) return 1 ;; esac
      ! in_kernel_ranges "$1" && [ $(($1 & 0xfff)) -eq $((0x${2#page+0x})) ] ;;
    *) [ "$1" = "$2" ] ;;
  esac
}

# One line: same call, same keys, every value equal.
line_equal() { # $1 real line, $2 dmascope line
  local -a real mine
  read -r -a real <<<"$1"
  read -r -a mine <<<"$2"
  [ "${#real[@]}" -eq "${#mine[@]}" ] || return 1
  local i
  for i in "${!real[@]}"; do
    if [ "${real[$i]%%=*}" != "${mine[$i]%%=*}" ]; then return 1; fi
    if [[ "${mine[$i]}" == *=* ]]; then
      field_equal "${real[$i]#*=}" "${mine[$i]#*=}" || return 1
    elif [ "${real[$i]}" != "${mine[$i]}" ]; then
      return 1
    fi
  done
}

# A line's values: what follows `dmascope: L<line> <call>` (or `dmascope: begin DEV`).
values() { # $1 line
  local -a words
  read -r -a words <<<"$1"
  echo "${words[*]:3}"
}

# Builds, boots and compares one scenario; writes NAME.rows and NAME.status.
run_case() { # $1 scenario file
  local name dir board size coherent cmdline module took start
  name="$(basename "$1" .dms)"
  dir="$work/$name"
  rm -rf "$dir" && mkdir -p "$dir/module" "$dir/initramfs/bin" "$dir/initramfs/proc"
  cp "$1" "$dir/"
  board="$(sed -n -E 's/^board "(virt-[0-9]+[MG](-coherent)?\.dts)".*/\1/p' "$1" | head -n 1)"
  if [ -z "$board" ]; then
    echo "$1:1:1: error: no board \"virt-SIZE[-coherent].dts\"" >"$dir/rows"
    echo fail >"$dir/status"
    return
  fi
  size="${board#virt-}"
  size="${size%.dts}"
  coherent=""
  case "$size" in *-coherent) coherent=1; size="${size%-coherent}" ;; esac
  cmdline="$(sed -n -E 's/^cmdline "([^"]*)".*/\1/p' "$1" | head -n 1)"
  { sed '$d' "$(virt_dts "$size")"
    printf '\n\tdmascope-dev {\n\t\tcompatible = "dmascope,module";\n'
    [ -z "$coherent" ] || printf '\t\tdma-coherent;\n'
    printf '\t};\n};\n'
  } >"$dir/$board"
  dtc -q -I dts -O dtb -o "$dir/tree.dtb" "$dir/$board"
  module="dmascope_${name//-/_}"
  if ! "$bin" export-module "$dir/$name.dms" --out "$dir/module" --name "$module" \
    >"$dir/export.log" 2>&1 ||
    ! "$bin" export-module "$dir/$name.dms" --trace >"$dir/dmascope" 2>>"$dir/export.log"; then
    { echo "export-module failed:"; sed 's/^/    /' "$dir/export.log"; } >"$dir/rows"
    echo fail >"$dir/status"
    return
  fi
  if ! make -s -C "$headers" M="$dir/module" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
    CONFIG_DEBUG_INFO_BTF_MODULES= >"$dir/make.log" 2>&1; then
    { echo "the module did not build:"; tail -n 15 "$dir/make.log" | sed 's/^/    /'; } \
      >"$dir/rows"
    echo fail >"$dir/status"
    return
  fi
  cp "$busybox" "$dir/initramfs/bin/busybox"
  cp "$dir/module/$module.ko" "$dir/initramfs/module.ko"
  cat >"$dir/initramfs/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox taskset 1 /bin/busybox insmod /module.ko
/bin/busybox poweroff -f
INIT
  chmod +x "$dir/initramfs/init"
  (cd "$dir/initramfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$dir/initramfs.gz"
  start=$(date +%s%N)
  timeout "$timeout_s" qemu-system-aarch64 -M virt -cpu cortex-a57 -smp 4 -m "$size" -nic none \
    -nographic -no-reboot -kernel "$image" -initrd "$dir/initramfs.gz" -dtb "$dir/tree.dtb" \
    -append "console=ttyAMA0 panic=-1 nokaslr $cmdline" </dev/null >"$dir/boot.log" 2>&1 || true
  took=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  echo "$took" >"$dir/took"
  # The kernel's lines, from the first begin to the first end (the console may print its
  # backlog twice), timestamps stripped.
  tr -d '\r' <"$dir/boot.log" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' | grep -a '^dmascope: ' |
    awk '/^dmascope: begin /{ on = 1 } on { print } /^dmascope: end$/ && on { exit }' \
      >"$dir/real" || true
  if ! grep -q '^dmascope: end$' "$dir/real"; then
    { echo "the kernel printed no 'dmascope: end' in ${took} s (limit ${timeout_s} s):"
      tr -d '\r' <"$dir/boot.log" | tail -n 8 | sed 's/^/    /'; } >"$dir/rows"
    echo fail >"$dir/status"
    return
  fi
  local status=pass real_line mine_line verdict key
  read_kernel_ranges "$dir/boot.log"
  : >"$dir/rows"
  mapfile -t reals <"$dir/real"
  mapfile -t mines <"$dir/dmascope"
  local count=${#reals[@]}
  [ "${#mines[@]}" -le "$count" ] || count=${#mines[@]}
  for ((i = 0; i < count; i++)); do
    real_line="${reals[$i]:-}"
    mine_line="${mines[$i]:-}"
    if [ -n "$real_line" ] && [ -n "$mine_line" ] && line_equal "$real_line" "$mine_line"; then
      verdict=equal
    else
      verdict=DIFFER
      status=fail
    fi
    # L<line> <call>, then each side's values.
    key="$(awk '{ print $2, $3 }' <<<"${mine_line:-$real_line}")"
    printf '  %-32s real: %-46s dmascope: %-46s %s\n' "$key" \
      "$(values "$real_line")" "$(values "$mine_line")" "$verdict" >>"$dir/rows"
  done
  echo "$status" >"$dir/status"
}

started=$(date +%s)
names=()
for scenario in "$here"/modules/*.dms; do
  name="$(basename "$scenario" .dms)"
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  names+=("$name")
  run_case "$scenario"
done
[ ${#names[@]} -gt 0 ] || { echo "module: error: no scenario${only:+ named $only}" >&2; exit 2; }
passed=0
failed=0
equal=0
differ=0
for name in "${names[@]}"; do
  status="$(cat "$work/$name/status")"
  printf '%-20s %6ss %s\n' "$name" "$(cat "$work/$name/took" 2>/dev/null || echo -)" "$status"
  cat "$work/$name/rows"
  equal=$((equal + $(grep -c ' equal$' "$work/$name/rows" || true)))
  differ=$((differ + $(grep -c ' DIFFER$' "$work/$name/rows" || true)))
  if [ "$status" = pass ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "module: $passed scenarios passed, $failed failed; $equal calls equal, $differ differ" \
  "in $(($(date +%s) - started)) s"
[ "$failed" = 0 ]
