import Foundation

/// An input file opened for reading: only regular files are accepted, and every read is
/// bounded by the bytes actually read (a device, a fifo or a file that grows while it is read
/// never makes a reader run forever).
struct InputFile {
  /// The path as the user gave it (for messages).
  let path: String
  private let descriptor: Int32

  /// Opens `path`, refusing anything that is not a regular file with a message that says what
  /// it is. `hint` is shown when the file does not exist.
  init(_ path: String, missingHint: String = "check the path") throws {
    self.path = path
    var status = stat()
    guard stat(path, &status) == 0 else {
      if errno == ENOENT { throw UsageError("\(path): no such file", hint: missingHint) }
      throw UsageError("\(path): cannot read the file: \(String(cString: strerror(errno)))")
    }
    if let kind = Self.nonRegularKind(status.st_mode) {
      throw UsageError(
        "\(path): is \(kind), not a regular file",
        hint: "dmascope reads only regular files; copy the input into a file first")
    }
    // O_NONBLOCK: if the path is swapped for a fifo after the check, open does not wait for a
    // writer; fstat below then refuses it.
    let opened = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard opened >= 0 else {
      throw UsageError("\(path): cannot read the file: \(String(cString: strerror(errno)))")
    }
    var openedStatus = stat()
    guard fstat(opened, &openedStatus) == 0, Self.nonRegularKind(openedStatus.st_mode) == nil
    else {
      _ = Foundation.close(opened)
      throw UsageError("\(path): is not a regular file", hint: "dmascope reads only regular files")
    }
    descriptor = opened
  }

  /// What a non-regular file is, in words (nil for a regular file).
  static func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a directory"
    case S_IFIFO: return "a fifo"
    case S_IFSOCK: return "a socket"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    default: return "not a regular file"
    }
  }

  /// Bytes asked of the kernel per `read`: memory grows with the bytes a file really holds,
  /// never with the limit a caller allows or the size the file claims.
  static let chunkBytes = 64 << 10

  /// Reads up to `count` bytes (fewer at the end of the file; empty at the end). The buffer
  /// grows chunk by chunk as bytes arrive, so a small file read under a large limit costs its
  /// own size.
  func read(upTo count: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: min(max(count, 0), Self.chunkBytes))
    while bytes.count < count {
      let wanted = min(chunk.count, count - bytes.count)
      let got = chunk.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Foundation.read(descriptor, base, wanted)
      }
      if got < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw UsageError("\(path): read error: \(String(cString: strerror(errno)))")
      }
      if got == 0 { break }
      bytes.append(contentsOf: chunk[0..<got])
    }
    return bytes
  }

  /// Reads the whole file, refusing it as soon as more than `limit` bytes have been read.
  func readAll(limit: Int) throws -> [UInt8] {
    let bytes = try read(upTo: limit + 1)
    guard bytes.count <= limit else {
      throw UsageError("\(path): file is more than \(limit) bytes; the limit is \(limit) bytes")
    }
    return bytes
  }

  /// Closes the file.
  func close() { _ = Foundation.close(descriptor) }
}
