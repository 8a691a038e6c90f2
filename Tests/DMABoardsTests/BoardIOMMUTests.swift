import DMABoards
import DMASim
import Testing

/// `iommus` in a device tree becomes the board's IOMMU and the device's place behind it.
@Suite struct BoardIOMMUTests {
  @Test func iommuSoCPutsTheDisplayBehindTheSMMU() throws {
    let loaded = try #require(try BoardLoader.builtIn("arm64-iommu-soc"))
    let board = try loaded.board().board
    #expect(
      board.iommus == [
        IOMMUSpec(
          name: "smmu", compatible: "arm,smmu-v3", kernelName: "12000000.iommu",
          driverName: "arm-smmu-v3", coherentWalk: true)
      ])
    let display = try #require(board.devices.first { $0.compatible == "dmascope,display" })
    #expect(display.iommu == "smmu" && display.streamID == 0x100)
    let i2s = try #require(board.devices.first { $0.compatible == "snps,designware-i2s" })
    #expect(i2s.iommu == nil)
    // The machine gives the display a DMA domain; its first IOVA sits just below 4 GiB.
    let machine = Machine(board: board, program: Program(title: "idle", actions: []))
    #expect(machine.iommuDomain(for: display.name)?.streamID == 0x100)
    #expect(machine.iommuDomain(for: i2s.name) == nil)
    #expect(
      machine.log.entries.contains {
        $0.message == "14000000.display: Adding to iommu group 0"
      })
  }
}
