/// Bounds that keep reading hostile input cheap: a corrupt or malicious tree gives an error
/// instead of exhausting memory, the stack or time.
public struct DeviceTreeLimits: Hashable, Sendable {
  /// The largest input accepted, in bytes.
  public var maximumBytes: Int
  /// The deepest node nesting accepted (the root is depth 1).
  public var maximumDepth: Int
  /// The most nodes accepted.
  public var maximumNodes: Int
  /// The most properties accepted, over the whole tree.
  public var maximumProperties: Int
  /// The most `/memreserve/` entries accepted.
  public var maximumReservations: Int
  /// The deepest parenthesis nesting accepted in a source cell expression.
  public var maximumExpressionDepth: Int

  /// Creates limits.
  public init(
    maximumBytes: Int, maximumDepth: Int, maximumNodes: Int, maximumProperties: Int,
    maximumReservations: Int, maximumExpressionDepth: Int
  ) {
    self.maximumBytes = maximumBytes
    self.maximumDepth = maximumDepth
    self.maximumNodes = maximumNodes
    self.maximumProperties = maximumProperties
    self.maximumReservations = maximumReservations
    self.maximumExpressionDepth = maximumExpressionDepth
  }

  /// Generous defaults: 16 MiB, depth 64 (the kernel's `FDT_MAX_DEPTH`), 200000 nodes,
  /// 2000000 properties, 4096 reservations, expression depth 64.
  public static let standard = DeviceTreeLimits(
    maximumBytes: 16 << 20, maximumDepth: 64, maximumNodes: 200_000,
    maximumProperties: 2_000_000, maximumReservations: 4096, maximumExpressionDepth: 64)
}
