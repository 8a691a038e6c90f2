import DMAModuleExport
import DMAScenario
import DMASim
import Testing

/// The C text `export-module` writes for a scenario, and the calls it refuses.
@Suite struct ModuleSourceTests {
  func scenario(_ body: String) throws -> Scenario {
    let result = ScenarioCompiler.compile(
      "board arm64-cma-soc\n" + body, fileName: "modules/t.dms", boards: .builtIn)
    return try #require(result.scenario, "\(result.diagnostics.map(\.rendered))")
  }

  func exported(_ body: String) throws -> ExportedModule {
    switch ModuleExporter.export(try scenario(body), name: "dmascope_t") {
    case .success(let module): return module
    case .failure(let refusals): throw refusals
    }
  }

  func refusals(_ body: String) throws -> [ExportRefusal] {
    switch ModuleExporter.export(try scenario(body), name: "dmascope_t") {
    case .success: return []
    case .failure(let refusals): return refusals.all
    }
  }

  @Test func eachCallBecomesItsKernelCallAndOneTraceLine() throws {
    let module = try exported(
      """
      a = dma_alloc_coherent(uart0, 65536, &ha, GFP_KERNEL)
      p = kmalloc(512, GFP_KERNEL)
      h = dma_map_single(uart0, p, 512, DMA_TO_DEVICE)
      dma_sync_single_for_cpu(uart0, h, 512, DMA_TO_DEVICE)
      dma_unmap_single(uart0, h, 512, DMA_TO_DEVICE)
      r = dma_set_mask(uart0, 0xffffffff)
      pool = dma_pool_create("t-pool", uart0, 96, 32, 256)
      b = dma_pool_alloc(pool, GFP_KERNEL, &hb)

      """)
    let lines = module.source.split(separator: "\n").map(String.init)
    for expected in [
      "\tv_a = dma_alloc_coherent(dev, 65536, &v_ha, GFP_KERNEL);",
      "\tpr_info(\"dmascope: L2 dma_alloc_coherent ret=%s handle=0x%llx pa=0x%llx\\n\", "
        + "v_a ? \"ok\" : \"NULL\", (unsigned long long)(v_ha), "
        + "(unsigned long long)(dmascope_pa(v_a)));",
      "\tv_p = kmalloc(512, GFP_KERNEL);",
      "\tv_h = dma_map_single(dev, v_p, 512, DMA_TO_DEVICE);",
      "\tdma_sync_single_for_cpu(dev, v_h, 512, DMA_TO_DEVICE);",
      "\tpr_info(\"dmascope: L5 dma_sync_single_for_cpu\\n\");",
      "\tdma_unmap_single(dev, v_h, 512, DMA_TO_DEVICE);",
      "\tv_r = dma_set_mask(dev, 0xffffffffULL);",
      "\tv_pool = dma_pool_create(\"t-pool\", dev, 96, 32, 256);",
      "\tv_b = v_pool ? dma_pool_alloc(v_pool, GFP_KERNEL, &v_hb) : NULL;",
      "\t{ .compatible = \"arm,pl011\" },",
      "\tdmascope_scenario(&pdev->dev);",
    ] {
      #expect(lines.contains(expected), "missing: \(expected)")
    }
    // Declared once each, before the first statement.
    #expect(lines.filter { $0 == "\tdma_addr_t v_h = 0;" }.count == 1)
    #expect(module.kbuild == "obj-m += dmascope_t.o\n")
    #expect(module.compatible == "arm,pl011")
  }

  @Test func scenarioTextIsSafeInCommentsAndStrings() throws {
    let module = try exported(
      """
      pool = dma_pool_create("a\\"b*/c", uart0, 64, 64, 0)

      """)
    #expect(module.source.contains("dma_pool_create(\"a\\\"b*/c\", dev, 64, 64, 0)"))
    // The statement's own comment cannot close the C comment early.
    let comment = module.source.split(separator: "\n").first { $0.contains("/* line 2:") }
    let text = try #require(comment.map(String.init))
    #expect(text.ranges(of: "*/").count == 1)
  }

  @Test func cmaAllocIsRefusedWithWhereAndHowToReachCMA() throws {
    let found = try refusals("x = cma_alloc(16, 4)\n")
    #expect(found.count == 1)
    let refusal = try #require(found.first)
    #expect(refusal.line == 2)
    #expect(refusal.column == 5)
    #expect(refusal.message == "`cma_alloc` is not exported to modules")
    #expect(refusal.hint.contains("dma_alloc_coherent"))
    #expect(refusal.rendered.hasPrefix("modules/t.dms:2:5: error: "))
  }

  @Test func aSecondDeviceAndNoDeviceAreRefused() throws {
    let two = try refusals(
      """
      a = dma_alloc_coherent(uart0, 8192, &ha, GFP_KERNEL)
      b = dma_alloc_coherent(spi0, 8192, &hb, GFP_KERNEL)

      """)
    #expect(two.map(\.line) == [3])
    #expect(two.first?.message.contains("second device") == true)
    let none = try refusals("p = kmalloc(64, GFP_KERNEL)\n")
    #expect(none.map(\.message) == ["the scenario makes no call on a device"])
  }
}
