/// The bytes a `cpu_read` has loaded so far, kept as sealed 4 KiB chunks shared by every copy
/// plus a short open tail. A history checkpoint taken in the middle of a long read then shares
/// what was already loaded instead of holding its own copy of it (a 1 MiB read under 4-byte
/// lines is 262,144 steps, and each checkpoint used to copy the whole buffer so far).
struct ReadBuffer: Sendable {
  private final class Chunk: Sendable {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
  }

  /// Bytes per sealed chunk.
  static let chunkBytes = 4096
  private var chunks: [Chunk] = []
  private var tail: [UInt8] = []

  /// Bytes held.
  var count: Int { chunks.count * Self.chunkBytes + tail.count }

  /// Appends bytes, sealing the tail whenever it reaches a whole chunk.
  mutating func append(_ bytes: [UInt8]) {
    var rest = bytes[...]
    while !rest.isEmpty {
      let room = Self.chunkBytes - tail.count
      tail += rest.prefix(room)
      rest = rest.dropFirst(room)
      if tail.count == Self.chunkBytes {
        chunks.append(Chunk(tail))
        tail = []
      }
    }
  }

  /// Every byte, in load order.
  var bytes: [UInt8] { chunks.flatMap(\.bytes) + tail }
}

extension ReadBuffer: Hashable {
  /// Equal when the same bytes were loaded (shared chunks compare by identity first).
  static func == (lhs: ReadBuffer, rhs: ReadBuffer) -> Bool {
    guard lhs.chunks.count == rhs.chunks.count, lhs.tail == rhs.tail else { return false }
    for (left, right) in zip(lhs.chunks, rhs.chunks) where left !== right {
      if left.bytes != right.bytes { return false }
    }
    return true
  }

  /// Hashes the length and the open tail (enough to separate buffers cheaply).
  func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    hasher.combine(tail)
  }
}
