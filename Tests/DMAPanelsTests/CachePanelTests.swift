import DMAPanels
import TermCanvas
import Testing

/// The cache panel from hand-built lines: header, rows, scrolling, detail pane, last step.
@Suite struct CachePanelTests {
  typealias Row = CachePanelModel.Row

  static func row(_ set: Int, _ way: Int, dirty: Bool = false, touched: Bool = false) -> Row {
    Row(
      set: set, way: way, state: dirty ? .dirty : .clean, previousState: dirty ? .clean : .invalid,
      changedAtStep: 2, address: 0x8000_0000 + UInt64(set) * 64, age: way,
      tag: 0x20_0000, data: Array("ABCDEFGH".utf8), touched: touched)
  }

  private func panel(_ model: CachePanelModel, look: PanelLook = PanelRendering.unicode)
    -> CachePanel
  {
    CachePanel(look: look, model: model)
  }

  @Test func emptyCacheSaysEveryLineIsInvalid() {
    let model = CachePanelModel(sets: 4, ways: 2, lineSize: 64, writeBack: false, rows: [])
    PanelRendering.expect(
      panel(model), width: 40, height: 4,
      draws: """
        0/8 valid 0 dirty  4x2 64B WT
        set.w st line     age last     data
        every line is invalid

        """)
  }

  @Test func rowsShowSlotStateAddressAgeChangeAndData() {
    let model = CachePanelModel(
      sets: 4, ways: 2, lineSize: 8, rows: [Self.row(0, 0), Self.row(1, 1, dirty: true)])
    PanelRendering.expect(
      panel(model), width: 40, height: 4,
      draws: """
        2/8 valid 1 dirty  4x2 8B WB
        set.w st line     age last     data
        00.0 C 80000000  0  I→C@2    ABCDEFGH
        01.1 D 80000040  1  C→D@2    ABCDEFGH
        """)
  }

  @Test func dataIsCutToTheWidthAndAsciiArrow() {
    let model = CachePanelModel(sets: 1, ways: 1, lineSize: 8, rows: [Self.row(0, 0)])
    PanelRendering.expect(
      panel(model, look: PanelRendering.ascii), width: 32, height: 3,
      draws: """
        1/1 valid 0 dirty  1x1 8B WB
        set.w st line     age last     ~
        00.0 C 80000000  0  I>C@2    A~
        """)
  }

  /// A 0x00 byte is drawn unlike a full stop and unlike other unprintable bytes (issue 15
  /// item 6): `·` in Unicode, `_` under `--ascii`; a full stop and 0x01 both stay `.`.
  @Test func zeroBytesAreDrawnUnlikeFullStops() {
    var row = Self.row(0, 0)
    row.data = [0x2e, 0x00, 0x01, 0x41]
    let model = CachePanelModel(sets: 1, ways: 1, lineSize: 4, rows: [row])
    PanelRendering.expect(
      panel(model), width: 36, height: 3,
      draws: """
        1/1 valid 0 dirty  1x1 4B WB
        set.w st line     age last     data
        00.0 C 80000000  0  I→C@2    .\u{00B7}.A
        """)
    PanelRendering.expect(
      panel(model, look: PanelRendering.ascii), width: 36, height: 3,
      draws: """
        1/1 valid 0 dirty  1x1 4B WB
        set.w st line     age last     data
        00.0 C 80000000  0  I>C@2    ._.A
        """)
  }

  @Test func selectionScrollsAndTheRestIsCounted() {
    let rows = (0..<6).map { Self.row($0, 0) }
    let model = CachePanelModel(sets: 8, ways: 1, lineSize: 8, rows: rows, selected: 4)
    PanelRendering.expect(
      panel(model), width: 40, height: 5,
      draws: """
        6/8 valid 0 dirty  8x1 8B WB
        set.w st line     age last     data
        03.0 C 800000c0  0  I→C@2    ABCDEFGH
        04.0 C 80000100  0  I→C@2    ABCDEFGH
        … 4 more lines
        """)
  }

  @Test func detailPaneShowsTheThreeViews() {
    let views = CachePanelModel.Views(
      device: "uart0", cpu: Array("ABCD".utf8), ram: Array("ABxD".utf8),
      deviceBytes: Array("ABxD".utf8), differs: [false, false, true, false])
    var row = Self.row(0, 0, dirty: true)
    row.data = Array("ABCD".utf8)
    let model = CachePanelModel(
      sets: 1, ways: 1, lineSize: 4, rows: [row], detail: 0, detailViews: views)
    PanelRendering.expect(
      panel(model), width: 48, height: 10,
      draws: """
        1/1 valid 1 dirty  1x1 4B WB
        set.w st line     age last     data
        00.0 D 80000000  0  C→D@2    ABCD



        line 80000000 dirty tag 0x200000 age 0: 1 B dif…
        +00 CPU  ABCD
            RAM  ABxD
            uart ABxD
        """)
  }

  @Test func lastStepNoteListsDroppedAndEvictedLines() {
    let model = CachePanelModel(
      sets: 2, ways: 1, lineSize: 8, rows: [Self.row(0, 0, touched: true)],
      dropped: [CachePanelModel.Dropped(set: 1, way: 0, address: 0x8000_0040, wasDirty: true)],
      evictions: [0x9000_0000])
    PanelRendering.expect(
      panel(model), width: 70, height: 4,
      draws: """
        1/2 valid 0 dirty  2x1 8B WB
        set.w st line     age last     data
        00.0 C 80000000  0  I→C@2    ABCDEFGH
        last step: 01.0 80000040 D→I evicted 90000000
        """)
  }

  @Test func tinyAreasDrawNothingOutside() {
    let model = CachePanelModel(
      sets: 2, ways: 1, lineSize: 8, rows: [Self.row(0, 0), Self.row(1, 0)], selected: 1,
      detail: 0, evictions: [0x9000_0000])
    for rect in PanelRendering.tinyRects {
      #expect(PanelRendering.touchedOutside(panel(model), rect: rect) == [], "\(rect)")
    }
  }
}
