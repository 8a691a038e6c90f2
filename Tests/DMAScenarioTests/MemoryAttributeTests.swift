import DMAScenario
import Testing

@testable import DMASim

/// Memory types on the CPU's path, barriers, remaps, page walks and the ARM32 profile.
@Suite struct MemoryAttributeTests {
  func machine(_ source: String) throws -> Machine {
    let result = ScenarioCompiler.compile(source, fileName: "m.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    return Machine(board: scenario.board, program: scenario.program)
  }

  func pointer(_ machine: Machine, _ name: String) throws -> VirtAddr {
    guard case .pointer(let address) = machine.cpu.variables[name] else {
      throw PointerMissing(name: name)
    }
    return address
  }

  struct PointerMissing: Error { var name: String }

  @Test func writeCombiningStoresMergeAndWaitForWmb() throws {
    let head = """
      board soc
      wc = dma_alloc_wc(spi0, 4096, handle, GFP_KERNEL)
      cpu_write(wc, 0, "ab")
      cpu_write(wc, 2, "cd")
      cpu_write(wc, 64, "ef")
      """
    var before = try machine(head)
    #expect(before.run { $0.cpu.finished })
    let physical = try #require(
      before.memory.pageTable.translate(try pointer(before, "wc"))?.physical)
    #expect(before.memory.writeBuffer.entries.count == 2)
    #expect(before.memory.writeBuffer.entries.first?.stores == 2)
    let waiting = try #require(before.views(of: physical, count: 4, device: "spi0"))
    #expect(waiting.bytes.map(\.cpu) == Array("abcd".utf8))
    #expect(waiting.bytes.map(\.ram) == [0, 0, 0, 0])
    #expect(waiting.bytes.map(\.device) == [0, 0, 0, 0])
    #expect(waiting.differs.allSatisfy { $0 })

    var after = try machine(head + "\nwmb()\n")
    #expect(after.run { $0.cpu.finished })
    #expect(after.memory.writeBuffer.entries.isEmpty)
    let drained = try #require(after.views(of: physical, count: 4, device: "spi0"))
    #expect(drained.bytes.map(\.device) == Array("abcd".utf8))
    #expect(!drained.differs.contains(true))
    #expect(after.log.entries.contains { $0.function == "wmb" && $0.message.contains("dsb st") })
    #expect(
      after.log.entries.contains {
        $0.function == "write buffer" && $0.message.contains("4 bytes from 2 store(s)")
      })
  }

  @Test func rmbLeavesStoresBufferedAndTimeDrainsThem() throws {
    var machine = try machine(
      """
      board soc
      wc = dma_alloc_wc(spi0, 4096, handle, GFP_KERNEL)
      cpu_write(wc, 0, "late")
      rmb()
      dma_rmb()
      """)
    #expect(machine.run { $0.cpu.finished })
    #expect(machine.memory.writeBuffer.entries.count == 1)
    #expect(machine.log.entries.contains { $0.message.contains("dmb oshld") })
    machine.runToEnd()
    #expect(machine.memory.writeBuffer.entries.isEmpty)
    #expect(machine.log.entries.contains { $0.message.contains("drained after 100 ticks") })
  }

  @Test func aFullWriteBufferDrainsItsOldestLine() throws {
    var machine = try machine(
      """
      board soc
      wc = dma_alloc_wc(spi0, 4096, handle, GFP_KERNEL)
      cpu_write(wc, 0, "x")
      cpu_write(wc, 64, "x")
      cpu_write(wc, 128, "x")
      cpu_write(wc, 192, "x")
      cpu_write(wc, 256, "y")
      """)
    #expect(machine.run { $0.cpu.finished })
    let physical = try #require(
      machine.memory.pageTable.translate(try pointer(machine, "wc"))?.physical)
    #expect(machine.memory.writeBuffer.entries.count == 4)
    #expect(machine.memory.ram.byte(at: physical) == UInt8(ascii: "x"))
    #expect(machine.memory.ram.byte(at: physical.advanced(by: 64)) == 0)
  }

  @Test func theDMAEngineDoorbellIsAWritelAndDrainsTheBuffer() throws {
    var machine = try machine(
      """
      board soc
      spi = dma_request_chan(spi0, "tx")
      dmaengine_slave_config(spi, dst_addr_width=4, dst_maxburst=4)
      wc = dma_alloc_wc(spi0, 4096, handle, GFP_KERNEL)
      cpu_write(wc, 0, "doorbell", repeat=2)
      d = dmaengine_prep_slave_single(spi, handle, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(spi)
      wait_for_completion(c)
      """)
    machine.runToEnd()
    #expect(machine.log.entries.contains { $0.function == "writel" })
    let spi = try #require(machine.peripherals.firstIndex { $0.spec.name == "spi0" })
    #expect(String(decoding: machine.peripherals[spi].output, as: UTF8.self) == "doorbelldoorbell")
  }

  @Test func writeThroughKeepsRAMEqualToTheCache() throws {
    var machine = try machine(
      """
      board soc
      arch arm32
      cachepolicy writethrough
      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "write-through")
      """)
    machine.runToEnd()
    let physical = try #require(
      machine.memory.pageTable.translate(try pointer(machine, "buf"))?.physical)
    let views = try #require(machine.views(of: physical, count: 13, device: "spi0"))
    #expect(views.bytes.map(\.ram) == Array("write-through".utf8))
    #expect(!views.differs.contains(true))
    #expect(machine.memory.cache.lines.allSatisfy { $0.state != .dirty })
    #expect(machine.log.entries.contains { $0.message == "Memory policy: Data cache writethrough" })
  }

  @Test func writeBackLeavesRAMBehind() throws {
    var machine = try machine(
      """
      board soc
      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "write-back")
      """)
    machine.runToEnd()
    let physical = try #require(
      machine.memory.pageTable.translate(try pointer(machine, "buf"))?.physical)
    let views = try #require(machine.views(of: physical, count: 10, device: "spi0"))
    #expect(views.bytes.map(\.cpu) == Array("write-back".utf8))
    #expect(views.bytes.map(\.ram) == [UInt8](repeating: 0, count: 10))
  }

  @Test func coherentBufferWalkAndItsMismatchedLinearAlias() throws {
    var machine = try machine(
      """
      board soc
      buf = kmalloc(64, GFP_KERNEL)
      ring = dma_alloc_coherent(spi0, 4096, handle, GFP_KERNEL)
      show_pte(buf)
      show_pte(ring)
      """)
    machine.runToEnd()
    let linear = machine.memory.pageTable.walk(try pointer(machine, "buf"))
    #expect(linear.steps.map(\.kind) == [.table, .table, .table, .page])
    #expect(linear.leaf?.memoryType == .normalWriteBack)
    #expect(linear.leaf?.mappingName == KernelMapping.linearMapName)
    let remap = machine.memory.pageTable.walk(try pointer(machine, "ring"))
    #expect(remap.steps.map(\.kind) == [.table, .table, .table, .page])
    let leaf = try #require(remap.leaf)
    #expect(leaf.memoryType == .normalNonCacheable && leaf.size == 4096)
    #expect((leaf.descriptor >> 2) & 7 == 2)
    #expect(leaf.attributes.privilegedExecuteNever && leaf.attributes.userExecuteNever)
    let physical = try #require(remap.physical)
    let aliases = machine.memory.pageTable.aliases(of: physical)
    #expect(aliases.mismatched)
    #expect(aliases.aliases.map(\.memoryType) == [.normalWriteBack, .normalNonCacheable])
    #expect(
      machine.log.entries.contains {
        $0.function == "show_pte" && $0.message.contains("different attributes")
      })
    #expect(machine.log.entries.contains { $0.message.hasPrefix("swapper pgtable: 4k pages") })
  }

  @Test func remapsOfRegistersAndRefusalsOnRAM() throws {
    var machine = try machine(
      """
      board soc
      regs = ioremap(0x09060000, 0x1000)
      wcregs = ioremap_wc(0x09060000, 0x1000)
      np = ioremap_np(0x09060000, 0x1000)
      ram = ioremap(0x48000000, 0x1000)
      wb = memremap(0x48000000, 4096, MEMREMAP_WB)
      bad = memremap(0x48000000, 4096, MEMREMAP_WC)
      iounmap(regs)
      """)
    machine.runToEnd()
    #expect(
      machine.memory.pageTable.walk(try pointer(machine, "wcregs")).leaf?.memoryType
        == .normalNonCacheable
    )
    #expect(
      machine.memory.pageTable.walk(try pointer(machine, "np")).leaf?.memoryType == .deviceNGnRnE)
    #expect(machine.memory.pageTable.walk(try pointer(machine, "regs")).leaf == nil)
    #expect(machine.cpu.variables["ram"] == .error(.null))
    #expect(machine.cpu.variables["bad"] == .error(.null))
    #expect(
      machine.memory.pageTable.walk(try pointer(machine, "wb")).leaf?.mappingName
        == KernelMapping.linearMapName)
    #expect(
      machine.log.entries.contains {
        $0.message == "memremap attempted on ram 0x0000000048000000 size: 0x1000"
      })
  }

  /// The same driver sequence under both profiles: a FROM_DEVICE buffer the CPU dirtied.
  @Test func arm32InvalidatesAtMapWhereArm64Cleans() throws {
    let body = """
      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "cpu-dirty")
      h = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
      dma_unmap_single(spi0, h, 64, DMA_FROM_DEVICE)
      """
    var arm64 = try machine("board soc\n" + body)
    var arm32 = try machine("board soc\narch arm32\n" + body)
    arm64.runToEnd()
    arm32.runToEnd()
    let physical = try #require(
      arm64.memory.pageTable.translate(try pointer(arm64, "buf"))?.physical)
    // arm64 cleaned: the CPU's bytes reached RAM. ARM32 invalidated: they are gone.
    #expect(arm64.memory.ram.read(physical, count: 9) == Array("cpu-dirty".utf8))
    #expect(arm32.memory.ram.read(physical, count: 9) == [UInt8](repeating: 0, count: 9))
    #expect(arm64.log.entries.contains { $0.function == "arch_sync_dma_for_device" })
    #expect(arm64.log.entries.contains { $0.function == "dc cvac" })
    #expect(
      arm32.log.entries.contains {
        $0.function == "__dma_page_cpu_to_dev" && $0.message.contains("v7_dma_inv_range")
      })
    #expect(arm32.log.entries.contains { $0.function.contains("DCIMVAC") })
    #expect(
      arm32.log.entries.contains {
        $0.function == "__dma_page_dev_to_cpu" && $0.message.contains("v7_dma_inv_range")
      })
    #expect(!arm32.log.entries.contains { $0.function == "arch_sync_dma_for_device" })
  }

  @Test func arm32TypesSpellTheCacheBufferTable() {
    #expect(MemoryType.arm32(c: false, b: false) == .deviceNGnRnE)
    #expect(MemoryType.arm32(c: false, b: true) == .normalNonCacheable)
    #expect(MemoryType.arm32(c: true, b: false) == .normalWriteThrough)
    #expect(MemoryType.arm32(c: true, b: true) == .normalWriteBack)
    for type in MemoryType.allCases where type != .device {
      let bits = type.cacheBufferBits
      #expect(MemoryType.arm32(c: bits.c, b: bits.b) == type)
    }
    #expect(MemoryType.normalNonCacheable.isBufferable && !MemoryType.device.isBufferable)
  }

  @Test func profileDirectivesAreChecked() {
    let result = ScenarioCompiler.compile(
      "board soc\ncachepolicy writethrough\n", fileName: "p.dms")
    #expect(result.diagnostics.map(\.message) == ["`cachepolicy` is an ARM32 kernel parameter"])
    let bad = ScenarioCompiler.compile("arch x86\n", fileName: "p.dms")
    #expect(bad.diagnostics.map(\.message) == ["`arch` takes one of: arm64, arm32"])
    let blocks = ScenarioCompiler.compile("rodata on\nboard soc\n", fileName: "p.dms")
    #expect(blocks.scenario?.board.linearMap == .blocks)
  }

  /// The lesson's bug is the missing barrier: the same lesson with `wmb()` after the refill
  /// plays the new samples on the pass that played the old ones.
  @Test func cacheModesLessonBugIsTheMissingBarrier() throws {
    let lesson = try #require(LessonLibrary.lesson(named: "cache-modes"))
    var buggy = try machine(lesson.source)
    buggy.runToEnd()
    #expect(buggy.expectationResults.count == 9 && buggy.expectationResults.allSatisfy(\.passed))
    let refill = #"cpu_write(ring, 128, "NEW!", repeat=16)"#
    #expect(lesson.source.contains(refill))
    let fixedSource = lesson.source.replacingFirst(refill, with: refill + "\n      wmb()")
    var fixed = try machine(fixedSource)
    fixed.runToEnd()
    let wire = { (machine: Machine) -> String in
      let index = machine.peripherals.firstIndex { $0.spec.name == "i2s0" } ?? 0
      return String(
        decoding: machine.peripherals[index].output.dropFirst(384).prefix(4), as: UTF8.self)
    }
    #expect(wire(buggy) == "old!")
    #expect(wire(fixed) == "NEW!")
  }
}

extension String {
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
