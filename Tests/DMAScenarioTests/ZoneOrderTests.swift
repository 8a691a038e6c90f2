import DMAScenario
import Testing

@testable import DMASim

/// Which zone a page comes from on a board with memory above ZONE_DMA, as on QEMU virt with
/// 5 GiB (Tests/realkernel/modules/high-memory-bounce.dms): GFP_KERNEL walks the zonelist
/// from ZONE_NORMAL down (mm/page_alloc.c get_page_from_freelist), GFP_DMA starts at ZONE_DMA.
@Suite struct ZoneOrderTests {
  static let tree = """
    /dts-v1/;
    / {
      #address-cells = <2>; #size-cells = <2>; model = "five-gib";
      memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x1 0x40000000>; };
      serial@9000000 { compatible = "arm,pl011"; reg = <0x0 0x9000000 0x0 0x1000>; };
    };
    """

  func run(_ body: String) throws -> Machine {
    let resolver = BoardResolver { _ in Array(Self.tree.utf8) }
    let result = ScenarioCompiler.compile(
      "board \"five.dts\"\n" + body, fileName: "t.dms", boards: resolver)
    let scenario = try #require(result.scenario, "\(result.diagnostics.map(\.rendered))")
    var machine = Machine(board: scenario.board, program: scenario.program)
    machine.runToEnd()
    return machine
  }

  func page(_ machine: Machine, _ name: String) -> UInt64? {
    if case .page(let physical) = machine.cpu.variables[name] { return physical.rawValue }
    return nil
  }

  @Test func gfpKernelPagesComeFromAboveFourGiBAndBounceForA32BitMask() throws {
    let machine = try run(
      """
      r = dma_set_mask_and_coherent(serial0, 0xffffffff)
      high = alloc_pages(GFP_KERNEL, 0)
      hh = dma_map_page(serial0, high, 0, 4096, DMA_TO_DEVICE)
      low = alloc_pages(GFP_DMA, 0)
      hl = dma_map_page(serial0, low, 0, 4096, DMA_TO_DEVICE)
      """)
    let high = try #require(page(machine, "high"))
    let low = try #require(page(machine, "low"))
    #expect(high >= 0x1_0000_0000)
    #expect(low < 0x1_0000_0000)
    // Only the page above 4 GiB is out of the 32-bit mask's reach.
    #expect(machine.dma.bounces.map(\.original.rawValue) == [high])
  }
}
