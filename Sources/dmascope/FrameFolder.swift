import Foundation

/// The `--frames DIR` folder: created if missing; an existing one may hold only frames of an
/// earlier run (`frame-NNNNN.txt`), which are removed so no stale frame outlives the new run.
enum FrameFolder {
  /// The file name of frame `index` (`frame-00042.txt`).
  static func name(_ index: Int) -> String {
    let number = String(index)
    return "frame-" + String(repeating: "0", count: max(0, 5 - number.count)) + number + ".txt"
  }

  /// Whether a file name is one `name(_:)` gives.
  static func isFrameName(_ name: String) -> Bool {
    guard name.hasPrefix("frame-"), name.hasSuffix(".txt") else { return false }
    let digits = name.dropFirst(6).dropLast(4)
    return digits.count >= 5 && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// Creates the folder or empties it of earlier frames; returns how many were removed.
  static func prepare(_ directory: String) throws -> Int {
    var status = stat()
    guard stat(directory, &status) == 0 else {
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw UsageError("\(directory): cannot create the folder")
      }
      return 0
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw UsageError(
        "\(directory): --frames needs a folder, and this is not one",
        hint: "name a new folder or one holding only frame-NNNNN.txt files")
    }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
      throw UsageError("\(directory): cannot list the folder")
    }
    let others = names.filter { !isFrameName($0) }.sorted()
    guard others.isEmpty else {
      throw UsageError(
        "\(directory): the folder holds \(others.count) file(s) that are not frames "
          + "(\(others.prefix(3).joined(separator: ", ")))",
        hint: "name a new folder or one holding only frame-NNNNN.txt files")
    }
    for name in names {
      do { try FileManager.default.removeItem(atPath: directory + "/" + name) } catch {
        throw UsageError("\(directory)/\(name): cannot remove the old frame")
      }
    }
    return names.count
  }
}
