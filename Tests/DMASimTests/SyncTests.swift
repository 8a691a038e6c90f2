import Testing

@testable import DMASim

/// `dma_sync_single_for_cpu/device` end to end, dma-debug in the machine, and the three views.
@Suite struct SyncTests {
  static let bytes = [UInt8](repeating: 0x5a, count: 128)

  /// kmalloc(128) → CPU writes → dma_map_single(dir) → mapping_error → the given tail.
  static func program(
    _ direction: DMADataDirection, size: UInt64 = 128, checked: Bool = true, tail: [Action]
  ) -> Program {
    var actions = [
      Action(operation: .kmalloc(size: size, flags: .kernel), result: "buf"),
      Action(
        operation: .cpuWrite(
          pointer: .variable("buf"), offset: 0, bytes: Array(bytes.prefix(Int(size))))),
      Action(
        operation: .dmaMapSingle(
          device: "spi0", pointer: .variable("buf"), size: size, direction: direction),
        result: "handle"),
    ]
    if checked {
      actions.append(
        Action(operation: .dmaMappingError(device: "spi0", handle: .variable("handle"))))
    }
    return Program(title: "sync", actions: actions + tail)
  }

  static func sync(
    forCPU: Bool, _ direction: DMADataDirection, size: UInt64 = 128,
    handle: Operand = .variable("handle")
  ) -> Action {
    Action(
      operation: forCPU
        ? .dmaSyncSingleForCPU(device: "spi0", handle: handle, size: size, direction: direction)
        : .dmaSyncSingleForDevice(device: "spi0", handle: handle, size: size, direction: direction))
  }

  static func unmap(_ direction: DMADataDirection, size: UInt64 = 128) -> Action {
    Action(
      operation: .dmaUnmapSingle(
        device: "spi0", handle: .variable("handle"), size: size, direction: direction))
  }

  func debugMessages(_ machine: Machine) -> [String] {
    machine.log.entries.filter { $0.source == .debug }.map(\.message)
  }

  @Test func syncForCPUInvalidatesAndSyncForDeviceCleansWithOwnershipFlips() {
    let write = Action(
      operation: .cpuWrite(pointer: .variable("buf"), offset: 0, bytes: [1, 2, 3]))
    var machine = Machine(
      board: .minimal,
      program: Self.program(
        .fromDevice,
        tail: [Self.sync(forCPU: true, .fromDevice), write, Self.sync(forCPU: false, .fromDevice)])
    )
    machine.run(until: { $0.dma.mappings.first?.owner == .cpu })
    let physical = machine.dma.mappings[0].physical
    #expect(machine.memory.cache.lookup(physical) == nil)
    #expect(machine.memory.cache.lookup(physical.advanced(by: 64)) == nil)
    machine.run(until: { $0.dma.mappings.first?.owner == .device })
    #expect(machine.memory.ram.read(physical, count: 3) == [1, 2, 3])
    #expect(
      machine.memory.cache.lookup(physical).map { machine.memory.cache.line($0).state } == .clean)
    machine.runToEnd()
    #expect(debugMessages(machine).isEmpty)
    let functions = machine.log.entries.map(\.function)
    #expect(functions.contains("dma_sync_single_for_cpu"))
    #expect(functions.filter { $0 == "dc ivac" }.count == 2)
  }

  @Test func toDeviceSyncForCPUDoesNoMaintenance() {
    var machine = Machine(
      board: .minimal,
      program: Self.program(.toDevice, tail: [Self.sync(forCPU: true, .toDevice)]))
    machine.runToEnd()
    #expect(!machine.log.entries.contains { $0.function == "dc ivac" || $0.function == "dc civac" })
    #expect(machine.dma.mappings.first?.owner == .cpu)
    #expect(debugMessages(machine).isEmpty)
  }

  @Test func partialEdgeLinesAreCleanedAndInvalidated() {
    // A kmalloc-32 object is half a line: dcache_inval_poc must not drop its neighbour's data.
    var machine = Machine(
      board: .minimal,
      program: Self.program(
        .fromDevice, size: 32, tail: [Self.sync(forCPU: true, .fromDevice, size: 32)]))
    machine.runToEnd()
    let maintenance = machine.log.entries.map(\.function).filter { $0.hasPrefix("dc ") }
    #expect(maintenance == ["dc cvac", "dc civac"])
  }

  @Test func wrongSyncDirectionIsReportedWithTheKernelText() {
    var machine = Machine(
      board: .minimal,
      program: Self.program(.toDevice, tail: [Self.sync(forCPU: false, .fromDevice)]))
    machine.runToEnd()
    #expect(
      debugMessages(machine) == [
        "DMA-API: ssp-pl022 9060000.spi: device driver syncs DMA memory with different direction "
          + "[device address=0x0000000042000000] [size=128 bytes] [mapped with DMA_TO_DEVICE] "
          + "[synced with DMA_FROM_DEVICE]"
      ])
    #expect(machine.log.entries.contains { $0.source == .debug && $0.function == "dma-debug" })
  }

  @Test func doubleUnmapAndWrongSizeUseDMADebug() {
    var machine = Machine(
      board: .minimal,
      program: Self.program(
        .toDevice, tail: [Self.unmap(.toDevice, size: 64), Self.unmap(.toDevice)]))
    machine.runToEnd()
    #expect(
      debugMessages(machine) == [
        "DMA-API: ssp-pl022 9060000.spi: device driver frees DMA memory with different size "
          + "[device address=0x0000000042000000] [map size=128 bytes] [unmap size=64 bytes]",
        "DMA-API: ssp-pl022 9060000.spi: device driver tries to free DMA memory it has not "
          + "allocated [device address=0x0000000042000000] [size=128 bytes]",
      ])
    #expect(machine.dma.mappings.isEmpty)
    #expect(machine.dma.dmaDebug.entries.isEmpty)
  }

  @Test func overlappingFromDeviceMappingsOfOneLineAreReported() {
    let second = Action(
      operation: .dmaMapSingle(
        device: "spi0", pointer: .variable("buf"), size: 64, direction: .fromDevice),
      result: "other")
    var machine = Machine(board: .minimal, program: Self.program(.fromDevice, tail: [second]))
    machine.runToEnd()
    #expect(
      debugMessages(machine) == [
        "DMA-API: ssp-pl022 9060000.spi: cacheline tracking EEXIST, overlapping mappings aren't "
          + "supported"
      ])
  }

  @Test func threeViewsShowTheDirtyLineUntilTheMapCleansIt() throws {
    var machine = Machine(board: .minimal, program: Self.program(.toDevice, tail: []))
    machine.run(until: {
      $0.memory.cache.lines.contains { $0.state == .dirty } && $0.cpu.pending.isEmpty
    })
    let slot = try #require(machine.memory.cache.lines.firstIndex { $0.state == .dirty })
    let physical = machine.memory.cache.lineAddress(
      of: CacheSlot(
        set: slot / machine.memory.cache.geometry.ways,
        way: slot % machine.memory.cache.geometry.ways))
    let before = try #require(machine.views(of: physical, count: 4, device: "spi0"))
    #expect(before.bytes[0] == ByteViews.Triple(cpu: 0x5a, ram: 0, device: 0))
    #expect(before.differs == [true, true, true, true])
    machine.runToEnd()
    let after = try #require(machine.views(of: physical, count: 4, device: "spi0"))
    #expect(after.differs == [false, false, false, false])
    #expect(machine.views(of: physical, count: 1, device: "nope") == nil)
  }

  @Test func aCoherentDeviceSeesTheCache() throws {
    var board = Board.minimal
    board.devices[0].coherent = true
    var machine = Machine(board: board, program: Self.program(.toDevice, tail: []))
    machine.run(until: { $0.dma.mappings.count == 1 })
    let physical = machine.dma.mappings[0].physical
    let views = try #require(machine.views(of: physical, count: 2, device: "spi0"))
    // No maintenance for a coherent device: RAM is stale, but the device snoops the cache.
    #expect(views.bytes[0] == ByteViews.Triple(cpu: 0x5a, ram: 0, device: 0x5a))
    #expect(views.differs == [true, true])
  }
}
