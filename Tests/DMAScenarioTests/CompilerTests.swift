import DMAScenario
import DMASim
import Testing

/// Semantic checks after parsing: names, kinds, constants, with file:line:column and hints.
@Suite struct CompilerTests {
  func errors(_ source: String) -> [String] {
    ScenarioCompiler.compile(source, fileName: "t.dms").diagnostics.map(\.rendered)
  }

  @Test func unknownFunctionSuggestsTheKernelName() {
    let report = errors(
      "buf = kmalloc(64, GFP_KERNEL)\nh = dma_map_singel(spi0, buf, 64, DMA_TO_DEVICE)\n")
    #expect(
      report == [
        """
        t.dms:2:5: error: unknown function `dma_map_singel`
            2 | h = dma_map_singel(spi0, buf, 64, DMA_TO_DEVICE)
              |     ^~~~~~~~~~~~~~
        hint: did you mean `dma_map_single`?
        """
      ])
  }

  @Test func undefinedVariableAndWrongKind() {
    let report = errors("chan = dma_request_chan(spi0, \"tx\")\nkfree(chan)\nkfree(nothing)\n")
    #expect(report.count == 2)
    #expect(
      report[0].hasPrefix(
        "t.dms:2:7: error: `chan` is a DMA channel, but a CPU pointer is needed here"))
    #expect(report[1].hasPrefix("t.dms:3:7: error: `nothing` is not defined"))
  }

  @Test func unknownConstantsAndDevices() {
    let report = errors(
      "buf = kmalloc(64, GFP_KERNL)\nb2 = kmalloc(64, GFP_KERNEL)\nh = dma_map_single(spi1, b2, 64, DMA_TO_DEVICES)\n"
    )
    #expect(report.count == 2)
    #expect(report[0].contains("unknown GFP flag `GFP_KERNL`"))
    #expect(report[0].contains("hint: did you mean `GFP_KERNEL`?"))
    #expect(report[1].contains("no device `spi1` on board `minimal`"))
  }

  @Test func arityAndLabels() {
    let report = errors(
      "buf = kmalloc(64)\nchan = dma_request_chan(spi0, \"tx\")\ndmaengine_slave_config(chan, dst_width=4)\n"
    )
    #expect(report.count == 2)
    #expect(report[0].contains("`kmalloc` takes 2 arguments, got 1"))
    #expect(report[0].contains("hint: kmalloc(size, flags)"))
    #expect(report[1].contains("`dmaengine_slave_config` has no parameter `dst_width`"))
  }

  @Test func directivesAreChecked() {
    let report = errors("lesson 42\nboard nosuch\nrun forever\nwibble\n")
    #expect(report.count == 4)
    #expect(
      report[1].contains("hint: did you mean `minimal`?") || report[1].contains("built-in boards"))
  }

  @Test func lowersToActionsWithLinesAndValues() throws {
    let source = """
      lesson "t"
      buf = kmzalloc_typo_free_line_below
      """
    #expect(!errors(source).isEmpty)
    let good = """
      lesson "Mini"
      buf = kzalloc(4K, GFP_KERNEL)
      cpu_write(buf, 0x10, bytes(0xde, 0xad), repeat=2)
      cpu_write(buf, 0, fill(0xaa, 3))
      run 5 ticks
      """
    let scenario = try #require(ScenarioCompiler.compile(good, fileName: "g.dms").scenario)
    #expect(scenario.title == "Mini")
    #expect(scenario.program.actions.count == 4)
    #expect(scenario.program.actions[0].operation == .kmalloc(size: 4096, flags: [.kernel, .zero]))
    #expect(scenario.program.actions[1].line == 3)
    #expect(
      scenario.program.actions[1].operation
        == .cpuWrite(pointer: .variable("buf"), offset: 0x10, bytes: [0xde, 0xad, 0xde, 0xad]))
    #expect(scenario.program.actions[3].operation == .runTicks(5))
  }
}

@Suite struct SyncCompileTests {
  @Test func syncCallsLowerToOperations() throws {
    let source = """
      buf = kmalloc(128, GFP_KERNEL)
      handle = dma_map_single(spi0, buf, 128, DMA_FROM_DEVICE)
      dma_mapping_error(spi0, handle)
      dma_sync_single_for_cpu(spi0, handle, 128, DMA_FROM_DEVICE)
      dma_sync_single_for_device(spi0, handle, 64, DMA_FROM_DEVICE)
      dma_unmap_single(spi0, handle, 128, DMA_FROM_DEVICE)
      """
    let result = ScenarioCompiler.compile(source, fileName: "s.dms")
    #expect(result.diagnostics.isEmpty)
    let operations = try #require(result.scenario).program.actions.map(\.operation)
    #expect(
      operations[3]
        == .dmaSyncSingleForCPU(
          device: "spi0", handle: .variable("handle"), size: 128, direction: .fromDevice))
    #expect(
      operations[4]
        == .dmaSyncSingleForDevice(
          device: "spi0", handle: .variable("handle"), size: 64, direction: .fromDevice))
    #expect(operations[3].functionName == "dma_sync_single_for_cpu")
  }

  @Test func syncCallsAreChecked() {
    let report = ScenarioCompiler.compile(
      "buf = kmalloc(8, GFP_KERNEL)\ndma_sync_single_for_cpu(spi0, buf, 8)\n"
        + "dma_sync_single_for_devce(spi0, buf, 8, DMA_TO_DEVICE)\n", fileName: "s.dms"
    ).diagnostics.map(\.rendered)
    #expect(report.count == 2)
    #expect(report[0].contains("`dma_sync_single_for_cpu` takes 4 arguments, got 3"))
    #expect(report[1].contains("did you mean `dma_sync_single_for_device`?"))
  }
}
