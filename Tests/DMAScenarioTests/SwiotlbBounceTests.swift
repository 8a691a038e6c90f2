import DMAScenario
import Testing

@testable import DMASim

/// swiotlb bouncing through scenarios: the copies per direction (§6.4), end to end through a
/// real transfer, and the "buffer is full" message.
@Suite struct SwiotlbBounceTests {
  static let prelude = """
    board "limited.dts"
    buf = kmalloc(256, GFP_KERNEL)
    cpu_write(buf, 0, "original data...")
    """

  func run(_ body: String) throws -> Machine {
    var machine = try BoardMachineSupport.machine(Self.prelude + "\n" + body)
    machine.runToEnd()
    return machine
  }

  /// RAM at the live bounce buffer.
  func bounceRAM(_ machine: Machine, count: Int = 16) throws -> [UInt8] {
    let bounce = try #require(machine.dma.bounces.first)
    return machine.memory.ram.read(bounce.bounce, count: count)
  }

  @Test func mapCopiesOriginalToBounceForEveryDirection() throws {
    for direction in ["DMA_TO_DEVICE", "DMA_FROM_DEVICE", "DMA_BIDIRECTIONAL"] {
      let machine = try run("h = dma_map_single(uart0, buf, 256, \(direction))")
      let bounce = try #require(machine.dma.bounces.first)
      #expect(bounce.bounce.rawValue < 0x100_0000, "\(direction)")
      #expect(bounce.original.rawValue >= 0x100_0000)
      // Copied, then cleaned to RAM for the non-coherent device.
      #expect(try bounceRAM(machine) == Array("original data...".utf8), "\(direction)")
      guard case .dmaAddress(let handle) = machine.cpu.variables["h"] else {
        Issue.record("h not set")
        return
      }
      #expect(handle.rawValue == bounce.bounce.rawValue)
      #expect(machine.dma.swiotlb?.usedSlots == 1)
    }
  }

  @Test func syncForDeviceCopiesOnlyWhenTheDeviceReads() throws {
    for (direction, copies) in [
      ("DMA_TO_DEVICE", true), ("DMA_FROM_DEVICE", false), ("DMA_BIDIRECTIONAL", true),
    ] {
      let machine = try run(
        """
        h = dma_map_single(uart0, buf, 256, \(direction))
        dma_sync_single_for_cpu(uart0, h, 256, \(direction))
        cpu_write(buf, 0, "NEW!")
        dma_sync_single_for_device(uart0, h, 256, \(direction))
        """)
      let expected = copies ? "NEW!inal data..." : "original data..."
      #expect(try bounceRAM(machine) == Array(expected.utf8), "\(direction)")
    }
  }

  @Test func syncForCPUAndUnmapCopyBackOnlyWhenTheDeviceWrote() throws {
    for (direction, copies) in [
      ("DMA_TO_DEVICE", false), ("DMA_FROM_DEVICE", true), ("DMA_BIDIRECTIONAL", true),
    ] {
      for finish in ["dma_sync_single_for_cpu", "dma_unmap_single"] {
        var machine = try BoardMachineSupport.machine(
          Self.prelude + "\nh = dma_map_single(uart0, buf, 256, \(direction))\n"
            + "\(finish)(uart0, h, 256, \(direction))\nv = cpu_read(buf, 0, 16)\n")
        // Run to the end of the map, let the device write the bounce slots, then finish.
        for _ in 0..<100_000 where machine.dma.bounces.isEmpty || machine.cpu.isInsideAction {
          if !machine.step() { break }
        }
        let live = try #require(machine.dma.bounces.first)
        machine.memory.ram.write(live.bounce, bytes: Array("from the device!".utf8))
        machine.runToEnd()
        let read = machine.cpu.variables["v"]
        let expected = copies ? "from the device!" : "original data..."
        #expect(read == .bytes(Array(expected.utf8)), "\(direction) \(finish)")
        #expect(machine.dma.bounces.isEmpty == (finish == "dma_unmap_single"))
      }
    }
  }

  @Test func transmitReadsTheBounceBuffer() throws {
    let machine = try run(
      """
      tx = dma_request_chan(uart0, "tx")
      dmaengine_slave_config(tx, dst_addr_width=1, dst_maxburst=4)
      h = dma_map_single(uart0, buf, 16, DMA_TO_DEVICE)
      d = dmaengine_prep_slave_single(tx, h, 16, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      c = dmaengine_submit(d)
      dma_async_issue_pending(tx)
      wait_for_completion(c)
      dma_unmap_single(uart0, h, 16, DMA_TO_DEVICE)
      """)
    let uart = try #require(machine.peripherals.first { $0.name == "uart0" })
    #expect(uart.output == Array("original data...".utf8))
    #expect(machine.dma.swiotlb?.usedSlots == 0)
  }

  @Test func receiveReachesTheBufferAtUnmap() throws {
    let machine = try run(
      """
      rx = dma_request_chan(uart0, "rx")
      dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)
      h2 = dma_map_single(uart0, buf, 16, DMA_FROM_DEVICE)
      d2 = dmaengine_prep_slave_single(rx, h2, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
      c2 = dmaengine_submit(d2)
      dma_async_issue_pending(rx)
      device_receive(uart0, "sixteen bytes in")
      wait_for_completion(c2)
      early = cpu_read(buf, 0, 16)
      dma_unmap_single(uart0, h2, 16, DMA_FROM_DEVICE)
      late = cpu_read(buf, 0, 16)
      """)
    #expect(machine.cpu.variables["early"] == .bytes(Array("original data...".utf8)))
    #expect(machine.cpu.variables["late"] == .bytes(Array("sixteen bytes in".utf8)))
    #expect(machine.dma.swiotlb?.usedSlots == 0)
  }

  /// kernel/dma/swiotlb.c `swiotlb_tbl_map_single`: `dev_warn_once`, so the message carries
  /// `__dev_printk`'s `DRIVER DEVNAME: ` prefix (drivers/base/core.c).
  @Test func bufferIsFullMessage() throws {
    let machine = try run(
      """
      big = kmalloc(300K, GFP_KERNEL)
      h = dma_map_single(uart0, big, 300K, DMA_TO_DEVICE)
      r = dma_mapping_error(uart0, h)
      """)
    #expect(
      BoardMachineSupport.messages(machine, "swiotlb_tbl_map_single") == [
        "uart-pl011 10001000.serial: swiotlb buffer is full (sz: 307200 bytes), total 1024 (slots), used 0 (slots)"
      ])
    #expect(machine.cpu.variables["h"] == .dmaAddress(.mappingError))
    #expect(machine.cpu.variables["r"] == .integer(-12))
  }

  @Test func forcedAndKmallocBouncing() throws {
    var forced = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      cmdline "swiotlb=force"
      buf = kmalloc(256, GFP_KERNEL)
      h = dma_map_single(uart0, buf, 256, DMA_TO_DEVICE)
      """)
    forced.runToEnd()
    #expect(forced.dma.bounces.count == 1)
    var small = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      a = kmalloc(32, GFP_KERNEL)
      b = kmalloc(32, GFP_KERNEL)
      c = kmalloc(256, GFP_KERNEL)
      ha = dma_map_single(uart0, a, 32, DMA_FROM_DEVICE)
      hb = dma_map_single(uart0, b, 32, DMA_TO_DEVICE)
      hc = dma_map_single(uart0, c, 256, DMA_FROM_DEVICE)
      """)
    small.runToEnd()
    // Only the small buffer the device writes is bounced (dma_kmalloc_needs_bounce).
    #expect(small.dma.bounces.count == 1)
    #expect(small.dma.bounces.first?.size == 32)
  }

  @Test func kmallocSizeClassesAreCheckedAgainstTheCacheLine() throws {
    // arm64's dma_get_cache_alignment is cache_line_size() (arch/arm64/include/asm/cache.h),
    // 64 bytes here: kmalloc-192 is aligned to it and maps in place, kmalloc-96 bounces (as
    // Debian's 6.12 kernel does on QEMU virt, Tests/realkernel/modules/kmalloc-bounce.dms).
    var machine = try BoardMachineSupport.machine(
      """
      board arm64-cma-soc
      a = kmalloc(150, GFP_KERNEL)
      b = kmalloc(80, GFP_KERNEL)
      ha = dma_map_single(uart0, a, 150, DMA_FROM_DEVICE)
      hb = dma_map_single(uart0, b, 80, DMA_FROM_DEVICE)
      """)
    machine.runToEnd()
    #expect(machine.dma.bounces.map(\.size) == [80])
  }

  @Test func scatterGatherEntriesBounce() throws {
    let machine = try run(
      """
      other = kmalloc(256, GFP_KERNEL)
      t = sg_init_table(2)
      sg_set_buf(t, 0, buf, 256)
      sg_set_buf(t, 1, other, 256)
      n = dma_map_sg(uart0, t, 2, DMA_TO_DEVICE)
      """)
    #expect(machine.cpu.variables["n"] == .integer(2))
    #expect(machine.dma.bounces.count == 2)
    let entries = machine.dma.scatterLists.first?.entries ?? []
    #expect(entries.allSatisfy { ($0.dmaAddress?.rawValue ?? .max) < 0x100_0000 })
  }
}
