import Testing

@testable import DMASim

@Suite struct PageTableWalkTests {
  private func machine(_ board: Board = .minimal) -> Machine {
    Machine(board: board, program: Program(title: "t", actions: []))
  }

  @Test func linearMapIsPageGranularByDefault() throws {
    let machine = machine()
    let va = VirtAddr(0xffff_0000_0123_4567)
    let walk = machine.memory.pageTable.walk(va)
    #expect(walk.steps.map(\.level) == [0, 1, 2, 3])
    #expect(walk.steps.map(\.kind) == [.table, .table, .table, .page])
    #expect(walk.steps.map(\.index) == [0, 0, 9, 0x034])
    #expect(walk.steps[0].tableAddress == machine.memory.pageTable.rootTable)
    // Each table descriptor points at the next step's table.
    for (step, next) in zip(walk.steps, walk.steps.dropFirst()) {
      #expect(step.descriptor & 0x0000_ffff_ffff_f000 == next.tableAddress.rawValue)
      #expect(step.descriptor & 3 == 3)
    }
    let leaf = try #require(walk.leaf)
    #expect(walk.physical == PhysAddr(0x4123_4567))
    #expect(!leaf.isBlock && leaf.size == 4096)
    // PAGE_KERNEL: page, AttrIndx 0 (MT_NORMAL), SH=inner, AF, DBM (PTE_WRITE), PXN, UXN.
    #expect(leaf.descriptor == 0x0060_0000_4123_4000 | 0x0008_0000_0000_0000 | 0x703)
    #expect(leaf.attributes.memoryType == .normalWriteBack)
    #expect(leaf.attributes.writable && leaf.attributes.privilegedExecuteNever)
    #expect(PageAttributes(descriptor: leaf.descriptor) == leaf.attributes)
  }

  @Test func linearMapWithBlocksUsesTwoMegabyteBlocksOnASmallBank() throws {
    var board = Board.minimal
    board.linearMap = .blocks
    let machine = machine(board)
    let walk = machine.memory.pageTable.walk(VirtAddr(0xffff_0000_0123_4567))
    #expect(walk.steps.map(\.kind) == [.table, .table, .block])
    let leaf = try #require(walk.leaf)
    #expect(leaf.level == 2 && leaf.size == 2 << 20)
    #expect(leaf.descriptor & 3 == 1)
    #expect(leaf.physical == PhysAddr(0x4120_0000))
    #expect(walk.physical == PhysAddr(0x4123_4567))
  }

  @Test func gigabyteBlocksWhereAligned() throws {
    var board = Board.soc8G
    board.linearMap = .blocks
    let machine = machine(board)
    let entries = machine.memory.pageTable.entries(
      from: VirtAddr(board.pageOffset), size: board.dram[0].size)
    #expect(entries.allSatisfy { $0.level == 1 })
    #expect(entries.count == Int(board.dram[0].size >> 30))
    let walk = machine.memory.pageTable.walk(VirtAddr(board.pageOffset + (3 << 30) + 5))
    #expect(walk.steps.map(\.kind) == [.table, .block])
  }

  @Test func eightGigabytePageGranularLinearMapStaysSmall() {
    let machine = machine(.soc8G)
    // One level-3 table per 2 MiB of DRAM, recorded by position only.
    let dram = Board.soc8G.dram.reduce(0) { $0 + $1.size }
    #expect(machine.memory.pageTable.tables.count >= Int(dram >> 21))
    #expect(machine.memory.pageTable.tables.count < Int(dram >> 21) + 64)
    let walk = machine.memory.pageTable.walk(VirtAddr(Board.soc8G.pageOffset + dram - 1))
    #expect(walk.leaf?.level == 3)
  }

  @Test func ioremapIsDeviceAndUnmappedAddressesFault() throws {
    let machine = machine()
    let io = try #require(machine.memory.pageTable.mappings.first { $0.memoryType == .device })
    let walk = machine.memory.pageTable.walk(io.virtualBase.advanced(by: 8))
    let leaf = try #require(walk.leaf)
    #expect(leaf.level == 3)
    #expect(leaf.attributes.memoryType == .device)
    #expect((leaf.descriptor >> 2) & 7 == 4)
    let hole = machine.memory.pageTable.walk(VirtAddr(0xffff_7000_0000_0000))
    #expect(hole.leaf == nil && hole.physical == nil)
    #expect(hole.steps.last?.kind == .invalid)
    #expect(machine.memory.pageTable.walk(VirtAddr(0x1000)).steps.isEmpty)
  }

  @Test func aliasesOfAPageMappedTwiceAreFlagged() {
    var table = KernelPageTable(mappings: [])
    table.add(
      KernelMapping(
        name: KernelMapping.linearMapName, virtualBase: VirtAddr(0xffff_0000_0000_0000),
        physicalBase: PhysAddr(0x4000_0000), size: 64 << 20, memoryType: .normalWriteBack,
        granule: 4096))
    #expect(!table.aliases(of: PhysAddr(0x4000_2010)).mismatched)
    table.add(
      KernelMapping(
        name: "remap", virtualBase: VirtAddr(0xffff_8000_1000_0000),
        physicalBase: PhysAddr(0x4000_2000), size: 4096, memoryType: .normalNonCacheable,
        granule: 4096))
    let aliases = table.aliases(of: PhysAddr(0x4000_2010))
    #expect(aliases.page == PhysAddr(0x4000_2000))
    #expect(
      aliases.aliases.map(\.virtual.rawValue) == [0xffff_0000_0000_2000, 0xffff_8000_1000_0000])
    #expect(aliases.aliases.map(\.memoryType) == [.normalWriteBack, .normalNonCacheable])
    #expect(aliases.mismatched)
    // The remap's walk: a 4K page with AttrIndx 2 (MT_NORMAL_NC).
    let walk = table.walk(VirtAddr(0xffff_8000_1000_0010))
    #expect(walk.leaf?.level == 3)
    #expect(walk.leaf.map { ($0.descriptor >> 2) & 7 } == 2)
    #expect(walk.physical == PhysAddr(0x4000_2010))
  }
}
