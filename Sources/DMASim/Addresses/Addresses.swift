/// A CPU virtual address, as the kernel sees it through its page tables.
public struct VirtAddr: RawRepresentable, Hashable, Comparable, Sendable {
  /// The address bits.
  public var rawValue: UInt64
  /// Wraps raw address bits.
  public init(rawValue: UInt64) { self.rawValue = rawValue }
  /// Wraps raw address bits.
  public init(_ rawValue: UInt64) { self.rawValue = rawValue }
  /// Orders addresses numerically.
  public static func < (lhs: VirtAddr, rhs: VirtAddr) -> Bool { lhs.rawValue < rhs.rawValue }
  /// The address `bytes` further on.
  public func advanced(by bytes: UInt64) -> VirtAddr { VirtAddr(rawValue &+ bytes) }
  /// The address as a kernel-style 16-digit hexadecimal string.
  public var hex: String { Hex.format(rawValue, digits: 16) }
}

/// A physical address on the system bus (`phys_addr_t`).
public struct PhysAddr: RawRepresentable, Hashable, Comparable, Sendable {
  /// The address bits.
  public var rawValue: UInt64
  /// Wraps raw address bits.
  public init(rawValue: UInt64) { self.rawValue = rawValue }
  /// Wraps raw address bits.
  public init(_ rawValue: UInt64) { self.rawValue = rawValue }
  /// Orders addresses numerically.
  public static func < (lhs: PhysAddr, rhs: PhysAddr) -> Bool { lhs.rawValue < rhs.rawValue }
  /// The address `bytes` further on.
  public func advanced(by bytes: UInt64) -> PhysAddr { PhysAddr(rawValue &+ bytes) }
  /// The page frame number of this address (4 KiB pages).
  public var pfn: UInt64 { rawValue >> 12 }
  /// The address as a kernel-style `%pa` string (0x and 16 digits).
  public var hex: String { "0x" + Hex.format(rawValue, digits: 16) }
}

/// An address as a device sees it on its bus (`dma_addr_t`): physical, offset, or an IOVA.
public struct DMAAddr: RawRepresentable, Hashable, Comparable, Sendable {
  /// The address bits.
  public var rawValue: UInt64
  /// Wraps raw address bits.
  public init(rawValue: UInt64) { self.rawValue = rawValue }
  /// Wraps raw address bits.
  public init(_ rawValue: UInt64) { self.rawValue = rawValue }
  /// Orders addresses numerically.
  public static func < (lhs: DMAAddr, rhs: DMAAddr) -> Bool { lhs.rawValue < rhs.rawValue }
  /// The address `bytes` further on.
  public func advanced(by bytes: UInt64) -> DMAAddr { DMAAddr(rawValue &+ bytes) }
  /// `DMA_MAPPING_ERROR`: the all-ones `dma_addr_t` a failed mapping returns.
  public static let mappingError = DMAAddr(UInt64.max)
  /// The address as `%pad` prints it (0x and 16 digits).
  public var hex: String { "0x" + Hex.format(rawValue, digits: 16) }
}
