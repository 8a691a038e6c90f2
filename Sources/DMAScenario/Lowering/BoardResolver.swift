import DMABoards
import DMASim
import DeviceTree

/// Resolves a scenario's `board` for the lowering: the hand-built boards (`minimal`, `soc`,
/// `soc8g`) and the built-in device-tree boards (`arm64-cma-soc`, ...) by name, and `.dtb` or
/// `.dts` files through `readFile`, which only the `dmascope` executable supplies (the
/// lowering never touches the file system).
public struct BoardResolver: Sendable {
  /// Reads a file's bytes; the path is already joined with the scenario's folder. Nil when
  /// files are not available (tests, recordings, the built-in lessons).
  public var readFile: (@Sendable (String) throws -> [UInt8])?

  /// Creates a resolver.
  public init(readFile: (@Sendable (String) throws -> [UInt8])?) { self.readFile = readFile }

  /// Built-in boards only.
  public static let builtIn = BoardResolver(readFile: nil)

  /// Every board name a scenario can use without a file.
  public static var builtInNames: [String] {
    Board.builtIn.map(\.name) + BuiltInBoard.all.map(\.name)
  }

  /// Why a board could not be resolved: a message and a hint.
  public struct Failure: Error, Hashable, Sendable {
    /// What went wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?
  }

  /// A built-in board by name, booted with `commandLine` (nil: the tree's own bootargs).
  /// Returns nil for an unknown name.
  func builtIn(_ name: String, commandLine: String?, profile: BootProfile = .arm64)
    throws(Failure) -> Board?
  {
    if var board = Board.builtIn.first(where: { $0.name == name }), commandLine == nil {
      // A hand-built board boots no tree, but the machine still follows the release.
      board.kernel = profile.kernel
      return board
    }
    if Board.builtIn.contains(where: { $0.name == name }) {
      throw Failure(
        message: "board `\(name)` is built by hand and has no kernel command line",
        hint: "`cmdline` needs a device-tree board: "
          + BuiltInBoard.all.map(\.name).joined(separator: ", "))
    }
    do {
      guard let loaded = try BoardLoader.builtIn(name, commandLine: commandLine) else {
        return nil
      }
      return try loaded.board(profile: profile).board
    } catch let error as CommandLineError {
      throw Failure(message: "bad kernel command line: \(error.message)", hint: error.hint)
    } catch {
      throw Failure(message: "built-in board `\(name)` does not boot: \(error)", hint: nil)
    }
  }

  /// A board from a `.dtb` or `.dts` file, relative to the scenario file's folder.
  func file(
    _ path: String, scenarioFile: String, commandLine: String?, profile: BootProfile = .arm64
  ) throws(Failure) -> Board {
    guard let readFile else {
      throw Failure(
        message: "cannot read board file `\(path)` here",
        hint: "board files are read by `dmascope run` and `dmascope check`; built-in boards: "
          + Self.builtInNames.joined(separator: ", "))
    }
    let fullPath = Self.join(path, relativeTo: scenarioFile)
    let bytes: [UInt8]
    do {
      bytes = try readFile(fullPath)
    } catch {
      throw Failure(
        message: "cannot read board file `\(fullPath)`: \(Self.firstLine(error))",
        hint: "the path is relative to the scenario's folder; use a .dtb or a self-contained .dts")
    }
    do {
      let loaded = try BoardLoader.file(bytes, fileName: path, commandLine: commandLine)
      let board = try loaded.board(profile: profile).board
      guard !board.dram.isEmpty, board.kernelReserved.size >= 4 << 20 else {
        throw Failure(
          message: "board file `\(path)` describes no usable memory",
          hint: "scenarios need a /memory node (firmware fills it in on some boards); add one")
      }
      return board
    } catch let error as Failure {
      throw error
    } catch let error as DeviceTreeError {
      throw Failure(message: "bad device tree: \(Self.firstLine(error))", hint: error.hint)
    } catch let error as CommandLineError {
      throw Failure(message: "bad kernel command line: \(error.message)", hint: error.hint)
    } catch {
      throw Failure(message: "board file `\(path)` does not boot: \(error)", hint: nil)
    }
  }

  /// The first line of an error's description (its hint is shown on its own).
  static func firstLine(_ error: any Error) -> String {
    String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
  }

  /// `path` joined with the folder of `file` unless it is absolute.
  static func join(_ path: String, relativeTo file: String) -> String {
    guard !path.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return path }
    return String(file[...slash]) + path
  }
}
