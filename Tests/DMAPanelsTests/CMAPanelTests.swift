import DMAPanels
import TermCanvas
import Testing

/// The CMA panel from hand-built areas and pools: the strip to scale, owners, zoom, pools,
/// IOMMUs.
@Suite struct CMAPanelTests {
  typealias Model = CMAPanelModel

  /// 64 pages at pfn 0x80000: pages 0-7 allocated to `ring`, page 20 lent, page 21 pinned.
  static let area = Model.Area(
    name: "reserved", basePFN: 0x80000, count: 64, used: 8, allocated: [0..<8], lent: [20, 21],
    pinned: [21], maxChunk: 56, freeRuns: 1, fragmentationPercent: 0,
    owners: [Model.Owner(name: "ring", pfn: 0x80000, reservedSize: 8 * 4096)])

  private func panel(_ model: Model, look: PanelLook = PanelRendering.unicode) -> CMAPanel {
    CMAPanel(look: look, model: model)
  }

  @Test func stripToScaleWithOwnerLegendAndFigures() {
    PanelRendering.expect(
      panel(Model(area: Self.area)), width: 40, height: 8,
      draws: """
        reserved 80000000-8003ffff 256 KiB, 64 …
        used 8  maxchunk 56  free runs 1  frag …
        +0     ring████░░░░░░░░░░░░▒P░░░░░░░░░░░
        +132K  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░
        █ alloc  ▒ movable  P pinned  ░ free  1…
        ring     pfn 0x80000 8 pages cma_alloc
        no per-device coherent pool, dma_pool o…

        """)
  }

  @Test func zoomAroundTheCursorInAscii() {
    // 13 cells of 2 pages (zoom 1 halves the 5 that fit) centred on page 40: pages 28-53.
    // Cut lines end in `~`; a cut address goes whole (`reserved ~`, `pfn ~`).
    let model = Model(area: Self.area, zoom: 1, cursorPage: 40)
    PanelRendering.expect(
      panel(model, look: PanelRendering.ascii), width: 20, height: 5,
      draws: """
        reserved ~
        used 8  maxchunk 56~
        +112K  .............
        # alloc  : movable ~
        ring     pfn ~
        """)
  }

  @Test func noAreaStillListsPoolsAndIOMMUs() {
    let swiotlb = Model.Pool(
      header: .swiotlb(start: 0xa000_0000, size: 8192, usedSlots: 1, slotCount: 4, bounces: 1),
      label: "slots", used: [true, false, false, false])
    let smmu = Model.IOMMU(
      name: "arm-smmu", tlbEntries: 1, tlbCapacity: 8, hits: 3, misses: 1, faults: 1,
      domains: [
        Model.Domain(
          device: "nic0", contextBank: 0, ranges: 1, pages: 2, mappedPages: 2,
          tlb: [Model.TLBEntry(iovaPage: 0xffff_f000, physicalPage: 0x8000_0000)])
      ])
    PanelRendering.expect(
      panel(Model(area: nil, pools: [swiotlb], iommus: [smmu])), width: 60, height: 6,
      draws: """
        no CMA area on this board
        swiotlb a0000000 8 KiB, 1/4 slots of 2 KiB, 1 bounce
        slots  █░░░
        arm-smmu IOTLB 1/8, 3 hits 1 misses, 1 fault
         nic0   cb0: 1 IOVA range (2 pages), 2 mapped
          tlb fffff000→80000000
        """)
  }

  @Test func poolStripsScaleOntoTheWidth() {
    let coherent = Model.Pool(
      header: .coherent(
        name: "dev0-pool", physicalBase: 0x9000_0000, deviceBase: 0x1000_0000, usedPages: 2,
        pages: 32, devices: ["dev0"]), label: "pool", used: (0..<32).map { $0 < 2 })
    let empty = Model.Pool(
      header: .dmaPool(
        name: "descs", device: "dev0", active: 0, totalBlocks: 0, blockSize: 64, chunks: 0),
      label: "blocks", used: [])
    PanelRendering.expect(
      panel(Model(area: nil, pools: [coherent, empty])), width: 23, height: 5,
      draws: """
        no CMA area on this bo…
        dev0-pool 90000000 bus…
        pool   █░░░░░░░░░░░░░░░
        dma_pool descs dev0: 0…

        """)
  }

  @Test func tinyAreasDrawNothingOutside() {
    for rect in PanelRendering.tinyRects {
      #expect(
        PanelRendering.touchedOutside(panel(Model(area: Self.area, cursorPage: 3)), rect: rect)
          == [], "\(rect)")
    }
  }
}
