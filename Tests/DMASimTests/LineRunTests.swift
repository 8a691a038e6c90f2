import Testing

@testable import DMASim

/// `cpu_write` and `cpu_read` queue one run each and hand it out a cache line per step; the
/// lines are the ones `lineChunks` gives for the whole range, across vmalloc pages that are
/// not physically contiguous.
@Suite struct LineRunTests {
  /// Runs `actions` on the soc board with `lineSize`-byte lines, collecting every `str`/`ldr`
  /// message and the longest the CPU's queue got.
  func run(_ actions: [Action], lineSize: Int) -> (
    machine: Machine, accesses: [String], longestQueue: Int
  ) {
    var board = Board.soc
    board.cache = CacheGeometry(size: 4 * lineSize, ways: 1, lineSize: lineSize)
    var machine = Machine(board: board, program: Program(title: "runs", actions: actions))
    var accesses: [String] = []
    var longest = 0
    var seen = machine.log.count
    while machine.step() {
      longest = max(longest, machine.cpu.pending.remaining.count)
      accesses += machine.log.suffix(machine.log.count - seen)
        .filter { $0.function == "str" || $0.function == "ldr" }.map(\.message)
      seen = machine.log.count
    }
    return (machine, accesses, longest)
  }

  @Test func aWriteAndReadAcrossVmallocPagesTouchTheLinesLineChunksGives() throws {
    let size: UInt64 = 3 * 4096
    let pattern = (0..<Int(size)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let outcome = run(
      [
        Action(operation: .vmalloc(size: size), result: "v"),
        Action(operation: .cpuWrite(pointer: .variable("v"), offset: 100, bytes: pattern)),
        Action(
          operation: .cpuRead(pointer: .variable("v"), offset: 100, length: size), result: "x"),
      ], lineSize: 64)
    let machine = outcome.machine
    guard case .pointer(let base) = try #require(machine.cpu.variables["v"]) else {
      Issue.record("v is not a pointer")
      return
    }
    let start = base.advanced(by: 100)
    let physical = try #require(machine.memory.pageTable.translate(start)?.physical)
    let chunks = machine.lineChunks(start, physical, count: size)
    // The pages behind a vmalloc area are not contiguous: the split must follow them.
    #expect(Set(chunks.map { $0.1.rawValue >> 12 }).count >= 3)
    let expected =
      chunks.map { "store \($0.2) bytes at \($0.1.hex): " }
      + chunks.map { "load \($0.2) bytes at \($0.1.hex): " }
    #expect(outcome.accesses.count == expected.count)
    for (message, prefix) in zip(outcome.accesses, expected) {
      #expect(message.hasPrefix(prefix), "\(message) should start \(prefix)")
    }
    #expect(machine.cpu.variables["x"] == .bytes(pattern))
    // One run plus cpu_read's finishing piece at most, never a queued access per line.
    #expect(outcome.longestQueue <= 2)
  }

  @Test func aMebibyteWriteUnderFourByteLinesQueuesOneRun() {
    var board = Board.soc
    board.cache = CacheGeometry(size: 4, ways: 1, lineSize: 4)
    let program = Program(
      title: "write",
      actions: [
        Action(operation: .kmalloc(size: 1 << 20, flags: []), result: "p"),
        Action(
          operation: .cpuWrite(
            pointer: .variable("p"), offset: 0, bytes: [UInt8](repeating: 0x5a, count: 1 << 20))),
      ])
    var machine = Machine(board: board, program: program)
    while machine.cpu.currentAction != 1, machine.step() {}
    #expect(machine.cpu.pending.remaining.count == 1)
    guard case .storeRun(_, _, _, let offset, _) = machine.cpu.pending.first else {
      Issue.record("no store run queued: \(String(describing: machine.cpu.pending.first))")
      return
    }
    #expect(offset == 4)
  }
}
