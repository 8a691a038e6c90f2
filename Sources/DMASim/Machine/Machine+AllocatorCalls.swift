extension Machine {
  /// What `allocators` holds while it is lent out: nothing.
  private static let lentAllocators = KernelAllocators(
    pages: PageAllocator(range: MemoryRegion(name: "lent", base: 0, size: 0)), dmaZonePages: nil,
    cmaAreas: [])

  /// Runs `body` on the kernel allocators with the machine as their bus. The allocators are
  /// lent out of the machine meanwhile, so nothing on the bus side may read `allocators`.
  mutating func withAllocators<Result>(
    _ body: (inout KernelAllocators, inout Machine) -> Result
  ) -> Result {
    var lent = allocators
    allocators = Self.lentAllocators
    let result = body(&lent, &self)
    allocators = lent
    return result
  }

  /// `kmalloc` (`KernelAllocators.kmalloc`).
  mutating func kmalloc(size: UInt64, flags: GFPFlags, result: String?) {
    withAllocators { $0.kmalloc(size: size, flags: flags, result: result, bus: &$1) }
  }

  /// `kfree` (`KernelAllocators.kfree`).
  mutating func kfree(_ pointer: Operand) { withAllocators { $0.kfree(pointer, bus: &$1) } }

  /// `cma_alloc` (`KernelAllocators.cmaAlloc`).
  mutating func cmaAlloc(count: UInt64, align: Int, result: String?) {
    withAllocators { $0.cmaAlloc(count: count, align: align, result: result, bus: &$1) }
  }

  /// `cma_release` (`KernelAllocators.cmaRelease`).
  mutating func cmaRelease(_ pointer: Operand, count: UInt64) {
    withAllocators { $0.cmaRelease(pointer, count: count, bus: &$1) }
  }

  /// `vmalloc` (`KernelAllocators.vmalloc`).
  mutating func vmalloc(size: UInt64, result: String?) {
    withAllocators { $0.vmalloc(size: size, result: result, bus: &$1) }
  }

  /// `__get_free_pages` (`KernelAllocators.getFreePages`).
  mutating func getFreePages(order: Int, flags: GFPFlags, result: String?) {
    withAllocators { $0.getFreePages(order: order, flags: flags, result: result, bus: &$1) }
  }

  /// A kernel-stack buffer (`KernelAllocators.stackBuffer`).
  mutating func stackBuffer(size: UInt64, vmapped: Bool, result: String?) {
    withAllocators { $0.stackBuffer(size: size, vmapped: vmapped, result: result, bus: &$1) }
  }

  /// `alloc_pages(GFP_HIGHUSER_MOVABLE)` (`KernelAllocators.allocMovablePages`).
  mutating func allocMovablePages(order: Int, result: String?) {
    withAllocators { $0.allocMovablePages(order: order, result: result, bus: &$1) }
  }

  /// `pin_user_pages`/`unpin_user_page` (`KernelAllocators.pinUserPage`).
  mutating func pinUserPage(_ page: Operand, pin: Bool) {
    withAllocators { $0.pinUserPage(page, pin: pin, bus: &$1) }
  }

  /// Dispatches the `struct page` calls, `dma_map_page`/`dma_unmap_page` and driver unbinding.
  mutating func executePageCall(_ action: Action) {
    let result = action.result
    switch action.operation {
    case .allocPages(let order, let flags):
      withAllocators { $0.allocPages(order: order, flags: flags, result: result, bus: &$1) }
    case .virtToPage(let pointer, let vmalloc):
      KernelAllocators.virtToPage(pointer, vmalloc: vmalloc, result: result, bus: &self)
    case .pageAddress(let page): KernelAllocators.pageAddress(page, result: result, bus: &self)
    case .dmaMapPage(let device, let page, let offset, let size, let direction):
      dmaMapPage(device, page, offset: offset, size: size, direction: direction, result: result)
    case .dmaUnmapPage(let device, let handle, let size, let direction):
      dmaUnmapSingle(device, handle, size: size, direction: direction, function: "dma_unmap_page")
    case .deviceReleaseDriver(let device): deviceReleaseDriver(device)
    case .freePages(let page, let order):
      withAllocators { $0.freePages(page, order: order, bus: &$1) }
    default: break
    }
  }

  /// `dma_map_page(dev, page, offset, size, dir)` → `dma_map_page_attrs`: no
  /// `debug_dma_map_single` area check (a page has no CPU address to check), then the same
  /// paths as `dma_map_single`. dma-debug records the entry as "single" too.
  mutating func dmaMapPage(
    _ device: String, _ operand: Operand, offset: UInt64, size: UInt64,
    direction: DMADataDirection, result: String?
  ) {
    guard let spec = board.device(named: device), let value = resolve(operand, for: "dma_map_page")
    else { return }
    guard case .page(let page) = value else {
      log(.debug, "dma_map_page", "\(operand.text) is \(value.text), not a struct page *")
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    let physical = page.advanced(by: offset)
    guard let virtual = memory.pageTable.linearAddress(of: physical) else {
      log(.debug, "dma_map_page", "\(value.text) + \(offset) is not RAM the kernel maps")
      assign(.dmaAddress(.mappingError), to: result)
      return
    }
    mapPageAttrs(
      spec, virtual: virtual, physical: physical, size: size, direction: direction,
      call: "dma_map_page(\(spec.kernelName), \(value.text), \(offset), \(size), "
        + "\(direction.kernelName))", result: result)
  }

  /// `device_release_driver(dev)`: the driver is unbound; the bus notifier
  /// (`BUS_NOTIFY_UNBOUND_DRIVER`) lets dma-debug count the device's live entries. Leaked
  /// mappings stay where they are, as in the kernel.
  mutating func deviceReleaseDriver(_ device: String) {
    guard let spec = board.device(named: device) else { return }
    let live = dma.mappings.filter { $0.device == device }.count
    log(
      .kernel, "device_release_driver",
      "\(spec.driverName) \(spec.kernelName): driver unbound (\(live) streaming or coherent "
        + "mapping\(live == 1 ? "" : "s") still live)")
    logDebug(dma.dmaDebug.driverUnbound(device: debugDevice(device)))
  }

  /// `__dma_direct_alloc_pages` for a device (`KernelAllocators.directAllocPages`).
  mutating func directAllocPages(
    _ device: String, _ spec: DeviceSpec, pageCount: UInt64, flags: GFPFlags
  ) -> (PhysAddr?, String, String?) {
    let area = masks(of: device).cmaArea
    let coherentLimit = reachLimit(device, coherent: true)
    let limit = physicalAddress(DMAAddr(coherentLimit), for: device)
    let below = limit.rawValue <= board.zoneDMALimit
    return withAllocators {
      $0.directAllocPages(
        device, deviceArea: area, pageCount: pageCount, flags: flags,
        coherentLimit: coherentLimit, belowZoneDMALimit: below, bus: &$1)
    }
  }

  /// Pages back to the allocator whose range holds them.
  mutating func freePages(_ physical: PhysAddr, count: UInt64) {
    allocators.freePages(physical, count: count)
  }

  /// `dma_alloc_from_dev_coherent` from the device's pool `index`
  /// (`KernelAllocators.allocFromDevicePool`); the CPU then finishes the allocation.
  mutating func allocFromDevicePool(
    _ index: Int, _ spec: DeviceSpec, size: UInt64, function: String, result: String?,
    handle handleName: String
  ) {
    var pool = dma.coherentPools[index]
    let allocated = withAllocators {
      $0.allocFromDevicePool(
        &pool, spec, size: size, function: function, result: result, bus: &$1)
    }
    dma.coherentPools[index] = pool
    guard let (allocation, handle) = allocated else { return }
    cpu.pending.append(
      .finishAllocCoherent(allocation, handle, result, handleName, device: spec.name))
  }

  /// `dma_release_from_dev_coherent` (`DMAMappingState.releaseToDevicePool`). Returns false
  /// when the buffer is not from a device pool.
  mutating func releaseToDevicePool(_ allocation: Allocation, _ device: String, size: UInt64)
    -> Bool
  {
    let bus = busAddress(allocation.physical, for: device)
    guard
      let (pool, released) = dma.releaseToDevicePool(
        physical: allocation.physical, device: device, size: size)
    else { return false }
    log(
      .kernel, "dma_free_coherent",
      "dma_release_from_dev_coherent: order \(DMACoherentPool.order(of: size)) block at "
        + "\(bus.hex) back to pool \(pool)" + (released ? "" : " (not in the pool)"))
    return true
  }
}

/// The machine as the kernel allocators' bus: the CPU's variables and queued work, the kernel
/// page tables, the DMA mapping layer, the log.
extension Machine: AllocatorBus {
  /// `RunState.nextID`.
  var nextID: Int {
    get { run.nextID }
    set { run.nextID = newValue }
  }

  /// The linear-map alias in the kernel page tables.
  func linearAddress(of physical: PhysAddr) -> VirtAddr? {
    memory.pageTable.linearAddress(of: physical)
  }

  /// The kernel page-table walk.
  func kernelTranslation(of virtual: VirtAddr) -> Translation? {
    memory.pageTable.translate(virtual)
  }

  /// Adds the mapping to the kernel page tables.
  mutating func addKernelMapping(_ mapping: KernelMapping) { memory.pageTable.add(mapping) }

  /// Queues a `zeroRun` on the CPU (cacheable linear-map memory).
  mutating func queueZero(_ virtual: VirtAddr, _ physical: PhysAddr, count: UInt64) {
    cpu.pending.append(.zeroRun(virtual, physical, count: count, .normalWriteBack))
  }

  /// Points the driver's variables that held the old page (or its linear-map address) at the
  /// new one.
  mutating func remapUsers(from source: PhysAddr, to target: PhysAddr) {
    let oldVirtual = linearAddress(of: source)
    let newVirtual = linearAddress(of: target)
    for name in cpu.variables.keys.sorted() {
      if let oldVirtual, let newVirtual, cpu.variables[name] == .pointer(oldVirtual) {
        cpu.variables[name] = .pointer(newVirtual)
      } else if cpu.variables[name] == .page(source) {
        cpu.variables[name] = .page(target)
      }
    }
    for name in cpu.variables.keys.sorted() where cpu.variables[name] == .page(source) {
      cpu.variables[name] = .page(target)
    }
  }

  /// The first live mapping overlapping the range.
  func liveMapping(overlapping physical: PhysAddr, count: UInt64) -> StreamingMapping? {
    dma.mappings.first { $0.overlaps(physical, count: count) }
  }

  /// `dma_coherent_ok`: the buffer's last bus address is within
  /// `min_not_zero(coherent_dma_mask, bus_dma_limit)`.
  func dmaCoherentOK(_ device: String, _ physical: PhysAddr, size: UInt64) -> Bool {
    let bus = busAddress(physical, for: device).rawValue
    let end = bus.addingReportingOverflow(max(size, 1) - 1)
    return !end.overflow && end.partialValue <= reachLimit(device, coherent: true)
  }
}
