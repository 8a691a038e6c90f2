import DMAApp
import DMAPanels
import DMASim
import TermCanvas
import Testing

/// `/` find, `]`/`[` through matches, `w` why, and mouse clicks turned into keys.
@Suite struct FindAndWhyTests {
  private func find(_ query: String, in model: inout AppModel) {
    AppFixtures.type("/" + query, into: &model)
    _ = model.update(.key(.enter))
  }

  @Test func findsABufferByVariableAndFocusesAddressSpaces() throws {
    var model = try AppFixtures.lessonModel("coherent-buffer", steps: 40)
    _ = model.update(.key(.character("3")))
    AppFixtures.type("/ri", into: &model)
    #expect(model.view().plainText.contains("/ri_"))
    AppFixtures.type("ng", into: &model)
    _ = model.update(.key(.enter))
    #expect(model.selectedBuffer?.name == "ring")
    #expect(model.focus == .addressSpaces)
    #expect(model.message == "/ring: buffer ring (by variable)")
  }

  @Test func findsByPhysicalAddressThenTheCMAPage() throws {
    var model = try AppFixtures.lessonModel("coherent-buffer", steps: 40)
    find("0xc0001000", in: &model)
    #expect(
      model.findMatches == [
        .buffer(id: try #require(model.selectedBuffer?.id), how: "PA"), .cmaPage(1),
      ])
    #expect(model.focus == .addressSpaces)
    _ = model.update(.key(.character("]")))
    #expect(model.focus == .cma)
    #expect(model.cmaCursorPage == 1)
    #expect(model.message?.hasSuffix("[2/2]") == true)
    _ = model.update(.key(.character("[")))
    #expect(model.focus == .addressSpaces)
  }

  @Test func theLinearAliasFindsTheRemappedBuffer() throws {
    var model = try AppFixtures.lessonModel("coherent-buffer", steps: 40)
    find("ffff000080000010", in: &model)
    #expect(model.selectedBuffer?.name == "ring")
    #expect(model.message?.contains("by VA") == true)
  }

  @Test func findsACookieAndAMissReportsNothing() throws {
    var model = try AppFixtures.lessonModel("first-transfer", steps: 12)
    find("cookie 2", in: &model)
    #expect(model.focus == .queues)
    #expect(model.message?.contains("cookie 2") == true)
    find("nosuchthing", in: &model)
    #expect(model.message?.contains("nothing found") == true)
    var fresh = try AppFixtures.lessonModel("first-transfer", steps: 0)
    _ = fresh.update(.key(.character("]")))
    #expect(fresh.message?.contains("no search yet") == true)
  }

  @Test func findsACacheLineByAddress() throws {
    var model = try AppFixtures.lessonModel("missing-clean", steps: 5)
    find("42000010", in: &model)
    #expect(model.findMatches.contains(.cacheLine(PhysAddr(0x4200_0000))))
    _ = model.update(.key(.character("]")))
    #expect(model.focus == .cache)
  }

  @Test func whyADirtyLineIsDirty() throws {
    var model = try AppFixtures.lessonModel("missing-clean", steps: 5)
    _ = model.update(.key(.character("2")))
    _ = model.update(.key(.character("w")))
    let popup = try #require(model.popup)
    #expect(
      popup.lines[0] == "line 0x0000000042000000 [set 0 way 0] is dirty since step 4 (was clean)")
    #expect(
      popup.lines.contains { $0.hasPrefix("step 4: str at line 9 (cpu_write): store 43 bytes") })
    #expect(model.view().plainText.contains("Why: cache line"))
    _ = model.update(.key(.escape))
    #expect(model.popup == nil)
  }

  @Test func whyALineWasCleanedNamesTheMappingCall() throws {
    var model = try AppFixtures.lessonModel("missing-clean", steps: 46)
    _ = model.update(.key(.character("2")))
    _ = model.update(.key(.character("w")))
    let lines = try #require(model.popup?.lines)
    #expect(lines[0].contains("is clean since step 45 (was dirty)"))
    #expect(
      lines.contains {
        $0.hasPrefix("step 45: dc cvac at line ")
          && $0.contains(
            "(dma_map_single → arch_sync_dma_for_device → dcache_clean_poc): line "
              + "0x0000000042000000 [set 0 way 0]: dirty → written back")
      })
    // The 16 beats that read the stale RAM are folded into one line.
    #expect(lines.contains { $0.hasPrefix("steps 11-38: 16 x beat") })
  }

  @Test func whyACMAPageIsAllocatedAndWhyABuffer() throws {
    var model = try AppFixtures.lessonModel("coherent-buffer", steps: 40)
    _ = model.update(.key(.character("6")))
    _ = model.update(.key(.character("w")))
    let cma = try #require(model.popup?.lines)
    #expect(
      cma[0].hasPrefix("pfn 0xc0000 (bit 0 of reserved) is allocated: ring, dma_alloc_coherent"))
    #expect(cma.contains { $0.contains("dma_alloc_coherent at line 9") })
    _ = model.update(.key(.character("w")))
    _ = model.update(.key(.character("1")))
    _ = model.update(.key(.character("w")))
    let buffer = try #require(model.popup?.lines)
    #expect(buffer[0].hasPrefix("ring: dma_alloc_coherent, 8 KiB at 0x00000000c0000000"))
  }

  @Test func cmaZoomAndCursorKeys() throws {
    var model = try AppFixtures.lessonModel(
      "coherent-buffer", steps: 40, size: Size(width: 200, height: 60))
    _ = model.update(.key(.character("6")))
    let wide = model.cmaPagesPerCell
    #expect(wide > 1)
    for _ in 0..<30 { _ = model.update(.key(.character("z"))) }
    #expect(model.cmaPagesPerCell == 1)
    #expect(model.message == "CMA: already one page per cell")
    #expect(model.view().plainText.contains("1 page/cell"))
    _ = model.update(.key(.right))
    _ = model.update(.key(.right))
    #expect(model.cmaCursorPage == 2)
    _ = model.update(.key(.character("w")))
    #expect(model.popup?.lines.first?.contains("is free") == true)
    _ = model.update(.key(.escape))
    _ = model.update(.key(.character("Z")))
    #expect(model.cmaPagesPerCell > 1)
    #expect(model.cmaPagesPerCell < wide)
  }

  @Test func clicksFocusPanelsAndSelectCells() throws {
    var model = try AppFixtures.lessonModel(
      "missing-clean", steps: 44, size: Size(width: 120, height: 40))
    // The cache panel is top right; its first line row is the fourth row of the panel.
    let keys = model.keys(for: MouseEvent(x: 70, y: 4, kind: .press))
    #expect(keys == [.character("2")])
    for key in keys { _ = model.update(.key(key)) }
    #expect(model.focus == .cache)
    #expect(model.keys(for: MouseEvent(x: 70, y: 4, kind: .release)).isEmpty)
    #expect(model.keys(for: MouseEvent(x: 70, y: 10, kind: .scrollDown)) == [.down])
    var cma = try AppFixtures.lessonModel(
      "coherent-buffer", steps: 40, size: Size(width: 200, height: 60))
    // CMA panel: bottom middle at 200x60 (row 25, under the 24 rows of the top panels);
    // click the fourth cell of the first strip row.
    let click = MouseEvent(x: 68 + 1 + 7 + 3, y: 25 + 1 + 2, kind: .press)
    for key in cma.keys(for: click) { _ = cma.update(.key(key)) }
    #expect(cma.focus == .cma)
    #expect(cma.cmaCursorPage == 3 * cma.cmaPagesPerCell)
  }
}
