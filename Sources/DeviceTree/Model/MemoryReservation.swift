/// One entry of the memory reservation block (`/memreserve/ address size;`).
public struct MemoryReservation: Hashable, Sendable {
  /// Physical address.
  public var address: UInt64
  /// Length in bytes.
  public var size: UInt64

  /// Creates a reservation.
  public init(address: UInt64, size: UInt64) {
    self.address = address
    self.size = size
  }
}
