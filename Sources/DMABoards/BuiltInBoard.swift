/// A board shipped inside dmascope (its source is mirrored in `demos/boards/`).
public struct BuiltInBoard: Hashable, Sendable {
  /// Name used on the command line (`arm64-cma-soc`).
  public var name: String
  /// One-line summary.
  public var summary: String
  /// The self-contained device tree source.
  public var source: String

  /// The file name under `demos/boards/`.
  public var fileName: String { name + ".dts" }

  /// Every built-in board, default first.
  public static let all: [BuiltInBoard] = [arm64CMASoC, arm64IOMMUSoC, arm64DMA24SoC]

  /// The board with a name.
  public static func named(_ name: String) -> BuiltInBoard? { all.first { $0.name == name } }
}
