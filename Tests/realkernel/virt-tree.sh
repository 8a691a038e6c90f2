# Sourced by run.sh and module.sh (not run on its own). Needs $cache.
# virt_dts SIZE: prints the path of QEMU's own virt tree for that RAM size, dumped once
# (-machine dumpdtb=, the same -cpu and -smp the boots use) and decompiled into
# $cache/trees/virt-SIZE.dts.
virt_dts() { # $1: RAM size
  local dts="$cache/trees/virt-$1.dts"
  if [ ! -f "$dts" ]; then
    mkdir -p "$cache/trees"
    qemu-system-aarch64 -M virt -cpu cortex-a57 -smp 4 -m "$1" -nic none -nographic \
      -machine dumpdtb="$cache/trees/virt-$1.dtb" >/dev/null 2>&1
    # The dumped blob is padded to 1 MiB, which the kernel will not take as it is: go through
    # dtc both ways. QEMU's fresh /chosen seeds are dropped so every tree is the same each time.
    dtc -q -I dtb -O dts "$cache/trees/virt-$1.dtb" |
      grep -v -E '^\s*(rng-seed|kaslr-seed) = ' >"$dts.tmp"
    mv "$dts.tmp" "$dts"
  fi
  echo "$dts"
}
