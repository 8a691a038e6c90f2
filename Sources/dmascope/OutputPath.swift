import Foundation

/// Where an output file really goes: the path checked before anything is written, so a run
/// never turns a device node, a fifo or a folder into a regular file, and never replaces a
/// symbolic link with a file.
struct OutputPath: Equatable {
  /// The path as the user gave it (for messages).
  let given: String
  /// The file that is written: the final target of a symbolic link, with the folder resolved.
  let target: String

  /// Checks `path`: it must be a regular file or not exist yet (in a folder that exists); a
  /// symbolic link is followed to its target, which must be one of those.
  init(_ path: String) throws {
    given = path
    guard !path.isEmpty else { throw UsageError("an output path is empty") }
    var status = stat()
    if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
      // Follow the link: write its regular-file target (or create the file it names).
      guard let resolved = realpath(path, nil) else {
        // A dangling link: create the file it points to, if its folder exists.
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, Int(PATH_MAX))
        guard length > 0 else { throw UsageError("\(path): cannot read the symbolic link") }
        let text = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let base = text.hasPrefix("/") ? text : Self.folder(of: path) + "/" + text
        target = try Self.checked(base, given: path)
        return
      }
      defer { free(resolved) }
      target = try Self.checked(String(cString: resolved), given: path)
      return
    }
    target = try Self.checked(path, given: path)
  }

  /// The folder part of a path (`.` for a bare name).
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// `path` with its folder resolved, after checking it is a regular file or absent.
  private static func checked(_ path: String, given: String) throws -> String {
    var status = stat()
    if stat(path, &status) == 0 {
      if let kind = InputFile.nonRegularKind(status.st_mode) {
        throw UsageError(
          "\(given): is \(kind); dmascope writes only regular files",
          hint: "name a new or existing regular file")
      }
    } else if errno != ENOENT {
      throw UsageError("\(given): cannot write: \(String(cString: strerror(errno)))")
    }
    let folder = folder(of: path)
    guard let resolved = realpath(folder, nil) else {
      throw UsageError(
        "\(given): cannot write: the folder \(folder) does not exist",
        hint: "create the folder first")
    }
    defer { free(resolved) }
    let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty, name != ".", name != ".." else {
      throw UsageError("\(given): names a folder, not a file")
    }
    let base = String(cString: resolved)
    return (base == "/" ? "" : base) + "/" + name
  }

  /// Refuses two outputs that would write one file (the later would silently replace the
  /// earlier), and an output that would replace one of the files the command reads (`inputs`:
  /// the scenario, recording or tree paths as given; names that are not files are skipped).
  static func refuseShared(
    _ outputs: [(option: String, path: OutputPath)], inputs: [String?] = []
  ) throws {
    for input in inputs.compactMap({ $0 }) {
      guard let resolved = realpath(input, nil) else { continue }
      let real = String(cString: resolved)
      free(resolved)
      for output in outputs where output.path.target == real {
        throw UsageError(
          "\(output.option) \(output.path.given) names the input file \(input)",
          hint: "write the output to another file; dmascope never replaces what it reads")
      }
    }
    for (index, output) in outputs.enumerated() {
      for earlier in outputs[..<index] where earlier.path.target == output.path.target {
        throw UsageError(
          "\(earlier.option) \(earlier.path.given) and \(output.option) \(output.path.given) "
            + "name the same file",
          hint: "give each output its own file")
      }
    }
  }

  /// Writes `text` atomically: a temporary file beside the target, then a rename over the
  /// target (a symbolic link given on the command line stays a link to the new file).
  func write(_ text: String) throws {
    // Check again at write time: the path may have changed since the options were read.
    let now = try OutputPath(given)
    let temporary = Self.folder(of: now.target) + "/.\(Self.name(of: now.target)).tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
      throw UsageError("\(given): cannot write (permissions?)")
    }
    var status = stat()
    if stat(now.target, &status) == 0 {
      // Keep the existing file's permission bits.
      _ = chmod(temporary, status.st_mode & 0o7777)
    }
    guard rename(temporary, now.target) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw UsageError("\(given): cannot replace the file")
    }
  }

  private static func name(of path: String) -> String {
    path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
  }
}
