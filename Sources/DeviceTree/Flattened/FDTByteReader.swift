/// Bounds-checked big-endian reads from a blob; every read names what it expected so a
/// truncated blob reports a useful error.
struct FDTByteReader {
  /// The blob.
  let bytes: [UInt8]
  /// The file name for reports.
  let fileName: String
  /// Reads end here (the header's totalsize once known).
  var limit: Int

  init(bytes: [UInt8], fileName: String) {
    self.bytes = bytes
    self.fileName = fileName
    limit = bytes.count
  }

  /// An error at a byte offset.
  func error(at offset: Int, _ message: String, hint: String? = nil) -> DeviceTreeError {
    DeviceTreeError(fileName: fileName, location: .byte(offset), message: message, hint: hint)
  }

  /// A big-endian 32-bit value at `offset`, or an error naming `expected`.
  func u32(at offset: Int, expected: String, end: Int? = nil) throws -> UInt32 {
    let stop = end ?? limit
    guard offset >= 0, offset <= stop - 4 else {
      throw error(
        at: offset, "expected \(expected) (4 bytes), but the data ends at byte \(stop)",
        hint: "the blob is truncated or an offset in it is corrupt")
    }
    return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
      | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
  }

  /// A big-endian 64-bit value at `offset`.
  func u64(at offset: Int, expected: String, end: Int? = nil) throws -> UInt64 {
    let high = try u32(at: offset, expected: expected, end: end)
    let low = try u32(at: offset + 4, expected: expected, end: end)
    return UInt64(high) << 32 | UInt64(low)
  }

  /// The NUL-terminated string starting at `offset`, which must end before `end`; returns the
  /// string and the offset of its terminating NUL.
  func cString(at offset: Int, end: Int, expected: String) throws -> (String, Int) {
    guard offset >= 0, offset < end else {
      throw error(
        at: offset, "expected \(expected), but the block ends at byte \(end)",
        hint: "the blob is truncated or corrupt")
    }
    var index = offset
    while index < end, bytes[index] != 0 { index += 1 }
    guard index < end else {
      throw error(
        at: offset, "expected \(expected) to end with a NUL byte before byte \(end)",
        hint: "the blob is truncated or corrupt")
    }
    return (String(decoding: bytes[offset..<index], as: UTF8.self), index)
  }
}
