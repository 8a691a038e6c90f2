import DMAScenario
import DMASim
import Testing

/// Every check the issue lists, driven by scenario text: each fires on a minimal wrong
/// sequence with the exact text the kernel (or, for the simulator-only checks, dmascope)
/// prints, and stays silent on the right sequence. The dma-debug checks are also tested one by
/// one against `DMADebug` itself in `DMASimTests`.
@Suite struct DMADebugCheckTests {
  /// One check: a wrong and a right scenario, and the `.debug` lines the wrong one must log
  /// (a line may be given up to a step number it ends with).
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var wrong: String
    var right: String
    var expected: @Sendable (Variables) -> [String]
    var description: String { name }
  }

  /// What the expected texts need from the wrong run.
  struct Variables {
    var machine: Machine
    /// A `dma_addr_t` variable as dma-debug prints it (`0x` and 16 digits).
    func handle(_ name: String) -> String {
      guard case .dmaAddress(let address) = machine.cpu.variables[name] else { return "?" }
      return address.hex
    }
    /// A pointer variable as `%p` prints it with `no_hash_pointers` (16 digits).
    func pointer(_ name: String) -> String {
      guard case .pointer(let address) = machine.cpu.variables[name] else { return "?" }
      return Hex.format(address.rawValue, digits: 16)
    }
    /// The cache line holding a pointer variable's byte at `offset`.
    func line(_ name: String, _ offset: UInt64 = 0) -> String {
      guard case .pointer(let address) = machine.cpu.variables[name],
        let physical = machine.memory.pageTable.translate(address.advanced(by: offset))?.physical
      else { return "?" }
      return machine.memory.cache.geometry.lineAddress(physical).hex
    }
  }

  static let prefix = "DMA-API: ssp-pl022 9060000.spi: "

  static let rx = """
    board soc
    rx = dma_request_chan(uart0, "rx")
    dmaengine_slave_config(rx, src_addr_width=1, src_maxburst=4)

    """

  /// `uart0` receives 16 bytes into `h`.
  static let receive = """
    d = dmaengine_prep_slave_single(rx, h, 16, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT)
    c = dmaengine_submit(d)
    dma_async_issue_pending(rx)
    device_receive(uart0, "ping from uart!\\n")
    wait_for_completion(c)

    """

  static let cases: [Case] = [
    Case(
      name: "unmap with the wrong size",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 32, DMA_TO_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      expected: {
        [
          prefix + "device driver frees DMA memory with different size [device address="
            + "\($0.handle("h"))] [map size=64 bytes] [unmap size=32 bytes]"
        ]
      }),
    Case(
      name: "unmap with the wrong direction",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_FROM_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      expected: {
        [
          prefix + "device driver frees DMA memory with different direction [device address="
            + "\($0.handle("h"))] [size=64 bytes] [mapped with DMA_TO_DEVICE] [unmapped with "
            + "DMA_FROM_DEVICE]"
        ]
      }),
    Case(
      name: "unmap of an address never mapped",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = virt_to_phys(buf)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      expected: {
        [
          prefix + "device driver tries to free DMA memory it has not allocated [device address="
            + "\($0.handle("h"))] [size=64 bytes]"
        ]
      }),
    Case(
      name: "sync of unmapped memory",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_FROM_DEVICE)
        dma_sync_single_for_cpu(spi0, h, 64, DMA_FROM_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_sync_single_for_cpu(spi0, h, 64, DMA_FROM_DEVICE)
        dma_unmap_single(spi0, h, 64, DMA_FROM_DEVICE)
        """,
      expected: {
        [
          prefix + "device driver tries to sync DMA memory it has not allocated [device address="
            + "\($0.handle("h"))] [size=64 bytes]"
        ]
      }),
    Case(
      name: "a map whose error was never checked",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      expected: {
        [
          prefix + "device driver failed to check map error[device address=\($0.handle("h"))] "
            + "[size=64 bytes] [mapped as single]"
        ]
      }),
    Case(
      name: "a vmalloc buffer",
      wrong: """
        board minimal
        buf = vmalloc(4096)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(4096, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      expected: { _ in
        [
          // dma_map_single_attrs refuses it before debug_dma_map_single runs, so dma-debug's
          // own vmalloc check (reachable only by other callers) stays quiet.
          "ssp-pl022 9060000.spi: rejecting DMA map of vmalloc memory"
        ]
      }),
    Case(
      name: "a stack buffer",
      wrong: """
        board minimal
        buf = stack_buffer(64, vmap_stack=0)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      expected: { [prefix + "device driver maps memory from stack [addr=\($0.pointer("buf"))]"] }
    ),
    Case(
      name: "overlapping cacheline mappings the device may write",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h1 = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
        r1 = dma_mapping_error(spi0, h1)
        h2 = dma_map_single(spi0, buf, 64, DMA_BIDIRECTIONAL)
        r2 = dma_mapping_error(spi0, h2)
        dma_unmap_single(spi0, h2, 64, DMA_BIDIRECTIONAL)
        dma_unmap_single(spi0, h1, 64, DMA_FROM_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h1 = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        r1 = dma_mapping_error(spi0, h1)
        h2 = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        r2 = dma_mapping_error(spi0, h2)
        dma_unmap_single(spi0, h2, 64, DMA_TO_DEVICE)
        dma_unmap_single(spi0, h1, 64, DMA_TO_DEVICE)
        """,
      expected: { _ in
        [prefix + "cacheline tracking EEXIST, overlapping mappings aren't supported"]
      }),
    Case(
      name: "leaks when the driver goes away",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
        ret = dma_mapping_error(spi0, h)
        device_release_driver(spi0)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_FROM_DEVICE)
        device_release_driver(spi0)
        """,
      expected: {
        [
          prefix + "device driver has pending DMA allocations while released from device "
            + "[count=1]\nOne of leaked entries details: [device address=\($0.handle("h"))] "
            + "[size=64 bytes] [mapped with DMA_FROM_DEVICE] [mapped as single]"
        ]
      }),
    // The checks only a simulator can make.
    Case(
      name: "the CPU wrote into a device-owned buffer",
      wrong: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        cpu_write(buf, 0, "late")
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      right: """
        board minimal
        buf = kmalloc(64, GFP_KERNEL)
        cpu_write(buf, 0, "late")
        h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
        ret = dma_mapping_error(spi0, h)
        dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
        """,
      expected: { ["the CPU touched cache line \($0.line("buf")) of a buffer the device owns"] }
    ),
    Case(
      name: "the CPU read stale data",
      wrong: rx + """
        buf = kmalloc(64, GFP_KERNEL)
        cpu_write(buf, 0, fill(0x2d, 64))
        h = dma_map_single(uart0, buf, 64, DMA_FROM_DEVICE)
        ret = dma_mapping_error(uart0, h)
        """ + "\n" + receive + """
          early = cpu_read(buf, 0, 16)
          dma_unmap_single(uart0, h, 64, DMA_FROM_DEVICE)
          """,
      right: rx + """
        buf = kmalloc(64, GFP_KERNEL)
        cpu_write(buf, 0, fill(0x2d, 64))
        h = dma_map_single(uart0, buf, 64, DMA_FROM_DEVICE)
        ret = dma_mapping_error(uart0, h)
        """ + "\n" + receive + """
          dma_unmap_single(uart0, h, 64, DMA_FROM_DEVICE)
          late = cpu_read(buf, 0, 16)
          """,
      expected: {
        [
          "the CPU touched cache line \($0.line("buf")) of a buffer the device owns",
          "stale read: the CPU loaded 16 bytes at \($0.line("buf")) from cache line "
            + "\($0.line("buf")), older than what the device wrote to RAM at step ",
        ]
      }),
    Case(
      name: "a dirty eviction overwrote what the device wrote",
      wrong: rx + """
        buf = kmalloc(64, GFP_KERNEL)
        cpu_write(buf, 0, fill(0x2d, 64))
        h = virt_to_phys(buf)
        """ + "\n" + receive + """
          big = __get_free_pages(GFP_KERNEL, 3)
          other = cpu_read(big, 0, 32768)
          """,
      right: rx + """
        buf = kmalloc(64, GFP_KERNEL)
        cpu_write(buf, 0, fill(0x2d, 64))
        h = dma_map_single(uart0, buf, 64, DMA_FROM_DEVICE)
        ret = dma_mapping_error(uart0, h)
        """ + "\n" + receive + """
          dma_unmap_single(uart0, h, 64, DMA_FROM_DEVICE)
          big = __get_free_pages(GFP_KERNEL, 3)
          other = cpu_read(big, 0, 32768)
          """,
      expected: {
        [
          "dirty line \($0.line("buf")) written back by its eviction over data the device "
            + "wrote at step "
        ]
      }),
    Case(
      name: "a kmalloc buffer shares a cache line with unrelated data (ARCH_DMA_MINALIGN)",
      wrong: rx + """
        buf = kmalloc(32, GFP_KERNEL)
        other = kmalloc(32, GFP_KERNEL)
        h = dma_map_single(uart0, buf, 16, DMA_FROM_DEVICE)
        ret = dma_mapping_error(uart0, h)
        cpu_write(other, 0, "counter")
        """ + "\n" + receive + """
          dma_unmap_single(uart0, h, 16, DMA_FROM_DEVICE)
          """,
      right: rx + """
        buf = kmalloc(128, GFP_KERNEL)
        other = kmalloc(128, GFP_KERNEL)
        h = dma_map_single(uart0, buf, 16, DMA_FROM_DEVICE)
        ret = dma_mapping_error(uart0, h)
        cpu_write(other, 0, "counter")
        """ + "\n" + receive + """
          dma_unmap_single(uart0, h, 16, DMA_FROM_DEVICE)
          """,
      expected: {
        [
          "buf (kmalloc-32) mapped DMA_FROM_DEVICE shares cache line \($0.line("buf")) with "
            + "other (kmalloc-32)",
          "dirty line \($0.line("buf")) written back by dc civac over data the device wrote at "
            + "step ",
        ]
      }),
    Case(
      name: "a DMA buffer inside a struct shares cache lines with its other fields",
      wrong: rx + """
        port = kmalloc(128, GFP_KERNEL)
        h = dma_map_single(uart0, port + 4, 120, DMA_FROM_DEVICE)
        ret = dma_mapping_error(uart0, h)
        cpu_write(port, 0, "BUSY")
        """ + "\n" + receive + """
          dma_unmap_single(uart0, h, 120, DMA_FROM_DEVICE)
          """,
      right: rx + """
        port = kmalloc(384, GFP_KERNEL)
        h = dma_map_single(uart0, port + 128, 128, DMA_FROM_DEVICE)
        ret = dma_mapping_error(uart0, h)
        cpu_write(port, 0, "BUSY")
        """ + "\n" + receive + """
          dma_unmap_single(uart0, h, 128, DMA_FROM_DEVICE)
          """,
      expected: {
        [
          "port + 4 (kmalloc-128) mapped DMA_FROM_DEVICE shares cache line \($0.line("port")) "
            + "with port + 0…3, outside the mapping",
          "dirty line \($0.line("port")) written back by dc civac over data the device wrote at "
            + "step ",
        ]
      }),
  ]

  func run(_ source: String) throws -> Machine {
    let machine = try ScenarioRunSupport.run(source, fileName: "check.dms", limit: 100_000)
    #expect(machine.isFinished)
    return machine
  }

  func reports(_ machine: Machine) -> [LogEntry] {
    machine.log.entries.filter { $0.source == .debug }
  }

  @Test(arguments: cases)
  func firesWithItsTextOnTheWrongSequence(_ item: Case) throws {
    let machine = try run(item.wrong)
    let actual = reports(machine)
    let expected = item.expected(Variables(machine: machine))
    #expect(actual.count == expected.count, "\(actual.map(\.message))")
    for (line, text) in zip(actual, expected) {
      // A text ending in "at step " leaves the step number open.
      let matches =
        text.hasSuffix("at step ")
        ? line.message.hasPrefix(text) && Int(line.message.dropFirst(text.count)) != nil
        : line.message == text
      #expect(matches, "\(line.message)\nexpected \(text)")
      #expect(line.detail?.isEmpty == false, "\(line)")
    }
  }

  @Test(arguments: cases)
  func staysSilentOnTheRightSequence(_ item: Case) throws {
    let machine = try run(item.right)
    #expect(reports(machine).isEmpty, "\(reports(machine).map(\.message))")
    #expect(machine.dma.dmaDebug.errorCount == 0)
  }
}
