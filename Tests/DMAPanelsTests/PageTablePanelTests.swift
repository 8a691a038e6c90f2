import DMAPanels
import TermCanvas
import Testing

/// The page-table panel from hand-built walks: no buffer, a fault, a mapped buffer with its
/// entries and aliases, and the IO page table walk behind an IOMMU.
@Suite struct PageTablePanelTests {
  typealias Model = PageTablePanelModel

  static let steps = [
    Model.Step(level: 0, levelName: "pgd", index: 256, descriptor: 0x4000_1003, kind: .table),
    Model.Step(level: 1, levelName: "pud", index: 0, descriptor: 0x4000_2003, kind: .table),
    Model.Step(level: 2, levelName: "pmd", index: 0, descriptor: 0x4000_3003, kind: .table),
    Model.Step(
      level: 3, levelName: "pte", index: 0, descriptor: 0x0068_0000_c000_070b, kind: .page),
  ]

  static let leaf = Model.Leaf(
    isBlock: false, size: 4096, memoryType: "MT_NORMAL_NC", cacheable: false, attrIndx: 2,
    mair: 0x44, attributes: "AF RW", mappingName: "remap")

  static func mapped(entries: Int, aliases: [Model.Alias] = [], io: Model.IOWalk? = nil)
    -> Model
  {
    Model(
      walk: .mapped(
        Model.Mapped(
          name: "ring", virtual: 0xffff_8000_1000_0000, physical: 0xc000_0000,
          rootTable: 0x4000_0000, steps: steps, leaf: leaf,
          entries: (0..<entries).map {
            Model.Entry(
              virtual: 0xffff_8000_1000_0000 + UInt64($0) * 4096,
              physical: 0xc000_0000 + UInt64($0) * 4096, size: 4096, memoryType: "NC",
              writable: true)
          }, aliases: aliases, io: io)))
  }

  private func panel(_ model: Model, look: PanelLook = PanelRendering.unicode) -> PageTablePanel {
    PageTablePanel(look: look, model: model)
  }

  @Test func noBufferAndFault() {
    #expect(
      PanelRendering.text(panel(Model(walk: .noBuffer)), width: 30, height: 1)
        == "no live buffer to walk")
    let fault = Model(walk: .fault(name: "buf", virtual: 0xffff_0000_0000_1000, level: 2))
    #expect(
      PanelRendering.text(panel(fault), width: 60, height: 1)
        == "buf ffff000000001000: translation fault at level 2")
  }

  @Test func walkEntriesAndMoreEntries() {
    PanelRendering.expect(
      panel(Self.mapped(entries: 5)), width: 64, height: 11,
      draws: """
        ring ffff800010000000 → c0000000  TTBR1 40000000
        L0 pgd[256] 0000000040001003 table
        L1 pud[0] 0000000040002003 table
        L2 pmd[0] 0000000040003003 table
        L3 pte[0] 00680000c000070b page
        page 4 KiB MT_NORMAL_NC AttrIndx 2 MAIR 0x44 AF RW
        range: 5 entries of 4 KiB in remap
         ffff800010000000 c0000000 4 KiB NC  RW XN
         ffff800010001000 c0001000 4 KiB NC  RW XN
        … 3 more entries
        no other mapping of these pages
        """)
  }

  @Test func mismatchedAliasIsFlaggedInAscii() {
    let alias = Model.Alias(
      virtual: 0xffff_0000_c000_0000, mappingName: "linear map", memoryType: "WB",
      mismatched: true)
    PanelRendering.expect(
      panel(Self.mapped(entries: 1, aliases: [alias]), look: PanelRendering.ascii), width: 64,
      height: 12,
      draws: """
        ring ffff800010000000 > c0000000  TTBR1 40000000
        L0 pgd[256] 0000000040001003 table
        L1 pud[0] 0000000040002003 table
        L2 pmd[0] 0000000040003003 table
        L3 pte[0] 00680000c000070b page
        page 4 KiB MT_NORMAL_NC AttrIndx 2 MAIR 0x44 AF RW
        range: 1 entry of 4 KiB in remap
         ffff800010000000 c0000000 4 KiB NC  RW XN
        aliases (same PA, another VA):
        ! ffff0000c0000000 linear map WB mismatched attributes


        """)
  }

  @Test func ioWalkWhenItFits() {
    let io = Model.IOWalk(
      device: "nic0", iommu: "smmu0", contextBank: 1, iova: 0xffff_f000, tableLevels: 2,
      levels: [
        Model.IOWalk.Level(index: 3, descriptor: 0x9000_0003, kind: "table"),
        Model.IOWalk.Level(index: 511, descriptor: 0xc000_0743, kind: "page"),
      ], physical: 0xc000_0000, writable: true, inIOTLB: false)
    let text = PanelRendering.text(panel(Self.mapped(entries: 1, io: io)), width: 64, height: 14)
    #expect(
      text.hasSuffix(
        """
        no other mapping of these pages
        IO page table nic0 smmu0 cb1 IOVA fffff000
        L0 [3] 0000000090000003 table
        L1 [511] 00000000c0000743 page
        page 4 KiB fffff000 → c0000000 RW not in IOTLB

        """))
    // Without room for the whole walk the IO page table is left out.
    let short = PanelRendering.text(panel(Self.mapped(entries: 1, io: io)), width: 64, height: 11)
    #expect(!short.contains("IO page table"))
  }

  @Test func tinyAreasDrawNothingOutside() {
    for rect in PanelRendering.tinyRects {
      #expect(
        PanelRendering.touchedOutside(panel(Self.mapped(entries: 3)), rect: rect) == [],
        "\(rect)")
    }
  }
}
