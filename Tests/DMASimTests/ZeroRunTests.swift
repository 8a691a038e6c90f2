import Testing

@testable import DMASim

/// `kzalloc`'s memset runs one cache line per step from a single queue entry. Issue 23: with
/// `cache size=4 ways=1 line=4`, `kzalloc(4M)` queued 1,048,576 stores in its first step
/// (235 MB resident before anything ran; 615 MB peak).
@Suite struct ZeroRunTests {
  /// The soc board with a one-way cache of `size` bytes and `lineSize`-byte lines.
  func machine(cache size: Int, lineSize: Int, kzalloc bytes: UInt64) -> Machine {
    var board = Board.soc
    board.cache = CacheGeometry(size: size, ways: 1, lineSize: lineSize)
    let program = Program(
      title: "kzalloc",
      actions: [Action(operation: .kmalloc(size: bytes, flags: [.zero]), result: "p")])
    return Machine(board: board, program: program)
  }

  @Test func aFourMebibyteKzallocUnderAFourByteLineQueuesOneEntry() {
    var machine = machine(cache: 4, lineSize: 4, kzalloc: 4 << 20)
    while machine.cpu.currentAction == nil, machine.step() {}
    // The kmalloc step ran the first line's store; one entry holds the other 1,048,575 lines.
    #expect(machine.cpu.pending.remaining.count == 1)
    guard case .zeroRun(_, _, let count, _) = machine.cpu.pending.first else {
      Issue.record("no zero run queued: \(String(describing: machine.cpu.pending.first))")
      return
    }
    #expect(count == (4 << 20) - 4)
  }

  @Test func theRunStoresEachLineOnceInOrderAndLeavesZeros() throws {
    var machine = machine(cache: 4, lineSize: 4, kzalloc: 4096)
    var stores: [String] = []
    var longestQueue = 0
    var seen = machine.log.count
    while machine.step() {
      longestQueue = max(longestQueue, machine.cpu.pending.remaining.count)
      let fresh = machine.log.suffix(machine.log.count - seen)
      seen = machine.log.count
      stores += fresh.filter { $0.function == "str" }.map(\.message)
    }
    #expect(longestQueue == 1)
    let value = try #require(machine.cpu.variables["p"])
    guard case .pointer(let virtual) = value,
      let physical = machine.memory.pageTable.translate(virtual)?.physical
    else {
      Issue.record("p is \(value.text)")
      return
    }
    // 1024 four-byte stores, one per line, at consecutive addresses (the lines queued one by
    // one before: the same stores in the same order).
    #expect(stores.count == 1024)
    for (index, message) in stores.enumerated() {
      let at = physical.advanced(by: UInt64(index) * 4)
      #expect(message.hasPrefix("store 4 bytes at \(at.hex): "), "store \(index): \(message)")
    }
    #expect(machine.memory.ram.read(physical, count: 4096).allSatisfy { $0 == 0 })
  }

  @Test func anObjectNotStartingOnALineBoundaryStoresThePartialLineFirst() {
    // 64-byte lines; kmalloc-96 objects: the second starts 32 bytes into a line.
    var board = Board.soc
    board.cache = CacheGeometry(size: 4096, ways: 1, lineSize: 64)
    let program = Program(
      title: "kzalloc",
      actions: [
        Action(operation: .kmalloc(size: 96, flags: []), result: "a"),
        Action(operation: .kmalloc(size: 96, flags: [.zero]), result: "b"),
      ])
    var machine = Machine(board: board, program: program)
    var stores: [String] = []
    var seen = machine.log.count
    while machine.step() {
      stores += machine.log.suffix(machine.log.count - seen).filter { $0.function == "str" }
        .map(\.message)
      seen = machine.log.count
    }
    #expect(stores.map { String($0.split(separator: " ")[1]) } == ["32", "64"])
  }
}
