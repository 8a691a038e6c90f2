import Foundation

extension FileReader {
  /// The largest trace file accepted (2 GiB).
  static let maximumStreamBytes = 2 << 30
  /// Bytes read per chunk.
  static let chunkBytes = 1 << 20

  /// Streams a text file line by line (without the newline), in chunks, so files larger than
  /// memory-friendly sizes never have to be held whole. Lines are numbered from 1. A line longer
  /// than 64 KiB is handed over truncated so the caller can report it.
  static func forEachLine(
    _ path: String, maximumBytes: Int = maximumStreamBytes,
    _ body: (ArraySlice<UInt8>, Int) -> Void
  ) throws {
    let file = try InputFile(path)
    defer { file.close() }
    var total = 0
    var pending: [UInt8] = []
    var number = 0
    var skippingLongLine = false
    let longLine = 64 << 10
    while true {
      let data = try file.read(upTo: chunkBytes)
      if data.isEmpty { break }
      total += data.count
      guard total <= maximumBytes else {
        throw UsageError(
          "\(path): more than \(maximumBytes) bytes read; traces are limited to \(maximumBytes) bytes",
          hint: "split the trace into smaller files")
      }
      pending.append(contentsOf: data)
      var start = 0
      while let newline = pending[start...].firstIndex(of: 0x0a) {
        if skippingLongLine {
          skippingLongLine = false
        } else {
          number += 1
          body(pending[start..<newline], number)
        }
        start = newline + 1
      }
      pending.removeFirst(start)
      if pending.count > longLine {
        if !skippingLongLine {
          number += 1
          body(pending[0..<longLine], number)
          skippingLongLine = true
        }
        pending.removeAll(keepingCapacity: true)
      }
    }
    if !pending.isEmpty, !skippingLongLine {
      number += 1
      body(pending[...], number)
    }
  }
}
