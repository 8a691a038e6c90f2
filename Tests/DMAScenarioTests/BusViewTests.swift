import DMAScenario
import Testing

@testable import DMASim

/// The bus view (dma-ranges offsets, bus limits) and the mask calls' return rules.
@Suite struct BusViewTests {
  @Test func handlesAreBusAddressesAndBeatsTranslateBack() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board "offset.dts"
      tx = dma_request_chan(uart0, "tx")
      dmaengine_slave_config(tx, dst_addr_width=1, dst_maxburst=4)
      buf = kmalloc(64, GFP_KERNEL)
      cpu_write(buf, 0, "bus addresses!!!")
      h = dma_map_single(uart0, buf, 16, DMA_TO_DEVICE)
      r = dma_mapping_error(uart0, h)
      d = dmaengine_prep_slave_single(tx, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(tx)
      wait_for_completion(c)
      p = virt_to_phys(buf)
      cb = dma_alloc_coherent(uart0, 4096, ch, GFP_KERNEL)
      cp = virt_to_phys(cb)
      """)
    machine.runToEnd()
    guard case .dmaAddress(let handle) = machine.cpu.variables["h"],
      case .dmaAddress(let physical) = machine.cpu.variables["p"],
      case .dmaAddress(let coherent) = machine.cpu.variables["ch"]
    else {
      Issue.record("variables not set")
      return
    }
    #expect(physical.rawValue >= 0x4000_0000)
    #expect(handle.rawValue == physical.rawValue - 0x4000_0000)
    let uart = try #require(machine.peripherals.first { $0.name == "uart0" })
    #expect(uart.output == Array("bus addresses!!!".utf8))
    // dma-debug records the bus address, like the kernel.
    #expect(machine.dma.dmaDebug.entries.contains { $0.dmaAddress == handle })
    // The coherent buffer's handle is a bus address too (its CPU pointer is a remap).
    let remap = try #require(machine.allocators.allocations.first { $0.name == "cb" })
    #expect(coherent.rawValue == remap.physical.rawValue - 0x4000_0000)
  }

  @Test func maskReturnRulesOnA24BitBus() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-dma24-soc
      a = dma_set_mask(floppy0, DMA_BIT_MASK(20))
      b = dma_set_mask(floppy0, DMA_BIT_MASK(24))
      c = dma_set_coherent_mask(floppy0, DMA_BIT_MASK(64))
      d = dma_set_mask_and_coherent(floppy0, DMA_BIT_MASK(16))
      e = dma_set_mask_and_coherent(floppy0, 0xffffffff)
      """)
    let floppy = try #require(machine.deviceIndex("floppy0"))
    #expect(
      machine.dma.dmaMasks[floppy] == DeviceDMAMasks(streaming: 0xff_ffff, coherent: 0xff_ffff))
    machine.runToEnd()
    #expect(machine.cpu.variables["a"] == .integer(-5))
    #expect(machine.cpu.variables["b"] == .integer(0))
    #expect(machine.cpu.variables["c"] == .integer(0))
    #expect(machine.cpu.variables["d"] == .integer(-5))
    #expect(machine.cpu.variables["e"] == .integer(0))
    #expect(
      machine.dma.dmaMasks[floppy] == DeviceDMAMasks(streaming: 0xffff_ffff, coherent: 0xffff_ffff))
    // The bus limit still holds after a 32-bit mask: min_not_zero(mask, bus limit).
    #expect(machine.reachLimit("floppy0", coherent: false) == 0xff_ffff)
  }

  @Test func smallMasksMustCoverZoneDMA() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      a = dma_set_mask(uart0, DMA_BIT_MASK(31))
      b = dma_set_coherent_mask(uart0, DMA_BIT_MASK(40))
      """)
    machine.runToEnd()
    // ZONE_DMA spans all of this board's RAM (below 4 GiB): 31 bits do not cover it.
    #expect(machine.cpu.variables["a"] == .integer(-5))
    #expect(machine.cpu.variables["b"] == .integer(0))
    let uart = try #require(machine.deviceIndex("uart0"))
    #expect(
      machine.dma.dmaMasks[uart] == DeviceDMAMasks(streaming: 0xffff_ffff, coherent: 0xff_ffff_ffff)
    )
    #expect(
      BoardMachineSupport.messages(machine, "dma_set_mask").first?.hasPrefix(
        "dma_set_mask(9040000.serial, 0x7fffffff) = -EIO") == true)
  }

  @Test func maskArgumentsAreChecked() {
    let result = ScenarioCompiler.compile(
      "board arm64-dma24-soc\na = dma_set_mask(floppy0, DMA_BIT_MASK(65))\n", fileName: "m.dms")
    #expect(
      result.diagnostics.map(\.message) == ["`DMA_BIT_MASK` takes one bit count from 0 to 64"])
  }
}

/// `dma_alloc_coherent`'s order: the device's own pool, then CMA, then the page allocator.
@Suite struct CoherentOrderTests {
  @Test func devicePoolFirstWithOrderRoundingAndNoFallback() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      r = of_reserved_mem_device_init(video_decoder0)
      a = dma_alloc_coherent(video_decoder0, 12288, ha, GFP_KERNEL)
      b = dma_alloc_coherent(video_decoder0, 4096, hb, GFP_KERNEL)
      c = dma_alloc_coherent(video_decoder0, 16M, hc, GFP_KERNEL)
      dma_free_coherent(video_decoder0, 12288, a, ha)
      """)
    machine.runToEnd()
    #expect(machine.cpu.variables["ha"] == .dmaAddress(DMAAddr(0x5000_0000)))
    // Three pages take an order-2 block: the next allocation starts four pages in.
    #expect(machine.cpu.variables["hb"] == .dmaAddress(DMAAddr(0x5000_4000)))
    // The whole pool is not free, and there is no fallback to CMA.
    #expect(machine.cpu.variables["c"] == .error(.null))
    #expect(machine.dma.coherentPools.first?.pool.usedPages == 1)
    guard case .pointer(let pointer) = machine.cpu.variables["b"] else {
      Issue.record("b not set")
      return
    }
    let mapping = try #require(machine.memory.pageTable.translate(pointer)?.mapping)
    #expect(mapping.name == "memremap vdec-pool@50000000")
    #expect(mapping.memoryType == .normalNonCacheable)
    // No dma-debug entries for per-device pool allocations.
    #expect(!machine.dma.dmaDebug.entries.contains { $0.type == .coherent })
  }

  @Test func cmaThenPageAllocator() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      a = dma_alloc_coherent(uart0, 8192, ha, GFP_KERNEL)
      b = dma_alloc_coherent(uart0, 4096, hb, GFP_KERNEL)
      """)
    machine.runToEnd()
    let a = try #require(machine.allocators.allocations.first { $0.name == "a" })
    let b = try #require(machine.allocators.allocations.first { $0.name == "b" })
    #expect(a.cmaArea == "linux,cma")
    #expect(b.cmaArea == nil)
    let area = try #require(machine.board.cmaAreas.first)
    #expect(a.physical.rawValue >= area.base && a.physical.rawValue < area.end)
    #expect(machine.dma.dmaDebug.entries.filter { $0.type == .coherent }.count == 2)
  }

  @Test func coherentMaskPicksZoneDMA() throws {
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-dma24-soc
      a = dma_alloc_coherent(floppy0, 4096, ha, GFP_KERNEL)
      """)
    machine.runToEnd()
    guard case .dmaAddress(let handle) = machine.cpu.variables["ha"] else {
      Issue.record("ha not set")
      return
    }
    #expect(handle.rawValue + 4095 <= 0xff_ffff)
    #expect(
      BoardMachineSupport.messages(machine, "dma_alloc_coherent").first?.contains("ZONE_DMA")
        == true)
  }
}
