import DMABoards
import DMASim
import DeviceTree
import Foundation
import Testing

@Suite struct BoardBuilderTests {
  func board(_ name: String, commandLine: String? = nil) throws -> Board {
    let loaded = try #require(try BoardLoader.builtIn(name, commandLine: commandLine))
    return try loaded.board().board
  }

  @Test func cmaSoCDevicesAndBusView() throws {
    let board = try board("arm64-cma-soc")
    #expect(board.name == "arm64-cma-soc")
    #expect(board.model == "dmascope arm64 CMA SoC")
    #expect(board.dram.map(\.base) == [0x4000_0000])
    #expect(board.dram.map(\.size) == [0x8000_0000])
    #expect(board.noMapRegions.map(\.base) == [0x4e00_0000])
    #expect(board.devices.map(\.name) == ["dmac", "uart0", "spi0", "video_decoder0"])
    #expect(
      board.devices.map(\.kernelName) == [
        "9000000.dma-controller", "9040000.serial", "9060000.spi", "a000000.video-decoder",
      ])
    let uart = try #require(board.device(named: "uart0"))
    #expect(uart.driverName == "uart-pl011")
    #expect(
      uart.dmas == [
        DMAChannelRef(name: "tx", controller: "dmac", requestLine: 2),
        DMAChannelRef(name: "rx", controller: "dmac", requestLine: 3),
      ])
    #expect(uart.fifo?.dataRegister == PhysAddr(0x0904_0000))
    #expect(uart.rxFIFO?.depth == 16)
    #expect(uart.dmaMaskBits == 32 && uart.coherentMaskBits == 32)
    #expect(uart.dmaOffset == 0 && uart.busDMALimit == 0 && !uart.coherent)
    let spi = try #require(board.device(named: "spi0"))
    #expect(spi.fifo?.dataRegister == PhysAddr(0x0906_0008))
    let vdec = try #require(board.device(named: "video_decoder0"))
    #expect(vdec.fifo == nil)
    #expect(
      vdec.coherentPool
        == MemoryRegion(name: "vdec-pool@50000000", base: 0x5000_0000, size: 0x100_0000))
    #expect(board.controllers.count == 1)
    let controller = board.controllers[0]
    #expect(controller.name == "dmac" && controller.compatible == "arm,pl330")
    #expect(controller.physicalChannels == 8)
    #expect(controller.requestLines == [2, 3, 5, 6])
    #expect(controller.capabilities.transactionTypes.contains("DMA_MEMCPY"))
    #expect(board.cmaAreas.map(\.name) == ["linux,cma"])
    #expect(board.cmaAreas.first?.size == 64 << 20)
    let swiotlb = try #require(board.swiotlb)
    #expect(swiotlb.base + swiotlb.size <= 0x1_0000_0000)
    // The page allocator's range avoids every reservation.
    let range = try #require(board.pageAllocatorRange)
    for region in board.noMapRegions + board.cmaAreas + [vdec.coherentPool].compactMap({ $0 }) {
      #expect(range.end <= region.base || region.end <= range.base, "\(region.name)")
    }
    #expect(board.mmio.map(\.name).contains("serial@9040000"))
  }

  @Test func dma24SoCLimitsTheFloppy() throws {
    let board = try board("arm64-dma24-soc")
    let floppy = try #require(board.device(named: "floppy0"))
    #expect(floppy.kernelName == "100003f0.floppy")
    #expect(floppy.busDMALimit == 0xff_ffff)
    #expect(floppy.dmaMaskBits == 24 && floppy.coherentMaskBits == 24)
    #expect(floppy.dmaOffset == 0)
    #expect(floppy.dmas == [DMAChannelRef(name: "data", controller: "isa_dma", requestLine: 2)])
    #expect(floppy.fifo != nil && floppy.rxFIFO == nil)
    #expect(board.controllers.map(\.name) == ["isa_dma"])
    #expect(board.controllers.first?.physicalChannels == 4)
    #expect(board.zoneDMALimit == 0xff_ffff)
    let swiotlb = try #require(board.swiotlb)
    #expect(swiotlb.base + swiotlb.size <= 0x100_0000)
    let zone = try #require(board.dmaZoneRange)
    #expect(zone.end <= 0x100_0000)
    #expect(try #require(board.pageAllocatorRange).base >= 0x100_0000)
    #expect(board.cmaAreas.first.map { $0.end <= 0x100_0000 } == true)
  }

  @Test func iommuSoCRecordsTheReference() throws {
    let board = try board("arm64-iommu-soc")
    let display = try #require(board.devices.first { $0.compatible == "dmascope,display" })
    #expect(display.iommuReferences == ["/soc/iommu@12000000"])
    #expect(display.iommu == "smmu" && display.streamID == 0x100)
    #expect(
      board.iommus == [
        IOMMUSpec(
          name: "smmu", compatible: "arm,smmu-v3", kernelName: "12000000.iommu",
          driverName: "arm-smmu-v3", coherentWalk: true)
      ])
    #expect(!board.devices.contains { $0.name == "smmu" })
    #expect(display.coherent)
    #expect(display.kernelName == "14000000.display")
    let i2s = try #require(board.devices.first { $0.compatible == "snps,designware-i2s" })
    #expect(i2s.fifo?.dataRegister == PhysAddr(0x1310_01c8))
    #expect(i2s.dmas.map(\.controller) == ["audio_dma", "audio_dma"])
  }

  @Test func commandLineMemLimitsDRAM() throws {
    let board = try board("arm64-cma-soc", commandLine: "mem=1G cma=16M")
    #expect(board.dram.map(\.size) == [1 << 30])
    #expect(board.cmaAreas.map(\.size) == [16 << 20])
  }

  @Test func realBoardsBecomeBoards() throws {
    let directory = FileManager.default.homeDirectoryForCurrentUser
      .appendingPathComponent(".cache/board-dtbs")
    guard
      let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter({ $0.hasSuffix(".dtb") }).sorted(), !names.isEmpty
    else { return }
    for name in names.prefix(40) {
      let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
      let loaded = try BoardLoader.file(bytes, fileName: name)
      let (board, boot) = try loaded.board()
      #expect(board.dram.reduce(0) { $0 + $1.size } == boot.memblock.totalSize, "\(name)")
      #expect(Set(board.devices.map(\.name)).count == board.devices.count, "\(name)")
      for device in board.devices {
        #expect(device.dmaMaskBits <= 32 && device.dmaMaskBits > 0, "\(name) \(device.name)")
      }
      // Boards without memory (described by firmware at run time) cannot run scenarios.
      guard !board.dram.isEmpty, board.kernelReserved.size >= 4 << 20 else { continue }
      _ = Machine(board: board, program: Program(title: name, actions: []))
    }
  }
}
