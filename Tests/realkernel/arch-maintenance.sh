#!/usr/bin/env bash
# The real kernel's arm64 cache maintenance, read from its machine code, against dmascope's.
#
# For Debian's 6.1 and 6.12 arm64 kernels (setup.sh unpacks them), boots each under QEMU with
# `nokaslr` and a busybox initramfs that prints /proc/kallsyms, then disassembles the Image
# (aarch64-linux-gnu-objdump) from each function below to its first `ret` and names the
# dcache_* routines it branches to (`bl` or a tail `b`). dmascope must do the same maintenance:
#   arch_dma_prep_coherent (arch/arm64/mm/dma-mapping.c) on a dma_alloc_coherent buffer:
#     dcache_clean_inval_poc = `dc civac` in 6.1, dcache_clean_poc = `dc cvac` in 6.12;
#   arch_sync_dma_for_device -> dcache_clean_poc = `dc cvac` for every direction;
#   arch_sync_dma_for_cpu    -> dcache_inval_poc = `dc ivac` (nothing for DMA_TO_DEVICE).
# Exits non-zero on any difference. Usage: arch-maintenance.sh [DMASCOPE_BINARY]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-.build/debug/dmascope}"
read -r _ busybox < <("$here/module-setup.sh") ||
  { echo "arch-maintenance: module-setup.sh failed" >&2; exit 1; }
command -v aarch64-linux-gnu-objdump >/dev/null 2>&1 || {
  echo "arch-maintenance: aarch64-linux-gnu-objdump is missing (binutils-aarch64-linux-gnu," \
    "which module-setup.sh installs with gcc-aarch64-linux-gnu)" >&2
  exit 1
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/initramfs/bin" "$work/initramfs/proc"
cp "$busybox" "$work/initramfs/bin/busybox"
chmod +x "$work/initramfs/bin/busybox"
cat >"$work/initramfs/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
echo kallsyms-begin
/bin/busybox grep -E ' (_text|_stext|arch_dma_prep_coherent|arch_sync_dma_for_device|arch_sync_dma_for_cpu|dcache_[a-z_]+)$' /proc/kallsyms
echo kallsyms-end
/bin/busybox poweroff -f
INIT
chmod +x "$work/initramfs/init"
(cd "$work/initramfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initramfs.gz"

# The routines a function branches to before its first ret, by name.
calls() { # IMAGE SYMS FUNCTION
  local text start
  # The Image starts at _text; 6.1's kallsyms lists only _stext, 64 KiB (the head) later.
  text=$(awk '$3 == "_text" { print $1 }' "$2")
  [ -n "$text" ] || text=$(printf '%x' $((0x$(awk '$3 == "_stext" { print $1 }' "$2") - 0x10000)))
  start=$(awk -v f="$3" '$3 == f { print $1 }' "$2")
  [ -n "$start" ] || { echo "missing"; return; }
  local code
  code=$(aarch64-linux-gnu-objdump -D -b binary -m aarch64 --adjust-vma="0x$text" \
    --start-address="0x$start" --stop-address="$(printf '0x%x' $((0x$start + 0x200)))" "$1")
  printf '%s\n' "$code" | awk '/\tret/ { exit } $3 ~ /^(bl|b)$/ { print $4 }' |
    while read -r target; do
      awk -v t="${target#0x}" '$1 == t && $3 ~ /^dcache_/ { print $3 }' "$2"
    done | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# What dmascope does under a kernel profile: the dc instructions of one small scenario's steps.
scenario() { # VERSION
  cat <<DMS
kernel $1
board soc8g
ring = dma_alloc_coherent(spi0, 4096, handle, GFP_KERNEL)
buf = kmalloc(64, GFP_KERNEL)
h = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
dma_sync_single_for_cpu(spi0, h, 64, DMA_FROM_DEVICE)
t = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
dma_sync_single_for_cpu(spi0, t, 64, DMA_TO_DEVICE)
DMS
}
dc_of_line() { # JSON LINE -> the distinct dc instructions logged on that scenario line
  { printf '%s\n' "$1" | grep "\"line\":$2," | grep -o '"function":"dc [a-z]*"' || true; } |
    sed 's/"function":"//; s/"//' | sort -u | tr '\n' ' ' | sed 's/ $//'
}
declare -A dc_name=([dcache_clean_poc]="dc cvac" [dcache_inval_poc]="dc ivac"
  [dcache_clean_inval_poc]="dc civac")

fail=0
printf '%-8s %-26s %-22s %-12s %s\n' kernel function "kernel calls" dmascope equal
while read -r version image; do
  timeout 120 qemu-system-aarch64 -M virt -cpu cortex-a57 -smp 1 -m 1024 -nic none \
    -nographic -no-reboot -kernel "$image" -initrd "$work/initramfs.gz" \
    -append "console=ttyAMA0 panic=-1 nokaslr" </dev/null >"$work/boot-$version.log" 2>&1 || true
  tr -d '\r' <"$work/boot-$version.log" | sed -n '/^kallsyms-begin/,/^kallsyms-end/p' |
    { grep -v kallsyms || true; } >"$work/syms-$version"
  if ! grep -q ' _stext$' "$work/syms-$version"; then
    echo "arch-maintenance: the $version kernel printed no symbols; its console ends:" >&2
    tail -n 5 "$work/boot-$version.log" >&2
    fail=1
    continue
  fi
  scenario "$version" >"$work/maint-$version.dms"
  json=$("$bin" run "$work/maint-$version.dms" --headless --json 2>/dev/null) ||
    { echo "arch-maintenance: dmascope failed on the $version scenario" >&2; fail=1; continue; }
  if [ -n "$(dc_of_line "$json" 8)" ]; then
    # arch_sync_dma_for_cpu returns before any maintenance for DMA_TO_DEVICE.
    echo "arch-maintenance: $version: dmascope maintained lines on sync_for_cpu(TO_DEVICE)" >&2
    fail=1
  fi
  for pair in "arch_dma_prep_coherent:$(dc_of_line "$json" 3)" \
    "arch_sync_dma_for_device:$(dc_of_line "$json" 5)" \
    "arch_sync_dma_for_cpu:$(dc_of_line "$json" 6)"; do
    function="${pair%%:*}"
    ours="${pair#*:}"
    theirs=$(calls "$image" "$work/syms-$version" "$function")
    expected="${dc_name[$theirs]:-?}"
    verdict=yes
    [ "$expected" = "$ours" ] || { verdict=NO; fail=1; }
    printf '%-8s %-26s %-22s %-12s %s\n' "$version" "$function" "$theirs" "$ours" "$verdict"
  done
done < <("$here/setup.sh")
exit "$fail"
