import DMASim
import DeviceTree

/// Turns a board argument into a tree and a boot description: a built-in board by name, or
/// the bytes of a `.dtb` or `.dts` file (the caller reads files).
public enum BoardLoader {
  /// A loaded board.
  public struct Loaded: Sendable {
    /// The name or file shown in reports.
    public var name: String
    /// The tree.
    public var tree: DeviceTree
    /// The boot description.
    public var description: BootDescription
  }

  /// Loads a built-in board; nil for an unknown name.
  public static func builtIn(_ name: String, commandLine: String? = nil) throws -> Loaded? {
    guard let board = BuiltInBoard.named(name) else { return nil }
    let tree = try DeviceTreeSource.parse(board.source, fileName: board.fileName)
    return Loaded(
      name: board.name, tree: tree,
      description: BootDescriptionBuilder.build(tree, commandLine: commandLine))
  }

  /// Loads file contents (blob or source).
  public static func file(_ bytes: [UInt8], fileName: String, commandLine: String? = nil) throws
    -> Loaded
  {
    let tree = try DeviceTree.load(bytes, fileName: fileName)
    return Loaded(
      name: fileName, tree: tree,
      description: BootDescriptionBuilder.build(tree, commandLine: commandLine))
  }
}
