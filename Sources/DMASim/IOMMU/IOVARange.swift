/// One allocated or reserved range of an IOVA domain (`struct iova`), in IOVA page frames.
public struct IOVARange: Hashable, Sendable {
  /// `pfn_lo`: the first page frame.
  public var pfnLo: UInt64
  /// `pfn_hi`: the last page frame (inclusive).
  public var pfnHi: UInt64
  /// Whether `reserve_iova` made it (a window no mapping may use) rather than `alloc_iova`.
  public var reserved: Bool

  /// Creates a range.
  public init(pfnLo: UInt64, pfnHi: UInt64, reserved: Bool = false) {
    self.pfnLo = pfnLo
    self.pfnHi = pfnHi
    self.reserved = reserved
  }

  /// Number of page frames.
  public var pages: UInt64 { pfnHi - pfnLo + 1 }
}
