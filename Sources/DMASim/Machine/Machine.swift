/// The whole simulated system at one instant: a value, so any state can be kept and restored.
///
/// `step()` advances exactly one event: a CPU micro-operation of the scenario's current kernel
/// call, a DMA beat, a FIFO shift, an interrupt or a tasklet. Every event is logged with the
/// kernel function or hardware action behind it.
public struct Machine: Hashable, Sendable {
  /// The hardware description.
  public let board: Board
  /// The scenario being run.
  public let program: Program
  /// How much one step does: single beats and lines (teaching) or blocks (fast runs).
  public let granularity: EventGranularity
  /// The clock, the step count and what the last step touched.
  public internal(set) var run = RunState()
  /// RAM, cache, write buffer and page tables.
  public internal(set) var memory: MemorySystem
  /// The page allocator, slab, CMA and the live allocations.
  public internal(set) var allocators: KernelAllocators
  /// The DMA mapping layer: masks, pools, swiotlb, mappings, dma-debug.
  public internal(set) var dma: DMAMappingState
  /// DMA controllers and their drivers' LLI pools.
  public internal(set) var engine: DMAEngine
  /// Peripherals.
  public internal(set) var peripherals: [Peripheral]
  /// IOMMUs (domains, IO page tables, IOTLB), in board order.
  public internal(set) var iommus: [IOMMU]
  /// The CPU running the scenario.
  public internal(set) var cpu = CPUState()
  /// Every event so far.
  public internal(set) var log = EventLog()
  /// Pending events.
  public internal(set) var agenda = Agenda()
  /// Where the vmalloc area ends: the vmemmap (`struct page` array) starts here.
  static let vmemmapStart: UInt64 = 0xffff_fc00_0000_0000

  /// The simulated clock in ticks.
  public var clock: UInt64 { run.clock }
  /// Events executed so far.
  public var stepCount: Int { run.stepCount }
  /// What the last step touched, for highlighting.
  public var lastTouch: Touch { run.lastTouch }
  /// The narration of the latest `say`.
  public var narration: String? { cpu.narration }
  /// Every `expect` the program has reached, in order.
  public var expectationResults: [ExpectationResult] { cpu.expectationResults }
  /// The `ask` actions the program has reached (action indices), in order.
  public var askedQuestions: [Int] { cpu.askedQuestions }
  /// The log entries written by the last step.
  public var entriesOfLastStep: [LogEntry] { log.entries(ofStep: stepCount) }
  /// Whether any DMA transfer is under way (`DMAEngine.transferInFlight`).
  public var transferInFlight: Bool { engine.transferInFlight }
  /// The action the CPU is in or begins next (`CPUState.upcomingActionIndex(in:)`).
  public var upcomingActionIndex: Int? { cpu.upcomingActionIndex(in: program) }
  /// The action the next CPU event runs (`CPUState.nextStatementIndex(in:)`).
  public var nextStatementIndex: Int? { cpu.nextStatementIndex(in: program) }
  /// The actions that began since the program counter was `earlier` (narration included).
  public func actionsBegun(since earlier: Int) -> [Action] {
    program.actionsBegun(since: earlier, counter: cpu.programCounter)
  }
  /// Checks the machine's internal consistency and returns every broken rule (empty when
  /// sound), gathered from each subsystem: the controllers' virt-dma lists and channel
  /// bindings, the peripherals' FIFOs, the cache's sets, the allocators (CMA bitmaps, overlaps,
  /// page owners) and the IOVA rules of `IOMMU.iovaViolations`. Tests and the soak run call it after
  /// every step; it costs nothing otherwise.
  public func invariantViolations() -> [String] {
    var problems = engine.controllers.flatMap { $0.invariantViolations() }
    problems += peripherals.flatMap { $0.invariantViolations() }
    problems += allocators.invariantViolations(pageTable: memory.pageTable)
    problems += memory.cache.invariantViolations()
    return problems + iommus.flatMap { $0.iovaViolations() }
  }
  /// The actions that began between `earlier` and this state (narration included).
  public func actionsBegun(since earlier: Machine) -> [Action] {
    actionsBegun(since: earlier.cpu.programCounter)
  }

  /// Builds the machine for a board and boots it (the boot log is step 0).
  public init(board: Board, program: Program, granularity: EventGranularity = .beat) {
    self.board = board
    self.program = program
    self.granularity = granularity
    var table = KernelPageTable(mappings: [], tablePool: board.kernelReserved)
    for bank in board.dram {
      for piece in Self.linearPieces(bank, holes: board.noMapRegions) {
        table.add(
          KernelMapping(
            name: KernelMapping.linearMapName,
            virtualBase: VirtAddr(board.pageOffset + (piece.base - board.dram[0].base)),
            physicalBase: PhysAddr(piece.base), size: piece.size,
            memoryType: board.linearMapType, granule: board.linearMap.granule))
      }
    }
    var ioremapBase: UInt64 = 0xffff_8000_8000_0000
    var unmappable: [MemoryRegion] = []
    for region in board.mmio {
      // A `reg` larger than the vmalloc area left cannot be ioremapped: get_vm_area fails and
      // ioremap returns NULL (mm/vmalloc.c), so the register window is not mapped.
      let (end, overflow) = ioremapBase.addingReportingOverflow(max(region.size, 0x1_0000))
      guard !overflow, end <= Self.vmemmapStart else {
        unmappable.append(region)
        continue
      }
      table.add(
        KernelMapping(
          name: "ioremap \(region.name)", virtualBase: VirtAddr(ioremapBase),
          physicalBase: PhysAddr(region.base), size: region.size, memoryType: .device,
          granule: 4096))
      ioremapBase = end
    }
    memory = MemorySystem(
      ram: PhysicalMemory(banks: board.dram), cache: DataCache(geometry: board.cache),
      writeBuffer: WriteBuffer(spec: board.writeBuffer, lineSize: board.cache.lineSize),
      pageTable: table)
    let first = board.dram.first ?? MemoryRegion(name: "none", base: 0, size: 0)
    let start = max(first.base, board.kernelReserved.end)
    // The simple page allocator stops below the first CMA area (cma_alloc hands those out).
    let end = board.cmaAreas.map(\.base).filter { $0 > start && $0 < first.end }.min() ?? first.end
    var cmaAreas = board.cmaAreas.map { CMAArea(name: $0.name, base: $0.base, size: $0.size) }
    var atomicPools: [AtomicPoolState] = []
    for pool in board.atomicPools {
      guard let base = pool.cmaBase,
        let index = cmaAreas.firstIndex(where: { base >= $0.base && base - $0.base < $0.size })
      else { continue }
      cmaAreas[index].claimAtBoot(pfn: base >> 12, pages: pool.size >> 12)
      atomicPools.append(AtomicPoolState(pool: pool, base: base))
    }
    allocators = KernelAllocators(
      pages: PageAllocator(
        range: board.pageAllocatorRange
          ?? MemoryRegion(name: "page allocator", base: start, size: end - min(start, end))),
      dmaZonePages: board.dmaZoneRange.map { PageAllocator(range: $0) }, cmaAreas: cmaAreas)
    let dmaMasks = board.devices.map {
      DeviceDMAMasks(
        streaming: DeviceDMAMasks.bitMask($0.dmaMaskBits),
        coherent: DeviceDMAMasks.bitMask($0.coherentMaskBits))
    }
    dma = DMAMappingState(dmaMasks: dmaMasks, swiotlb: board.swiotlb?.makePool())
    dma.atomicPools = atomicPools
    engine = DMAEngine(
      controllers: board.controllers.enumerated().map { DMAController(spec: $1, index: $0) })
    peripherals = board.devices.map { Peripheral(spec: $0) }
    iommus = board.iommus.map { IOMMU(spec: $0, devices: board.devices) }
    bootLog()
    for region in unmappable {
      log(
        .kernel, "ioremap",
        "ioremap(\(Hex.prefixed(region.base)), \(Hex.prefixed(region.size))) = NULL: "
          + "\(region.name)'s registers do not fit in the vmalloc area")
    }
    bootIOMMUs()
    if !program.actions.isEmpty {
      agenda.schedule(.cpu, at: 1)
      // A lesson's opening narration shows at step 0, before its first action.
      cpu.actionReturned = true
      runStatementsAhead()
    }
  }

  /// Whether nothing is left to do.
  public var isFinished: Bool { agenda.isEmpty }

  /// The action the CPU is executing, or nil between actions.
  public var currentAction: Action? {
    cpu.currentAction.flatMap { program.actions.indices.contains($0) ? program.actions[$0] : nil }
  }

  /// Advances one event. Returns false when there was nothing left to do.
  @discardableResult
  public mutating func step() -> Bool {
    guard let event = agenda.popFirst() else { return false }
    run.stepCount += 1
    run.clock = max(clock, event.tick)
    run.lastTouch = Touch()
    switch event.kind {
    case .cpu: runCPU()
    case .channel(let controller, let physical): runChannel(controller, physical)
    case .shift(let peripheral): shiftOut(peripheral)
    case .receive(let peripheral): shiftIn(peripheral)
    case .interrupt(let controller, let physical): handleInterrupt(controller, physical)
    case .tasklet(let controller, let channel): runTasklet(controller, channel)
    case .writeBufferDrain: drainAgedWriteBuffer()
    case .postedWrite(let controller, let physical): landPostedWrites(controller, physical)
    case .nic(let peripheral): runNIC(peripheral)
    }
    detectHang()
    checkRunUntil()
    runStatementsAhead()
    return true
  }

  /// Appends a log entry for the current step.
  mutating func log(
    _ source: LogEntry.Source, _ function: String, _ message: String, detail: String? = nil,
    addresses: [LogAddress] = [], subjects: [LogSubject] = []
  ) {
    var entry = LogEntry(
      step: stepCount, tick: clock, source: source, function: function, message: message,
      line: currentAction?.line ?? 0, detail: detail)
    entry.addresses = addresses
    entry.subjects = subjects
    log.append(entry)
  }

  /// The three views of truth for `count` bytes at `physical` as `device` reads them
  /// (`MemorySystem.views`); nil for an unknown device or a negative count.
  public func views(of physical: PhysAddr, count: Int, device: String) -> ByteViews? {
    guard let spec = board.device(named: device) else { return nil }
    return memory.views(
      of: physical, count: count, coherent: spec.coherent, allocations: allocators.allocations)
  }

  /// Whether the kernel's mapping of a physical address is cacheable
  /// (`MemorySystem.cpuMapsCacheable`).
  func cpuMapsCacheable(_ physical: PhysAddr) -> Bool {
    memory.cpuMapsCacheable(physical, allocations: allocators.allocations)
  }

  /// The identity dma-debug prints for a board device (`Board.debugDevice`).
  func debugDevice(_ name: String) -> DMADebugDevice { board.debugDevice(name) }

  /// Logs the reports dma-debug prints (as `.debug` entries from "dma-debug").
  mutating func logDebug(_ outcome: DMADebugOutcome) {
    for report in outcome.reports where report.shown {
      var detail = report.check.explanation
      if let entry = report.entry {
        detail = (detail.map { $0 + " " } ?? "") + "Mapped at step \(entry.mappedAtStep)."
      }
      log(.debug, "dma-debug", report.text, detail: detail)
    }
  }

  /// The subjects of an event about descriptors of one channel: the channel, then each
  /// descriptor.
  func txdSubjects(_ controller: Int, _ channel: Int, _ ids: [Int]) -> [LogSubject] {
    DMAEngine.txdSubjects(controller, channel, ids)
  }

  private mutating func bootLog() {
    log(.kernel, "setup_arch", "Machine model: \(board.model)")
    for bank in board.dram {
      log(
        .kernel, "paging_init",
        "Memory: \(Hex.size(bank.size)) at \(PhysAddr(bank.base).hex), linear map at "
          + "\(Hex.prefixed(board.pageOffset)) with \(linearMapEntries(bank)) (\(board.linearMapType.kernelName))"
      )
    }
    if board.architecture == .arm32 {
      // arch/arm/mm/mmu.c build_mem_type_table: the policy `cachepolicy=` chose.
      let policy =
        board.linearMapType == .normalWriteThrough
        ? "writethrough" : board.cache.allocateOnWrite ? "writealloc" : "writeback"
      log(.kernel, "build_mem_type_table", "Memory policy: Data cache \(policy)")
    }
    let geometry = board.cache
    log(
      .hardware, "cache",
      "L1 D-cache: \(Hex.size(UInt64(geometry.size))), \(geometry.ways)-way, "
        + "\(geometry.sets) sets, \(geometry.lineSize)-byte lines, "
        + (geometry.writePolicy == .writeBack ? "write-back" : "write-through")
        + (geometry.allocateOnWrite ? "" : ", no write-allocate"))
    for controller in engine.controllers {
      log(
        .kernel, "dma_async_device_register",
        "\(controller.name): \(controller.compatible), \(controller.physicalChannels.count) "
          + "physical, \(controller.virtualChannels.count) virtual channel(s)")
    }
    for device in board.devices {
      let fifo = device.fifo.map { " TX FIFO \($0.depth) bytes at \($0.dataRegister.hex)," } ?? ""
      log(
        .kernel, "probe",
        "\(device.kernelName): \(device.driverName),\(fifo) "
          + (device.coherent ? "dma-coherent" : "not DMA-coherent"))
    }
  }

  /// How `map_mem` mapped a bank, for the boot log.
  private func linearMapEntries(_ bank: MemoryRegion) -> String {
    let virtual = VirtAddr(board.pageOffset + (bank.base - (board.dram.first?.base ?? 0)))
    let entries = memory.pageTable.entries(from: virtual, size: bank.size, limit: 1 << 16)
    switch board.linearMap {
    case .pages:
      return "4K pages (rodata=full: can_set_direct_map forbids blocks)"
    case .blocks:
      let giant = entries.filter { $0.level == 1 }.count
      let huge = entries.filter { $0.level == 2 }.count
      let small = entries.filter { $0.level == 3 }.count
      return "\(giant)×1G + \(huge)×2M blocks + \(small)×4K pages (rodata=on)"
    }
  }

  private mutating func detectHang() {
    guard agenda.isEmpty, case .completion(let cookie) = cpu.waiting else { return }
    log(
      .debug, "wait_for_completion",
      "wait_for_completion() for cookie \(cookie) can never return: nothing in flight will "
        + "run its callback",
      detail: "No transfer, interrupt or tasklet is pending, so the callback that would call "
        + "complete() never runs. On a real system the task hangs and the hung-task detector "
        + "reports it after 120 s.")
    cpu.waiting = nil
    cpu.finished = true
  }
}

/// How much work one step does.
public enum EventGranularity: Hashable, Sendable {
  /// Every bus beat, cache line and FIFO word is its own step (the default, for teaching).
  case beat
  /// Memory-to-memory copies move up to a 4 KiB block per step and cache maintenance covers
  /// up to a page per step; peripheral transfers still move beat by beat, paced by DRQ.
  case block
}

/// What one step touched, so views can mark it.
public struct Touch: Hashable, Sendable {
  /// Cache slots read, written or maintained.
  public var cacheSlots: [CacheSlot] = []
  /// Physical ranges accessed by the CPU or a device.
  public var physical: [MemoryRegion] = []
  /// Descriptors that moved.
  public var descriptors: [Int] = []
  /// Descriptors whose transfer completed (`vchan_cookie_complete`).
  public var completedDescriptors: [Int] = []
  /// Cache lines evicted to make room (line addresses).
  public var evictions: [PhysAddr] = []
  /// Whether the step hit a `pause` checkpoint.
  public var pause = false
  /// The `ask` the step reached (its action index), for the UI to prompt.
  public var question: Int?
  /// Whether the step ran a `say` (a lecture run stops on it).
  public var narrated = false
}
