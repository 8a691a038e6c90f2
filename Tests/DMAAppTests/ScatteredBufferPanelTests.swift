import DMAPanels
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// A coherent buffer behind an IOMMU (`iommu_dma_alloc_remap`) whose three pages lie in three
/// places: the views follow its physical pieces, not one range from its first page.
@Suite struct ScatteredBufferPanelTests {
  static let source = """
    board soc_iommu
    p0 = alloc_pages(GFP_KERNEL, 0)
    p1 = alloc_pages(GFP_KERNEL, 0)
    p2 = alloc_pages(GFP_KERNEL, 0)
    __free_pages(p0, 0)
    __free_pages(p2, 0)
    buf = dma_alloc_coherent(spi1, 12288, h, GFP_KERNEL)
    cpu_write(buf, 4090, "across pages")
    cpu_write(buf, 8200, "third page")
    wmb()
    """

  private func machine() throws -> Machine {
    let result = ScenarioCompiler.compile(Self.source, fileName: "scattered.dms")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    var machine = Machine(board: scenario.board, program: scenario.program)
    var steps = 0
    while machine.step(), steps < 200_000 { steps += 1 }
    return machine
  }

  private func render(_ widget: some Widget, width: Int, height: Int) -> String {
    var buffer = Buffer(size: Size(width: width, height: height))
    buffer.render(widget, in: buffer.area)
    return buffer.plainText
  }

  @Test func theByteViewReadsEveryPageFromItsOwnPiece() throws {
    let machine = try machine()
    let buffer = try #require(machine.allocators.allocations.first { $0.name == "buf" })
    #expect(machine.memory.pageTable.pieces(of: buffer).count == 3)
    let context = PanelContext(machine: machine, theme: .default, glyphs: .unicode)
    let text = render(
      AddressSpacePanel(context: context, buffer: buffer), width: 120, height: 420)
    let rows = text.split(separator: "\n").map(String.init)
    // 32 bytes a row: offset 0xfe0 ends with "across", 0x1000 starts with " pages", 0x2000
    // holds "third page" at +8, in the CPU view and in RAM alike (Normal-NC, after wmb).
    let across = try #require(rows.first { $0.hasPrefix("+0fe0 ") }, "\(rows.prefix(30))")
    #expect(across.contains("across ") && across.hasSuffix("across"), "\(rows.prefix(16))")
    let pages = try #require(rows.first { $0.hasPrefix("+1000 ") })
    #expect(pages.components(separatedBy: " pages").count == 3, "\(pages)")
    let third = try #require(rows.first { $0.hasPrefix("+2000 ") })
    #expect(third.components(separatedBy: "third page").count == 3, "\(third)")
    // 192 lines of 64 bytes over the three pieces, none read through the Normal-NC remap.
    #expect(text.contains("192 lines, NC"), "\(rows.prefix(16))")
  }

  @Test func theBuffersOwnPagesAreNoAliases() throws {
    let machine = try machine()
    let buffer = try #require(machine.allocators.allocations.first { $0.name == "buf" })
    let own = try #require(machine.memory.pageTable.translate(buffer.virtualAddress)?.mapping)
    let aliases = PageAlias.aliases(of: buffer, own: own, in: machine)
    // Each page is still in the linear map (Normal WB against the remap's Normal-NC): one
    // mismatched alias per piece, and none of the remap's own runs.
    #expect(aliases.map(\.physical) == machine.memory.pageTable.pieces(of: buffer).map(\.physical))
    #expect(aliases.allSatisfy { $0.mismatched })
    #expect(!aliases.contains { $0.mapping.name.hasPrefix("iommu_dma_alloc_remap") })
  }

  @Test func whyNamesThePiecesAndTheIOVAOfEachPage() throws {
    let machine = try machine()
    let buffer = try #require(machine.allocators.allocations.first { $0.name == "buf" })
    let answer = Why.buffer(buffer, in: machine)
    #expect(answer.contains { $0.hasPrefix("its pages are scattered: ") }, "\(answer)")
    let reached = answer.filter { $0.hasPrefix("spi1 reaches its page") }
    #expect(reached.count == 3, "\(answer)")
  }
}
