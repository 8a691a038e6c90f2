/// A device on the board, by its index in `Board.devices` (board order, which is also the
/// order of `Machine.peripherals` and `Machine.dmaMasks`).
public struct DeviceID: Hashable, Sendable, Comparable {
  /// The index in `Board.devices`.
  public var index: Int

  /// Names a device by its board index.
  public init(_ index: Int) { self.index = index }

  /// Orders by board index.
  public static func < (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.index < rhs.index }
}
