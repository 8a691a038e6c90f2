extension Machine {
  /// A DRAM bank minus the `no-map` holes inside it (the linear map skips them).
  static func linearPieces(_ bank: MemoryRegion, holes: [MemoryRegion]) -> [MemoryRegion] {
    var pieces: [MemoryRegion] = []
    var start = bank.base
    for hole in holes.sorted(by: { $0.base < $1.base })
    where hole.end > start && hole.base < bank.end {
      if hole.base > start {
        pieces.append(MemoryRegion(name: bank.name, base: start, size: hole.base - start))
      }
      start = max(start, hole.end)
    }
    if start < bank.end {
      pieces.append(MemoryRegion(name: bank.name, base: start, size: bank.end - start))
    }
    return pieces
  }

  /// The board index of a device.
  func deviceIndex(_ name: String) -> Int? { board.devices.firstIndex { $0.name == name } }

  /// `phys_to_dma`: the bus address a device uses for a CPU physical address.
  func busAddress(_ physical: PhysAddr, for device: String) -> DMAAddr {
    DMAAddr(physical.rawValue &- (board.device(named: device)?.dmaOffset ?? 0))
  }

  /// `dma_to_phys`: the CPU physical address behind a device's bus address.
  func physicalAddress(_ bus: DMAAddr, for device: String) -> PhysAddr {
    PhysAddr(bus.rawValue &+ (board.device(named: device)?.dmaOffset ?? 0))
  }

  /// The dma-ranges offset of the bus master moving a descriptor: the controller's device
  /// when the board lists it, else the peripheral's.
  func masterOffset(_ controller: Int, _ peripheral: DeviceSpec?) -> UInt64 {
    board.device(named: engine.controllers[controller].name)?.dmaOffset ?? peripheral?.dmaOffset
      ?? 0
  }

  /// The streaming and coherent masks of a device now.
  func masks(of device: String) -> DeviceDMAMasks {
    deviceIndex(device).map { dma.dmaMasks[$0] } ?? DeviceDMAMasks(streaming: 0, coherent: 0)
  }

  /// A device's `dma_parms` now (defaults for a name the board does not have).
  func dmaParms(of device: String) -> DeviceDMAParameters {
    deviceIndex(device).map { dma.dmaMasks[$0].parms } ?? DeviceDMAParameters()
  }

  /// `min_not_zero(mask, bus_dma_limit)`: the highest bus address the device reaches.
  func reachLimit(_ device: String, coherent: Bool) -> UInt64 {
    let masks = masks(of: device)
    return DeviceDMAMasks.minNotZero(
      coherent ? masks.coherent : masks.streaming, board.device(named: device)?.busDMALimit ?? 0)
  }

  /// `dma_capable(dev, addr, size, true)`.
  func dmaCapable(_ device: String, _ address: DMAAddr, size: UInt64) -> Bool {
    guard address != .mappingError else { return false }
    let end = address.rawValue.addingReportingOverflow(max(size, 1) - 1)
    return !end.overflow && end.partialValue <= reachLimit(device, coherent: false)
  }

  /// `dma_direct_supported`: masks of 32 bits or more always; smaller ones must cover
  /// ZONE_DMA (or all of RAM when that is smaller), as a bus address.
  func dmaSupported(_ device: String, mask: UInt64) -> Bool {
    if mask >= DeviceDMAMasks.bitMask(32) { return true }
    let lastPage = (board.dram.map(\.end).max() ?? 0) &- PhysicalMemory.pageSize
    let minimum = min(lastPage, board.zoneDMALimit)
    return mask >= busAddress(PhysAddr(minimum), for: device).rawValue
  }

  /// `dma_set_mask`, `dma_set_coherent_mask` and `dma_set_mask_and_coherent`: `-EIO` when
  /// `dma_supported` refuses the mask, else 0 and the mask is stored (the `_and_coherent`
  /// form sets the coherent mask only when the streaming one was accepted).
  mutating func dmaSetMask(_ device: String, mask: UInt64, which: MaskKind, result: String?) {
    let function = which.functionName
    guard let index = deviceIndex(device), let spec = board.device(named: device) else { return }
    let supported = dmaSupported(device, mask: mask)
    let code: Int64 = supported ? 0 : -Int64(Errno.eio.rawValue)
    if supported {
      if which != .coherent { dma.dmaMasks[index].streaming = mask }
      if which != .streaming { dma.dmaMasks[index].coherent = mask }
    }
    assign(.integer(code), to: result)
    let masks = dma.dmaMasks[index]
    log(
      .kernel, function,
      "\(function)(\(spec.kernelName), \(Hex.prefixed(mask))) = " + (supported ? "0" : "-EIO")
        + "; dma_mask \(Hex.prefixed(masks.streaming)), coherent_dma_mask "
        + "\(Hex.prefixed(masks.coherent)), bus limit \(Hex.prefixed(spec.busDMALimit))",
      detail: supported
        ? (mask >= DeviceDMAMasks.bitMask(32)
          ? "dma_direct_supported accepts any mask of 32 bits or more; addresses beyond it "
            + "bounce through swiotlb (streaming) or come from a lower zone (coherent)."
          : "The mask covers ZONE_DMA, so dma_direct_supported can always find memory below it.")
        : "dma_direct_supported: a mask below 32 bits must cover ZONE_DMA (up to "
          + "\(Hex.prefixed(board.zoneDMALimit))) or all of RAM; this one does not, so the "
          + "mask is left as it was.")
  }

  /// `dma_set_max_seg_size`, `dma_set_seg_boundary` and `dma_set_min_align_mask`
  /// (include/linux/dma-mapping.h): store the value in `dev->dma_parms`. Since v6.11 the
  /// first and last return nothing; `dma_set_seg_boundary` still returns 0.
  mutating func dmaSetParameter(
    _ device: String, _ parameter: DMAParameter, value: UInt64, result: String?
  ) {
    guard let index = deviceIndex(device), let spec = board.device(named: device) else { return }
    let function = parameter.functionName
    let field: String
    let detail: String
    switch parameter {
    case .maxSegmentSize:
      dma.dmaMasks[index].parms.maxSegmentSize = UInt32(truncatingIfNeeded: value)
      field = "max_segment_size = \(value)"
      detail =
        "dma_get_max_seg_size now gives \(value) (64 KiB when unset): behind an IOMMU "
        + "__finalise_sg merges no segment past it, and dma-debug's check_sg_segment reports "
        + "any mapped segment longer than it."
    case .segmentBoundary:
      dma.dmaMasks[index].parms.segmentBoundaryMask = value
      field = "segment_boundary_mask = \(Hex.prefixed(value))"
      detail =
        "dma_get_seg_boundary now gives \(Hex.prefixed(value)) (ULONG_MAX when unset): no "
        + "swiotlb bounce, IOVA segment or sg segment may cross a multiple of mask + 1 "
        + "(\(value == .max ? "never" : Hex.size(value &+ 1)))."
      assign(.integer(0), to: result)
    case .minAlignMask:
      dma.dmaMasks[index].parms.minAlignMask = UInt32(truncatingIfNeeded: value)
      field = "min_align_mask = \(Hex.prefixed(value))"
      detail =
        "swiotlb_tbl_map_single keeps the original address's bits under the mask in the "
        + "bounce address (swiotlb_align_offset), so a device that reads an offset from the "
        + "low bits (NVMe's PRPs) finds its data there."
    }
    log(
      .kernel, function,
      "\(function)(\(spec.kernelName), \(Hex.prefixed(value))): dev->dma_parms->\(field)",
      detail: detail)
  }

  /// `dma_get_max_seg_size`, `dma_get_seg_boundary` or `dma_get_min_align_mask`
  /// (include/linux/dma-mapping.h): the set value, else the default (`SZ_64K`, `ULONG_MAX`, 0).
  mutating func dmaGetParameter(_ device: String, _ parameter: DMAParameter, result: String?) {
    guard let spec = board.device(named: device) else { return }
    let parms = dmaParms(of: device)
    let value: UInt64
    switch parameter {
    case .maxSegmentSize: value = UInt64(parms.effectiveMaxSegmentSize)
    case .minAlignMask: value = UInt64(parms.minAlignMask)
    case .segmentBoundary: value = parms.effectiveSegmentBoundary
    }
    assign(.integer(Int64(bitPattern: value)), to: result)
    log(
      .kernel, parameter.getterName,
      "\(parameter.getterName)(\(spec.kernelName)) = \(Hex.prefixed(value))")
  }

  /// `of_reserved_mem_device_init(dev)` (drivers/of/of_reserved_mem.c
  /// `of_reserved_mem_device_init_by_idx` with index 0): the driver ties its `memory-region` to
  /// the device. No `memory-region` gives `-ENODEV`. A reusable `shared-dma-pool` sets `dev->cma_area`
  /// (kernel/dma/contiguous.c `rmem_cma_device_init`); a non-reusable one makes the
  /// `dma_coherent_mem` on first use (`memremap` with `MEMREMAP_WC`, Normal non-cacheable on
  /// arm64), warns when the pool lies past the device's coherent reach and assigns it
  /// (kernel/dma/coherent.c `rmem_dma_device_init`). On success `dev_info` names the node.
  mutating func reservedMemDeviceInit(_ device: String, result: String?) {
    guard let spec = board.device(named: device), let index = deviceIndex(device) else { return }
    let call = "of_reserved_mem_device_init(\(spec.kernelName))"
    if let area = spec.cmaArea {
      dma.dmaMasks[index].cmaArea = area
      assign(.integer(0), to: result)
      log(
        .kernel, "of_reserved_mem_device_init",
        spec.devPrefix + "assigned reserved memory node \(area)",
        detail: "\(call) = 0: rmem_cma_device_init set dev->cma_area, so dma_alloc_coherent's "
          + "CMA step (dma_alloc_contiguous) now takes pages from \(area), even a single page.")
      return
    }
    guard let region = spec.coherentPool else {
      assign(.integer(-Int64(Errno.enodev.rawValue)), to: result)
      log(
        .kernel, "of_reserved_mem_device_init",
        "\(call) = -ENODEV: the node has no memory-region (of_parse_phandle finds nothing)")
      return
    }
    if let pool = dma.coherentPools.firstIndex(where: { $0.name == region.name }) {
      if !dma.coherentPools[pool].devices.contains(device) {
        dma.coherentPools[pool].devices.append(device)
      }
    } else {
      guard
        let pool = DMACoherentPool(
          physicalBase: region.base, deviceBase: region.base &- spec.dmaOffset, size: region.size)
      else {
        assign(.integer(-Int64(Errno.enomem.rawValue)), to: result)
        log(
          .kernel, "rmem_dma_device_init",
          "Reserved memory: failed to init DMA memory pool at \(PhysAddr(region.base).hex)")
        return
      }
      let virtual = VirtAddr(allocators.nextVmalloc)
      allocators.nextVmalloc += region.size + PhysicalMemory.pageSize
      memory.pageTable.add(
        KernelMapping(
          name: "memremap \(region.name)", virtualBase: virtual,
          physicalBase: PhysAddr(region.base), size: region.size,
          memoryType: .normalNonCacheable, granule: PhysicalMemory.pageSize))
      dma.coherentPools.append(
        DeviceCoherentPool(
          name: region.name, devices: [device], pool: pool, virtualBase: virtual))
    }
    // rmem_dma_device_init compares mem->device_base (the region's base) with the reach.
    let end = region.base &+ region.size &- 1
    if end > DeviceDMAMasks.minNotZero(dma.dmaMasks[index].coherent, spec.busDMALimit) {
      log(
        .kernel, "rmem_dma_device_init",
        spec.devPrefix + "reserved memory is beyond device's set DMA address range")
    }
    assign(.integer(0), to: result)
    log(
      .kernel, "of_reserved_mem_device_init",
      spec.devPrefix + "assigned reserved memory node \(region.name)",
      detail: "\(call) = 0. dma_init_coherent_memory: memremap(\(PhysAddr(region.base).hex), "
        + "\(Hex.size(region.size)), MEMREMAP_WC) gives the CPU a Normal non-cacheable "
        + "mapping; dma_alloc_coherent takes pages from this pool first and never falls back.")
  }

  /// `of_reserved_mem_device_release(dev)`: the region's `device_release` clears
  /// `dev->dma_mem` (`rmem_dma_device_release`) or `dev->cma_area` (`rmem_cma_device_release`);
  /// the pool itself stays (`rmem->priv`) for the next device. Blocks already handed out stay
  /// allocated: freeing them afterwards no longer finds the pool.
  mutating func reservedMemDeviceRelease(_ device: String) {
    guard let spec = board.device(named: device), let index = deviceIndex(device) else { return }
    let hadCMA = dma.dmaMasks[index].cmaArea != nil
    dma.dmaMasks[index].cmaArea = nil
    var released: [String] = []
    for pool in dma.coherentPools.indices where dma.coherentPools[pool].devices.contains(device) {
      dma.coherentPools[pool].devices.removeAll { $0 == device }
      released.append(dma.coherentPools[pool].name)
    }
    if hadCMA, let area = spec.cmaArea { released.append(area) }
    log(
      .kernel, "of_reserved_mem_device_release",
      "of_reserved_mem_device_release(\(spec.kernelName)): "
        + (released.isEmpty
          ? "nothing was assigned"
          : "\(released.joined(separator: ", ")) no longer assigned; dma_alloc_coherent falls "
            + "back to the default CMA area and the page allocator"))
  }
}

/// Which mask a `dma_set_*mask*` call sets.
public enum MaskKind: Hashable, Sendable {
  /// `dma_set_mask`.
  case streaming
  /// `dma_set_coherent_mask`.
  case coherent
  /// `dma_set_mask_and_coherent`.
  case both

  /// The kernel function.
  public var functionName: String {
    switch self {
    case .streaming: "dma_set_mask"
    case .coherent: "dma_set_coherent_mask"
    case .both: "dma_set_mask_and_coherent"
    }
  }
}
