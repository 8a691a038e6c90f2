@testable import DMASim

/// Typed driver code that does what real drivers get wrong, for the illegal-order soak: CMA
/// releases of more pages than `cma_alloc` gave or of a part of the range, `dma_free_coherent`
/// with another buffer's handle (on a board with and without an IOMMU), NIC rings pointed at
/// failed or stale handles (TX with its doorbell, RX with a frame), unmapping twice or with the
/// wrong size or direction, syncing after the unmap, and the channel calls (pause, resume,
/// terminate_sync, terminate_async, synchronize, release) in random orders around a transfer.
/// Every episode is otherwise well formed, so the run reaches the end of the program.
struct IllegalOrderScenario {
  /// The boards the soak uses: `soc8g` has a CMA area and the NIC, `soc_iommu` puts `spi1`
  /// behind an SMMU.
  static let boards: [Board] = [.soc8G, .socIOMMU]

  /// The kinds of episode, by name (the soak counts how often each ran).
  enum Episode: String, CaseIterable {
    case cmaOverRelease, cmaPartialRelease, cmaReleaseAcrossNeighbours
    case coherentSwappedHandles, coherentWrongSize
    case ringAtErrorHandle, ringAtStaleHandle
    case unmapTwice, unmapWrongSizeOrDirection, syncAfterUnmap
    case channelCallsInAnyOrder
  }

  private var random: SplitMix64
  private var actions: [Action] = []
  private var counter = 0
  /// The board the program is for.
  let board: Board
  /// Episodes written so far, in order.
  private(set) var episodes: [Episode] = []

  init(seed: UInt64) {
    random = SplitMix64(seed: seed)
    board = Self.boards[Int(seed % UInt64(Self.boards.count))]
  }

  /// A program of `count` episodes.
  mutating func program(episodes count: Int) -> Program {
    actions = []
    for _ in 0..<count {
      let episode = Episode.allCases[Int(random.next() % UInt64(Episode.allCases.count))]
      episodes.append(episode)
      write(episode)
    }
    return Program(title: "illegal orders", actions: actions)
  }

  /// The device whose streaming and coherent calls an episode uses: `spi1` (behind the SMMU)
  /// on `soc_iommu`, `spi0` or `uart0` elsewhere.
  private var device: String { board.iommus.isEmpty ? "spi0" : "spi1" }

  private mutating func pick(_ range: ClosedRange<UInt64>) -> UInt64 {
    range.lowerBound + random.next() % (range.upperBound - range.lowerBound + 1)
  }

  private mutating func name(_ prefix: String) -> String {
    counter += 1
    return "\(prefix)\(counter)"
  }

  private mutating func add(_ operation: Operation, _ result: String? = nil) {
    actions.append(Action(operation: operation, result: result))
  }

  private mutating func write(_ episode: Episode) {
    switch episode {
    case .cmaOverRelease: cmaOverRelease()
    case .cmaPartialRelease: cmaPartialRelease()
    case .cmaReleaseAcrossNeighbours: cmaReleaseAcrossNeighbours()
    case .coherentSwappedHandles: coherentSwappedHandles()
    case .coherentWrongSize: coherentWrongSize()
    case .ringAtErrorHandle: ringAtErrorHandle()
    case .ringAtStaleHandle: ringAtStaleHandle()
    case .unmapTwice: unmapTwice()
    case .unmapWrongSizeOrDirection: unmapWrongSizeOrDirection()
    case .syncAfterUnmap: syncAfterUnmap()
    case .channelCallsInAnyOrder: channelCallsInAnyOrder()
    }
    if pick(0...2) == 0 { add(.runTicks(pick(1...100))) }
  }

  // MARK: - CMA

  /// `cma_release` of more pages than `cma_alloc` gave.
  private mutating func cmaOverRelease() {
    let pages = pick(1...16)
    let p = name("cma")
    add(.cmaAlloc(count: pages, align: Int(pick(0...4))), p)
    add(.cmaRelease(pointer: .variable(p), count: pages + pick(1...64)))
  }

  /// `cma_release` of a piece from inside the range, then of the whole range (whose start or
  /// middle is then released twice), or of the piece again.
  private mutating func cmaPartialRelease() {
    let pages = pick(2...32)
    let p = name("cma")
    add(.cmaAlloc(count: pages, align: 0), p)
    let first = pick(0...(pages - 1))
    let count = pick(1...(pages - first))
    add(.cmaRelease(pointer: .offset(.variable(p), first << 12), count: count))
    if pick(0...1) == 0 {
      add(.cpuWrite(pointer: .variable(p), offset: 0, bytes: [1, 2, 3, 4]))
    }
    switch pick(0...2) {
    case 0: add(.cmaRelease(pointer: .variable(p), count: pages))
    case 1: add(.cmaRelease(pointer: .offset(.variable(p), first << 12), count: count))
    default: break  // the rest leaks
    }
  }

  /// Two neighbouring allocations; the first is released with a count that runs into the
  /// second, which is then released (or not) itself.
  private mutating func cmaReleaseAcrossNeighbours() {
    let a = name("cma")
    let b = name("cma")
    let pagesA = pick(1...8)
    let pagesB = pick(1...8)
    add(.cmaAlloc(count: pagesA, align: 0), a)
    add(.cmaAlloc(count: pagesB, align: 0), b)
    add(.cmaRelease(pointer: .variable(a), count: pagesA + pick(1...pagesB)))
    let c = name("cma")
    if pick(0...1) == 0 { add(.cmaAlloc(count: pick(1...8), align: 0), c) }
    if pick(0...1) == 0 { add(.cmaRelease(pointer: .variable(b), count: pagesB)) }
  }

  // MARK: - Coherent buffers

  private static let coherentSizes: [UInt64] = [64, 4096, 8192, 12288, 65536]

  private mutating func coherentSize() -> UInt64 {
    Self.coherentSizes[Int(random.next() % UInt64(Self.coherentSizes.count))]
  }

  /// `dma_free_coherent` with one buffer's address and the other's handle, in either size.
  private mutating func coherentSwappedHandles() {
    let (a, ha, b, hb) = (name("co"), name("hco"), name("co"), name("hco"))
    let sizeA = coherentSize()
    let sizeB = coherentSize()
    let flags: GFPFlags = pick(0...3) == 0 ? .atomic : .kernel
    add(
      .dmaAllocCoherent(device: device, size: sizeA, handle: ha, flags: flags, writeCombine: false),
      a)
    add(
      .dmaAllocCoherent(
        device: device, size: sizeB, handle: hb, flags: .kernel, writeCombine: false),
      b)
    let sizes = [sizeA, sizeB]
    add(
      .dmaFreeCoherent(
        device: device, size: sizes[Int(pick(0...1))], pointer: .variable(a),
        handle: .variable(hb)))
    if pick(0...1) == 0 {
      add(
        .dmaFreeCoherent(
          device: device, size: sizes[Int(pick(0...1))], pointer: .variable(b),
          handle: .variable(ha)))
    }
    if pick(0...1) == 0 {
      add(
        .dmaFreeCoherent(device: device, size: sizeB, pointer: .variable(b), handle: .variable(hb)))
    }
    let c = name("co")
    add(
      .dmaAllocCoherent(
        device: device, size: coherentSize(), handle: name("hco"), flags: .kernel,
        writeCombine: false), c)
  }

  /// `dma_free_coherent` with the right address and handle but another size, twice now and then.
  private mutating func coherentWrongSize() {
    let (a, ha) = (name("co"), name("hco"))
    let size = coherentSize()
    add(
      .dmaAllocCoherent(
        device: device, size: size, handle: ha, flags: .kernel, writeCombine: false),
      a)
    add(
      .dmaFreeCoherent(
        device: device, size: coherentSize(), pointer: .variable(a), handle: .variable(ha)))
    if pick(0...2) == 0 {
      add(
        .dmaFreeCoherent(device: device, size: size, pointer: .variable(a), handle: .variable(ha)))
    }
  }

  // MARK: - NIC rings

  private mutating func ring(at handle: String) {
    if pick(0...1) == 0 {
      add(.writel(device: "eth0", register: .txRingBase, value: .variable(handle)))
      add(.writel(device: "eth0", register: .txDoorbell, value: .literal(.integer(1))))
    } else {
      add(.writel(device: "eth0", register: .rxRingBase, value: .variable(handle)))
      if pick(0...1) == 0 {
        add(.writel(device: "eth0", register: .rxDoorbell, value: .literal(.integer(1))))
      }
      let bytes = (0..<Int(pick(0...80))).map { UInt8(truncatingIfNeeded: $0 &* 3) }
      add(.deviceReceive(device: "eth0", bytes: bytes))
    }
    add(.runTicks(pick(10...200)))
  }

  /// A ring base set to `DMA_MAPPING_ERROR` (a vmapped stack buffer cannot be mapped).
  private mutating func ringAtErrorHandle() {
    let b = name("stack")
    let h = name("h")
    add(.stackBuffer(size: 64, vmapped: true), b)
    add(.dmaMapSingle(device: "eth0", pointer: .variable(b), size: 64, direction: .toDevice), h)
    ring(at: h)
  }

  /// A ring base set to a handle that was unmapped and whose buffer was freed.
  private mutating func ringAtStaleHandle() {
    let b = name("buf")
    let h = name("h")
    add(.kmalloc(size: pick(1...4) * 64, flags: .kernel), b)
    add(
      .dmaMapSingle(device: "eth0", pointer: .variable(b), size: 64, direction: .bidirectional), h)
    add(.dmaMappingError(device: "eth0", handle: .variable(h)))
    add(.dmaUnmapSingle(device: "eth0", handle: .variable(h), size: 64, direction: .bidirectional))
    add(.kfree(.variable(b)))
    ring(at: h)
  }

  // MARK: - Streaming mappings

  private static let directions: [DMADataDirection] = [.toDevice, .fromDevice, .bidirectional]

  private mutating func direction() -> DMADataDirection {
    Self.directions[Int(random.next() % UInt64(Self.directions.count))]
  }

  /// A mapped kmalloc buffer: (buffer, handle, size, direction).
  private mutating func mapped() -> (String, String, UInt64, DMADataDirection) {
    let b = name("buf")
    let h = name("h")
    let size = pick(1...64) * 64
    let direction = direction()
    add(.kmalloc(size: size, flags: .kernel), b)
    add(.dmaMapSingle(device: device, pointer: .variable(b), size: size, direction: direction), h)
    add(.dmaMappingError(device: device, handle: .variable(h)))
    return (b, h, size, direction)
  }

  private mutating func unmapTwice() {
    let (b, h, size, direction) = mapped()
    add(.dmaUnmapSingle(device: device, handle: .variable(h), size: size, direction: direction))
    if pick(0...1) == 0 { add(.kfree(.variable(b))) }
    add(.dmaUnmapSingle(device: device, handle: .variable(h), size: size, direction: direction))
  }

  private mutating func unmapWrongSizeOrDirection() {
    let (b, h, size, direction) = mapped()
    let wrongSize = pick(0...1) == 0 ? size : max(1, size / 2 + pick(0...8192))
    let wrongDirection = pick(0...1) == 0 ? direction : self.direction()
    add(
      .dmaUnmapSingle(
        device: device, handle: .variable(h), size: wrongSize, direction: wrongDirection))
    add(.kfree(.variable(b)))
  }

  private mutating func syncAfterUnmap() {
    let (b, h, size, direction) = mapped()
    add(.dmaUnmapSingle(device: device, handle: .variable(h), size: size, direction: direction))
    add(
      pick(0...1) == 0
        ? .dmaSyncSingleForCPU(
          device: device, handle: .variable(h), size: size, direction: direction)
        : .dmaSyncSingleForDevice(
          device: device, handle: .variable(h), size: size, direction: direction))
    add(.cpuRead(pointer: .variable(b), offset: 0, length: min(size, 16)))
    add(.kfree(.variable(b)))
  }

  // MARK: - Channel calls

  /// A TX transfer on `uart0`, then pause, resume, terminate_sync, terminate_async, synchronize
  /// and release in a random order (some twice, some left out), and a prep on the channel
  /// after the calls now and then.
  private mutating func channelCallsInAnyOrder() {
    let channel = name("chan")
    add(.dmaRequestChan(device: "uart0", name: "tx"), channel)
    add(
      .dmaengineSlaveConfig(
        channel: .variable(channel), config: SlaveConfig(dstAddrWidth: 1, dstMaxBurst: 4)))
    let b = name("buf")
    let h = name("h")
    let size = pick(1...4) * 64
    add(.kmalloc(size: size, flags: .kernel), b)
    add(.dmaMapSingle(device: "uart0", pointer: .variable(b), size: size, direction: .toDevice), h)
    add(.dmaMappingError(device: "uart0", handle: .variable(h)))
    let descriptor = name("d")
    add(
      .prepSlaveSingle(
        channel: .variable(channel), buffer: .variable(h), length: size, direction: .memToDev,
        flags: .prepInterrupt), descriptor)
    add(.submit(descriptor: .variable(descriptor)), name("c"))
    add(.issuePending(channel: .variable(channel)))
    var calls: [Operation] = [
      .dmaPause(channel: .variable(channel)), .dmaResume(channel: .variable(channel)),
      .terminateSync(channel: .variable(channel)), .terminateAsync(channel: .variable(channel)),
      .synchronize(channel: .variable(channel)), .dmaReleaseChannel(channel: .variable(channel)),
    ]
    // Fisher–Yates with the soak's generator, then a repeat or two.
    for index in stride(from: calls.count - 1, to: 0, by: -1) {
      calls.swapAt(index, Int(random.next() % UInt64(index + 1)))
    }
    for _ in 0..<pick(0...2) { calls.append(calls[Int(random.next() % UInt64(calls.count))]) }
    for call in calls.prefix(Int(pick(2...UInt64(calls.count)))) {
      add(call)
      if pick(0...1) == 0 { add(.runTicks(pick(1...40))) }
    }
    if pick(0...2) == 0 {
      let again = name("d")
      add(
        .prepSlaveSingle(
          channel: .variable(channel), buffer: .variable(h), length: size, direction: .memToDev,
          flags: .prepInterrupt), again)
      add(.submit(descriptor: .variable(again)), name("c"))
      add(.issuePending(channel: .variable(channel)))
      add(.runTicks(pick(10...100)))
    }
    add(.terminateSync(channel: .variable(channel)))
    add(.dmaUnmapSingle(device: "uart0", handle: .variable(h), size: size, direction: .toDevice))
    add(.kfree(.variable(b)))
  }
}
