#!/usr/bin/env bash
# Records real ftrace traces of the DMA mapping API for `dmascope trace`: boots Debian's 6.12
# arm64 kernel (the one Tests/realkernel/setup.sh unpacks) under qemu-system-aarch64 TCG on
# `-M virt,iommu=smmuv3` with the dma, cma, swiotlb and iommu map/unmap events on from the
# kernel command line, behind the SMMU: virtio-serial-pci (the trace leaves through one of its
# ports) and a virtio-blk-pci disk, both `iommu_platform=on,disable-legacy=on`, plus
# virtio-rng-pci. The busybox /init loads virtio_blk and virtio-rng (modules taken from the
# same linux-image .deb), reads and writes the disk, reads the rng, removes the rng from the PCI
# bus (0000:00:03.0: its driver's release, then the SMMU's remove_device_from_group), stops
# tracing and copies
# /sys/kernel/tracing/trace to the port, then powers off.
#
#   Tests/trace/record.sh [--out DIR] [--case NAME]
#
# Cases (one boot each, the trace written to DIR/NAME.trace, DIR = Tests/trace/fixtures):
#   boot-blk-smmu     the boot and a little disk I/O through the SMMU (strict invalidation)
#   swiotlb-force     the same without the SMMU's translation (iommu.passthrough=1) and with
#                     swiotlb=force: every streaming map bounces (swiotlb_bounced events)
# Each boot is bounded by DMASCOPE_TRACE_TIMEOUT seconds (300 by default).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/fixtures"
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --case) only="$2"; shift 2 ;;
    *) echo "record.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
timeout_s="${DMASCOPE_TRACE_TIMEOUT:-300}"
cache="${DMASCOPE_REALKERNEL_CACHE:-$HOME/.cache/dmascope-realkernel}"
export DMASCOPE_REALKERNEL_CACHE="$cache"
read -r _headers busybox < <("$here/../realkernel/module-setup.sh") ||
  { echo "trace: error: Tests/realkernel/module-setup.sh failed" >&2; exit 1; }
image="$cache/kernels/6.12/Image"
[ -f "$image" ] || { echo "trace: error: no 6.12 kernel at $image" >&2; exit 1; }
read -r image_pkg image_ver <"$cache/kernels/6.12/version"
release="${image_pkg#linux-image-}"
release="${release%-unsigned}"
deb="$(ls "$cache/debs/${image_pkg}_"*"_arm64.deb" | head -n 1)"
command -v xz >/dev/null 2>&1 || { echo "trace: error: xz is needed to unpack modules" >&2; exit 1; }
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The initramfs: busybox, the two modules (uncompressed: busybox insmod takes plain .ko), /init.
mkdir -p "$work/root" "$work/initramfs/bin" "$work/initramfs/proc" "$work/initramfs/sys" \
  "$work/initramfs/dev"
dpkg-deb --fsys-tarfile "$deb" |
  tar -x -C "$work/root" "./lib/modules/$release/kernel/drivers/block/virtio_blk.ko.xz" \
    "./lib/modules/$release/kernel/drivers/char/hw_random/virtio-rng.ko.xz"
xz -dc "$work/root/lib/modules/$release/kernel/drivers/block/virtio_blk.ko.xz" \
  >"$work/initramfs/virtio_blk.ko"
xz -dc "$work/root/lib/modules/$release/kernel/drivers/char/hw_random/virtio-rng.ko.xz" \
  >"$work/initramfs/virtio-rng.ko"
cp "$busybox" "$work/initramfs/bin/busybox"
cat >"$work/initramfs/init" <<'INIT'
#!/bin/busybox sh
b=/bin/busybox
$b mount -t proc proc /proc
$b mount -t sysfs sysfs /sys
$b mount -t devtmpfs dev /dev
$b mount -t tracefs tracefs /sys/kernel/tracing
$b insmod /virtio_blk.ko
$b insmod /virtio-rng.ko
$b sleep 1
# Disk I/O: read 64 KiB in 4 KiB blocks, write 16 KiB, read it back past the page cache.
$b dd if=/dev/vda of=/dev/null bs=4096 count=16 2>/dev/null
$b dd if=/dev/zero of=/dev/vda bs=4096 count=4 seek=64 oflag=direct 2>/dev/null
$b dd if=/dev/vda of=/dev/null bs=4096 count=4 skip=64 iflag=direct 2>/dev/null
$b sync
$b dd if=/dev/hwrng of=/dev/null bs=64 count=2 2>/dev/null
# Remove the rng from the bus: its driver releases it (virtio-rng frees what it mapped) and
# the SMMU drops it from its group (iommu:remove_device_from_group, which `dmascope trace`
# takes as the device's release for its leak check).
echo 1 >/sys/bus/pci/devices/0000:00:03.0/remove
$b sleep 1
echo 0 >/sys/kernel/tracing/tracing_on
port=""
for p in /dev/vport*p1; do port="$p"; done
$b cat /sys/kernel/tracing/trace >"$port"
echo "trace: copied to $port"
$b poweroff -f
INIT
chmod +x "$work/initramfs/init"
(cd "$work/initramfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initramfs.gz"
truncate -s 1M "$work/disk.img"

# iommu:* rather than only map and unmap: add_device_to_group names every device behind the
# SMMU at boot, remove_device_from_group marks a release.
events="trace_event=dma:*,cma:*,swiotlb:*,iommu:* trace_buf_size=4M"
record() { # $1 name, $2 extra command line
  local name="$1" start took
  [ -z "$only" ] || [ "$only" = "$name" ] || return 0
  : >"$work/$name.trace"
  start=$(date +%s)
  timeout "$timeout_s" qemu-system-aarch64 -M virt,iommu=smmuv3 -cpu cortex-a57 -smp 4 -m 1G \
    -nic none -nographic -no-reboot -kernel "$image" -initrd "$work/initramfs.gz" \
    -device virtio-serial-pci,iommu_platform=on,disable-legacy=on \
    -chardev file,id=trace,path="$work/$name.trace" -device virtserialport,chardev=trace,name=trace \
    -drive if=none,id=disk,format=raw,file="$work/disk.img" \
    -device virtio-blk-pci,drive=disk,iommu_platform=on,disable-legacy=on \
    -device virtio-rng-pci,iommu_platform=on,disable-legacy=on \
    -append "console=ttyAMA0 panic=-1 nokaslr $events $2" </dev/null >"$work/$name.log" 2>&1 || true
  took=$(($(date +%s) - start))
  if ! grep -q '^# tracer: nop' "$work/$name.trace"; then
    echo "trace: $name: no trace after ${took} s; the console ended with:" >&2
    tr -d '\r' <"$work/$name.log" | tail -n 8 | sed 's/^/    /' >&2
    return 1
  fi
  tr -d '\r' <"$work/$name.trace" >"$out/$name.trace"
  echo "trace: $name: $(grep -c -v '^#' "$out/$name.trace") events in ${took} s -> $out/$name.trace"
}
record boot-blk-smmu ""
record swiotlb-force "iommu.passthrough=1 swiotlb=force"
