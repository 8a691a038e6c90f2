import DMABoards
import DMASim
import DeviceTree
import Foundation
import Testing

@Suite struct BuiltInBoardTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  func fixture(_ name: String) throws -> [UInt8] {
    [UInt8](
      try Data(
        contentsOf: Self.root.appendingPathComponent("Tests/DeviceTreeTests/Fixtures/" + name)))
  }

  func boot(_ name: String, commandLine: String? = nil) throws -> BootResult {
    let loaded = try #require(try BoardLoader.builtIn(name, commandLine: commandLine))
    return try EarlyBoot.run(loaded.description)
  }

  @Test func sourcesMatchDemosBoards() throws {
    for board in BuiltInBoard.all {
      let url = Self.root.appendingPathComponent("demos/boards/" + board.fileName)
      #expect(try String(contentsOf: url, encoding: .utf8) == board.source, "\(board.name)")
    }
    #expect(BuiltInBoard.named("arm64-cma-soc") == BuiltInBoard.arm64CmaSoc)
    #expect(BuiltInBoard.named("nope") == nil)
  }

  @Test func blobFixturesBootLikeTheirSources() throws {
    for board in BuiltInBoard.all {
      let blob = try BoardLoader.file(try fixture(board.name + ".dtb"), fileName: board.name)
      let source = try #require(try BoardLoader.builtIn(board.name))
      #expect(blob.description == source.description, "\(board.name)")
    }
  }

  @Test func cmaSoCJSON() throws {
    let json = BootJSON.render(try boot("arm64-cma-soc"))
    let dmac = "/soc@0/dma-controller@9000000"
    #expect(
      json == """
        {"memory":[{"base":1073741824,"size":2147483648}],"reserved":[\
        {"node":"/reserved-memory/linux,cma","base":2080374784,"size":67108864,"no_map":false,\
        "reusable":true,"dynamic":true,"kind":"cma"},\
        {"node":"/reserved-memory/tee@4e000000","base":1308622848,"size":2097152,"no_map":true,\
        "reusable":false,"dynamic":false,"kind":"carveout"},\
        {"node":"/reserved-memory/vdec-pool@50000000","base":1342177280,"size":16777216,\
        "no_map":false,"reusable":false,"dynamic":false,"kind":"coherent-pool"}],\
        "cma":[{"name":"linux,cma","base":2080374784,"size":67108864,"order_per_bit":0}],\
        "dma_controllers":[{"node":"\(dmac)","compatible":"arm,pl330","channels":8}],\
        "dma_consumers":[{"node":"/soc@0/serial@9040000","channels":[\
        {"name":"tx","controller":"\(dmac)","args":[2]},\
        {"name":"rx","controller":"\(dmac)","args":[3]}]},\
        {"node":"/soc@0/spi@9060000","channels":[\
        {"name":"tx","controller":"\(dmac)","args":[5]},\
        {"name":"rx","controller":"\(dmac)","args":[6]}]},\
        {"node":"/soc@0/video-decoder@a000000","channels":[]}]}
        """)
  }

  @Test func cmaSoCDescription() throws {
    let loaded = try #require(try BoardLoader.builtIn("arm64-cma-soc"))
    let description = loaded.description
    #expect(description.memoryReservations == [PhysicalRange(base: 0x4000_0000, size: 0x10000)])
    #expect(description.commandLine == "console=ttyAMA0,115200 earlycon")
    let decoder = description.consumers.last
    #expect(decoder?.memoryRegions == ["/reserved-memory/vdec-pool@50000000"])
    #expect(decoder?.coherent == false)
    let result = try EarlyBoot.run(description)
    #expect(result.memblock.isReserved(base: 0x4000_0000, size: 0x10000))
  }

  @Test func iommuSoC() throws {
    let result = try boot("arm64-iommu-soc")
    let display = result.consumers.first { $0.node == "/soc/display@14000000" }
    #expect(display?.iommus == ["/soc/iommu@12000000"])
    #expect(display?.coherent == true)
    #expect(result.reserved.map(\.kind) == [.carveout])
    #expect(result.cmaAreas.map(\.base) == [0xff00_0000])
    // The limit is capped at ZONE_DMA (4 GiB), as Debian's 6.12 does on QEMU (cma-limit-5g).
    let window = try boot("arm64-iommu-soc", commandLine: "cma=512M@0-0x180000000")
    #expect(window.cmaAreas.map(\.base) == [0xe000_0000])
    #expect(window.logLines().contains("cma: Reserved 512 MiB at 0x00000000e0000000 on node -1"))
  }

  @Test func dma24SoC() throws {
    let result = try boot("arm64-dma24-soc")
    #expect(result.dmaPhysicalLimit == 0x100_0000)
    #expect(result.cmaAreas.map(\.base) == [0x80_0000])
    let floppy = result.consumers.first
    #expect(floppy?.busLimit == 0xff_ffff)
    #expect(floppy?.channels.first?.name == "data")
    #expect(
      result.logLines().contains("  DMA      [mem 0x0000000000000000-0x0000000000ffffff]"))
    let tooBig = try boot("arm64-dma24-soc", commandLine: "cma=32M")
    #expect(
      tooBig.logLines().contains(
        "cma: Size (0x0000000002000000) of region at 0x0000000000000000 exceeds limit "
          + "(0x0000000001000000)"))
  }

  @Test func kernelDefaultsForRootCellsAndReservations() throws {
    let tree = try DeviceTreeSource.parse(
      """
      /dts-v1/;
      /memreserve/ 0x1000 0x1000;
      /memreserve/ 0x2000 0x0;
      / {
        memory { device_type = "memory"; reg = <0x80000000 0x10000000>; };
        disabled-memory { device_type = "memory"; reg = <0x0 0x1000>; status = "disabled"; };
      };
      """, fileName: "t.dts")
    let description = BootDescriptionBuilder.build(tree)
    #expect(description.rootAddressCells == 1)
    #expect(
      description.memory == [MemoryBank(node: "/memory", base: 0x8000_0000, size: 0x1000_0000)])
    #expect(description.memoryReservations == [PhysicalRange(base: 0x1000, size: 0x1000)])
    #expect(description.reservedMemory == nil)
    #expect(description.model == "")
  }

  @Test func jsonStringsAreEscaped() {
    #expect(BootJSON.string("a\"b\\c\nd\u{1}") == "\"a\\\"b\\\\c\\nd\\u0001\"")
  }
}
