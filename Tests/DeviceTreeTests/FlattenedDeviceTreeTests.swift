import DeviceTree
import Testing

@Suite struct FlattenedDeviceTreeTests {
  @Test func readsTheHeaderAndReservationBlock() throws {
    let tree = try FlattenedDeviceTree.parse(try Fixtures.bytes("arm64-cma-soc.dtb"))
    #expect(tree.version == 17)
    #expect(tree.bootCPU == 0)
    #expect(tree.reservations == [MemoryReservation(address: 0x4000_0000, size: 0x10000)])
    #expect(tree.root.name == "")
    #expect(tree.root.property("model")?.string == "dmascope arm64 CMA SoC")
  }

  @Test func keepsFileOrderAndFindsNodesByPath() throws {
    let tree = try FlattenedDeviceTree.parse(try Fixtures.bytes("arm64-cma-soc.dtb"))
    #expect(
      tree.root.children.map(\.name) == [
        "chosen", "aliases", "memory@40000000", "reserved-memory", "cpus", "soc@0",
      ])
    #expect(tree.node(at: "/memory")?.name == "memory@40000000")
    #expect(tree.node(at: "/soc@0/spi")?.name == "spi@9060000")
    #expect(tree.node(at: "/missing") == nil)
    #expect(tree.canonicalPath(of: "/soc/serial") == "/soc@0/serial@9040000")
    let names = tree.node(at: "/reserved-memory")?.children.map(\.name)
    #expect(names == ["linux,cma", "tee@4e000000", "vdec-pool@50000000"])
  }

  @Test func decodesRegRangesAndCells() throws {
    let tree = try FlattenedDeviceTree.parse(try Fixtures.bytes("arm64-cma-soc.dtb"))
    #expect(
      try tree.reg(at: "/memory@40000000") == [RegEntry(address: 0x4000_0000, size: 0x8000_0000)])
    #expect(tree.cellCounts(of: "/soc@0") == CellCounts(address: 1, size: 1))
    #expect(tree.cellCounts(of: "/chosen") == CellCounts.specificationDefault)
    #expect(
      try tree.reg(at: "/soc@0/interrupt-controller@8000000") == [
        RegEntry(address: 0x800_0000, size: 0x1000), RegEntry(address: 0x801_0000, size: 0x2000),
      ])
    #expect(
      try tree.ranges(at: "/soc@0") == [
        RangeEntry(childAddress: 0, parentAddress: 0, size: 0x4000_0000)
      ])
    #expect(try tree.ranges(at: "/reserved-memory") == [])
    #expect(tree.cpuAddress(0x906_0000, onBusOf: "/soc@0/spi@9060000") == 0x906_0000)
    let dmac = tree.node(at: "/soc@0/dma-controller@9000000")
    #expect(dmac?.property("#dma-cells")?.u32 == 1)
    #expect(dmac?.compatible == ["arm,pl330", "arm,primecell"])
    #expect(tree.node(at: "/cpus/cpu@0")?.property("cpu-release-addr")?.u64 == 0x4000_fff8)
  }

  @Test func resolvesPhandles() throws {
    let tree = try FlattenedDeviceTree.parse(try Fixtures.bytes("arm64-cma-soc.dtb"))
    let table = tree.phandleTable()
    guard let dmas = tree.node(at: "/soc@0/serial@9040000")?.property("dmas") else {
      Issue.record("no dmas")
      return
    }
    let entries = tree.phandleList(dmas, cellsName: "#dma-cells", table: table)
    #expect(
      entries.map(\.path) == ["/soc@0/dma-controller@9000000", "/soc@0/dma-controller@9000000"])
    #expect(entries.map(\.arguments) == [[2], [3]])
    let region = tree.node(at: "/soc@0/video-decoder@a000000")?.property("memory-region")
    #expect(
      region.map { tree.phandleList($0, cellsName: nil, table: table).map(\.path) }
        == ["/reserved-memory/vdec-pool@50000000"])
  }

  @Test func sourceAndBlobOfEveryDemoBoardAgree() throws {
    for board in Fixtures.boards {
      let blob = try FlattenedDeviceTree.parse(try Fixtures.bytes(board + ".dtb"))
      let source = try DeviceTreeSource.parse(
        try Fixtures.demo(board + ".dts"), fileName: board + ".dts")
      #expect(withoutLabels(source.root) == blob.root, "\(board)")
      #expect(source.reservations == blob.reservations, "\(board)")
    }
  }

  @Test func loadDetectsTheFormat() throws {
    let blob = try DeviceTree.load(try Fixtures.bytes("arm64-dma24-soc.dtb"), fileName: "x.dtb")
    let source = try DeviceTree.load(
      Array(try Fixtures.demo("arm64-dma24-soc.dts").utf8), fileName: "x.dts")
    #expect(withoutLabels(source.root) == blob.root)
    #expect(throws: DeviceTreeError.self) {
      try DeviceTree.load([0x00, 0x01, 0x02, 0x03, 0x04], fileName: "junk")
    }
  }
}
