import DMAScenario
import DMASim
import Testing

/// `of_reserved_mem_device_init` is the driver's call (drivers/of/of_reserved_mem.c
/// `of_reserved_mem_device_init_by_idx`): until probe makes it, `dma_alloc_coherent` ignores the
/// device's `memory-region` pool (seed 003's bug); `kernel/dma/coherent.c`
/// `rmem_dma_device_init`/`rmem_dma_device_release` tie and untie it.
@Suite struct ReservedMemDeviceTests {
  func run(_ body: String) throws -> Machine {
    let machine = try ScenarioRunSupport.run(
      "board arm64-cma-soc\n" + body, fileName: "rmem.dms", limit: 200_000)
    #expect(machine.isFinished)
    let failed = machine.expectationResults.filter { !$0.passed }
    #expect(failed.isEmpty, "\(failed)")
    return machine
  }

  @Test func withoutTheCallTheAllocationIgnoresThePool() throws {
    let machine = try run(
      """
      v = dma_alloc_coherent(video_decoder0, 4096, hv, GFP_KERNEL)
      expect hv != 0x50000000
      """)
    #expect(BoardMachineSupport.messages(machine, "of_reserved_mem_device_init").isEmpty)
  }

  @Test func theCallTiesThePoolAndSaysSoWithTheDevPrefix() throws {
    let machine = try run(
      """
      r = of_reserved_mem_device_init(video_decoder0)
      expect r == 0
      v = dma_alloc_coherent(video_decoder0, 4096, hv, GFP_KERNEL)
      expect hv == 0x50000000
      """)
    #expect(
      BoardMachineSupport.messages(machine, "of_reserved_mem_device_init") == [
        "vdec a000000.video-decoder: assigned reserved memory node vdec-pool@50000000"
      ])
  }

  /// `of_parse_phandle(np, "memory-region", 0)` finds nothing: `-ENODEV`, and no `dev_info`.
  @Test func aDeviceWithoutMemoryRegionGetsENODEV() throws {
    let machine = try run(
      """
      r = of_reserved_mem_device_init(uart0)
      expect r == -ENODEV
      """)
    #expect(machine.cpu.variables["r"] == .integer(-19))
  }

  /// `rmem_dma_device_release` clears `dev->dma_mem`: the next allocation falls back.
  @Test func afterTheReleaseAllocationsFallBack() throws {
    let machine = try run(
      """
      r = of_reserved_mem_device_init(video_decoder0)
      of_reserved_mem_device_release(video_decoder0)
      v = dma_alloc_coherent(video_decoder0, 4096, hv, GFP_KERNEL)
      expect hv != 0x50000000
      """)
    #expect(machine.dma.coherentPools.allSatisfy { $0.devices.isEmpty })
  }
}
