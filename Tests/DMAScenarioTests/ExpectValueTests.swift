import DMAScenario
import DMASim
import Testing

/// `expect` stating the kernel's answer: arithmetic between values, `pa()`, address ordering,
/// NULL and ERR_PTR comparisons of kernel objects, `tx_status(…).residue/.last/.used`,
/// `callbacks(chan)`, `dma_view(…)` and `bounce(…)`. Each test names the kernel source whose
/// answer its expectations encode.
@Suite struct ExpectValueTests {
  func run(_ source: String) throws -> Machine {
    try ScenarioRunSupport.run(source, fileName: "t.dms", limit: 200_000)
  }

  func failures(_ machine: Machine) -> [String] {
    machine.expectationResults.filter { !$0.passed }.map { "line \($0.line): \($0.explanation)" }
  }

  func errors(_ source: String) -> [String] {
    ScenarioCompiler.compile(source, fileName: "t.dms").diagnostics.map {
      String($0.rendered.split(separator: "\n")[0])
    }
  }

  @Test func aMisspeltFieldGetsTheNearestOne() {
    let rendered = ScenarioCompiler.compile(
      """
      board minimal
      chan = dma_request_chan(spi0, "tx")
      buf = kmalloc(128, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 128, DMA_TO_DEVICE)
      desc = dmaengine_prep_slave_single(chan, h, 128, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cookie = dmaengine_submit(desc)
      expect tx_status(chan, cookie).residu == 0
      """, fileName: "t.dms"
    ).diagnostics.map(\.rendered)
    #expect(rendered.count == 1)
    #expect(rendered.first?.hasSuffix("hint: did you mean `.residue`?") == true, "\(rendered)")
  }

  /// mm/dmapool.c `pool_initialise_page`: blocks follow each other at `size` (96, rounded to
  /// the 32-byte align), and a block that would cross `boundary` starts at the next one
  /// (192 + 96 > 256, so the third block is at 256). `dma_pool_alloc` hands out the block's
  /// DMA address and the CPU address of the same byte, so the handle and `pa()` distances
  /// agree (dma-direct: `phys_to_dma` is an offset).
  @Test func poolBlockAddressesAreArithmetic() throws {
    let machine = try run(
      """
      board arm64-cma-soc
      pool = dma_pool_create("spi-desc", spi0, 96, 32, 256)
      a = dma_pool_alloc(pool, GFP_KERNEL, ha)
      b = dma_pool_alloc(pool, GFP_KERNEL, hb)
      c = dma_pool_alloc(pool, GFP_KERNEL, hc)
      expect hb == ha + 96
      expect hc == ha + 256
      expect hc - ha == 256
      expect pa(b) - pa(a) == 96
      expect pa(c) - pa(a) == hc - ha
      expect 96 + ha == hb
      expect hb > ha
      expect ha < hc
      expect hb <= hb
      expect hc - hb >= 2 * 80
      expect hc - ha == 4 * 64
      expect 0 + (hc - ha) / 4 == 64
      expect hb != ha + 95
      """)
    #expect(machine.expectationResults.count == 13)
    #expect(failures(machine).isEmpty, "\(failures(machine))")
  }

  /// The failing side shows both computed values, and a wrong distance fails.
  @Test func aWrongDistanceFailsWithTheComputedValues() throws {
    let machine = try run(
      """
      board arm64-cma-soc
      pool = dma_pool_create("spi-desc", spi0, 96, 32, 256)
      a = dma_pool_alloc(pool, GFP_KERNEL, ha)
      c = dma_pool_alloc(pool, GFP_KERNEL, hc)
      expect pa(c) - pa(a) == 192
      expect hc < ha
      """)
    let results = machine.expectationResults
    #expect(results.map(\.passed) == [false, false])
    #expect(results.first?.actual == "96")
    #expect(results.first?.expected == "192")
  }

  /// Division by zero and overflow give no value (the expectation fails and says why); they
  /// never trap.
  @Test func divisionByZeroAndOverflowFailWithoutTrapping() throws {
    let machine = try run(
      """
      board minimal
      buf = kmalloc(64, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
      e = dma_mapping_error(spi0, h)
      expect 64 / e == 1
      expect pa(buf) - 0 == pa(buf)
      expect 0x7fffffffffffffff + e + 1 > 0
      dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
      """)
    let results = machine.expectationResults
    #expect(results.map(\.passed) == [false, true, false])
    #expect(results.first?.actual == "<division by zero>")
    #expect(results.last?.actual == "<9223372036854775807 + 1 overflows>")
  }

  /// drivers/dma/dmaengine.h `dma_cookie_status`: `state->last` is the channel's
  /// `completed_cookie`, `state->used` its `cookie` (`dma_cookie_init` starts both at
  /// DMA_MIN_COOKIE, 1); the driver's `device_tx_status` sets `residue` with
  /// `dma_set_residue`: the whole length while `vchan_find_desc` (drivers/dma/virt-dma.c)
  /// still finds the descriptor on desc_submitted or desc_issued, 0 once the cookie is
  /// complete. drivers/dma/virt-dma.c `vchan_complete` runs the descriptor's callback once.
  @Test func txStateFieldsAndCallbackCount() throws {
    let machine = try run(
      """
      board minimal
      chan = dma_request_chan(spi0, "tx")
      expect chan != NULL
      dmaengine_slave_config(chan, dst_addr_width=4, dst_maxburst=4)
      buf = kmalloc(128, GFP_KERNEL)
      handle = dma_map_single(spi0, buf, 128, DMA_TO_DEVICE)
      ret = dma_mapping_error(spi0, handle)
      desc = dmaengine_prep_slave_single(chan, handle, 128, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cookie = dmaengine_submit(desc)
      expect tx_status(chan, cookie).residue == 128
      expect tx_status(chan, cookie).used == cookie
      expect tx_status(chan, cookie).last == 1
      expect callbacks(chan) == 0
      dma_async_issue_pending(chan)
      wait_for_completion(cookie)
      expect tx_status(chan, cookie).residue == 0
      expect tx_status(chan, cookie).last == cookie
      expect callbacks(chan) == 1
      dma_unmap_single(spi0, handle, 128, DMA_TO_DEVICE)
      """)
    #expect(machine.expectationResults.count == 8)
    #expect(failures(machine).isEmpty, "\(failures(machine))")
  }

  /// drivers/dma/dmaengine.c `dma_request_chan`: a dma-names entry the device does not have
  /// gives ERR_PTR(-ENODEV), which an `expect` compares with the errno; a live channel is
  /// not NULL. mm/dmapool.c `dma_pool_create`: a boundary smaller than the block (or not a
  /// power of two) returns NULL.
  @Test func kernelObjectsCompareWithNullAndErrPtr() throws {
    let machine = try run(
      """
      board arm64-cma-soc
      chan = dma_request_chan(spi0, "tx")
      expect chan != NULL
      missing = dma_request_chan(spi0, "nope")
      expect missing == -ENODEV
      expect missing != NULL
      bad = dma_pool_create("spi-bad", spi0, 96, 32, 64)
      expect bad == NULL
      odd = dma_pool_create("spi-odd", spi0, 96, 32, 384)
      expect odd == NULL
      pool = dma_pool_create("spi-ok", spi0, 96, 32, 256)
      expect pool != NULL
      dma_pool_destroy(pool)
      """)
    #expect(machine.expectationResults.count == 6)
    #expect(failures(machine).isEmpty, "\(failures(machine))")
  }

  /// kernel/dma/swiotlb.c `swiotlb_tbl_map_single`: the original buffer is copied into the
  /// slot on map for every direction (so a device's partial write leaves the rest of the
  /// original intact); the handle is the slot's bus address, so `dma_view` and `bounce` read
  /// the copy, while the original stays where `pa(buf)` says, above the floppy's 16 MiB.
  @Test func bounceAndDMAViewReadTheSlot() throws {
    let machine = try run(
      """
      board arm64-dma24-soc
      buf = kmalloc(256, GFP_KERNEL)
      cpu_write(buf, 0, "boot sector: FAT12")
      h = dma_map_single(floppy0, buf, 256, DMA_FROM_DEVICE)
      e = dma_mapping_error(floppy0, h)
      expect e == 0
      expect pa(buf) > 0x1000000
      expect h < 0x1000000
      expect bounce(floppy0, h, 0, 12) == "boot sector:"
      expect bounce(floppy0, h, 13, 5) == "FAT12"
      expect dma_view(floppy0, h, 0, 4) == "boot"
      dma_unmap_single(floppy0, h, 256, DMA_FROM_DEVICE)
      """)
    #expect(machine.expectationResults.count == 6)
    #expect(failures(machine).isEmpty, "\(failures(machine))")
  }

  /// A handle that is not a bounce slot has no `bounce` view (the expectation fails with the
  /// reason); a board without swiotlb is refused when the scenario is checked.
  @Test func bounceOfAnUnbouncedHandleFails() throws {
    let machine = try run(
      """
      board arm64-cma-soc
      buf = kmalloc(256, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 256, DMA_TO_DEVICE)
      e = dma_mapping_error(spi0, h)
      expect bounce(spi0, h, 0, 4) == [0, 0, 0, 0]
      dma_unmap_single(spi0, h, 256, DMA_TO_DEVICE)
      """)
    let result = try #require(machine.expectationResults.first)
    #expect(!result.passed)
    #expect(result.actual.contains("is not in a swiotlb slot of spi0"))
  }

  @Test func misuseIsReportedWithAHint() {
    let report = errors(
      """
      board minimal
      chan = dma_request_chan(spi0, "tx")
      buf = kmalloc(128, GFP_KERNEL)
      h = dma_map_single(spi0, buf, 128, DMA_TO_DEVICE)
      desc = dmaengine_prep_slave_single(chan, h, 128, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT)
      cookie = dmaengine_submit(desc)
      expect tx_status(chan, cookie).residu == 0
      expect cpu_view(buf, 0, 4).residue == 0
      expect h * buf == 0
      expect pa(chan) == 0
      expect callbacks(chan, 1) == 0
      expect bounce(spi0, h, 0, 4) == "abcd"
      expect tx_status(chan, cookie) < DMA_COMPLETE
      """)
    #expect(
      report == [
        "t.dms:7:8: error: struct dma_tx_state has no field `residu`",
        "t.dms:8:8: error: `.residue` can only follow `tx_status(chan, cookie)` in `expect`",
        "t.dms:9:8: error: cannot compute an address * an address",
        "t.dms:10:11: error: `chan` is a DMA channel, but a CPU pointer is needed here",
        "t.dms:11:8: error: `callbacks` takes (chan), got 2 arguments",
        "t.dms:12:8: error: board `minimal` has no swiotlb pool",
        "t.dms:13:8: error: `<` orders integers or addresses, but this compares a dma_status",
      ])
  }
}
