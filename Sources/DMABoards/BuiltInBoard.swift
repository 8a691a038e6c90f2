/// A board shipped inside dmascope. Its only copy is `demos/boards/NAME.dts`; the EmbedDemos
/// build-tool plugin generates `all` and one constant per board (`arm64CmaSoc`) from
/// `demos/boards/boards.list` and those files at build time.
public struct BuiltInBoard: Hashable, Sendable {
  /// Name used on the command line (`arm64-cma-soc`).
  public var name: String
  /// One-line summary.
  public var summary: String
  /// The self-contained device tree source, byte for byte the file.
  public var source: String

  /// The file name under `demos/boards/`.
  public var fileName: String { name + ".dts" }

  /// The board with a name.
  public static func named(_ name: String) -> BuiltInBoard? { all.first { $0.name == name } }
}
