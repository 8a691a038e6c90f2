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
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw UsageError("\(path): no such file", hint: "check the path")
    }
    guard !isDirectory.boolValue else { throw UsageError("\(path): is a directory") }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    guard size <= maximumBytes else {
      throw UsageError(
        "\(path): file is \(size) bytes; traces are limited to \(maximumBytes) bytes",
        hint: "split the trace into smaller files")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw UsageError("\(path): cannot read the file (permissions?)")
    }
    defer { try? handle.close() }
    var pending: [UInt8] = []
    var number = 0
    var skippingLongLine = false
    let longLine = 64 << 10
    while true {
      let data: Data
      do {
        data = try handle.read(upToCount: chunkBytes) ?? Data()
      } catch {
        throw UsageError("\(path): read error: \(error)")
      }
      if data.isEmpty { break }
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
