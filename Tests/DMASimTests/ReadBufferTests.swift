import Testing

@testable import DMASim

/// `cpu_read`'s buffer: sealed chunks shared by copies, bytes in load order.
@Suite struct ReadBufferTests {
  @Test func bytesComeBackInOrderAcrossChunkBoundaries() {
    var buffer = ReadBuffer()
    var expected: [UInt8] = []
    for index in 0..<3000 {
      let piece = [UInt8(index & 0xff), UInt8((index >> 8) & 0xff), 7]
      buffer.append(piece)
      expected += piece
    }
    #expect(buffer.count == 9000)
    #expect(buffer.bytes == expected)
  }

  @Test func aCopyTakenMidReadKeepsItsBytesAndEqualsOnlyItsTwin() {
    var live = ReadBuffer()
    live.append([UInt8](repeating: 1, count: 5000))
    let checkpoint = live
    live.append([2, 3])
    #expect(checkpoint.bytes == [UInt8](repeating: 1, count: 5000))
    #expect(live.bytes == [UInt8](repeating: 1, count: 5000) + [2, 3])
    #expect(checkpoint != live)
    var twin = ReadBuffer()
    twin.append([UInt8](repeating: 1, count: 4096))
    twin.append([UInt8](repeating: 1, count: 904))
    #expect(twin == checkpoint)
  }

  @Test func aLongReadUnderFourByteLinesReturnsWhatWasWritten() {
    // 64 KiB written then read back 4 bytes per step: the bytes cross 16 sealed chunks.
    var board = Board.soc
    board.cache = CacheGeometry(size: 4, ways: 1, lineSize: 4)
    let pattern = (0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let program = Program(
      title: "read",
      actions: [
        Action(operation: .kmalloc(size: 64 << 10, flags: []), result: "p"),
        Action(operation: .cpuWrite(pointer: .variable("p"), offset: 0, bytes: pattern)),
        Action(
          operation: .cpuRead(pointer: .variable("p"), offset: 0, length: 64 << 10), result: "x"),
      ])
    var machine = Machine(board: board, program: program)
    while machine.step() {}
    #expect(machine.cpu.variables["x"] == .bytes(pattern))
  }
}
