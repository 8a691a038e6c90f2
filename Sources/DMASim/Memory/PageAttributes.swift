/// The attribute fields of an arm64 stage-1 block or page descriptor (VMSAv8-64, 4K granule).
///
/// Bit positions: AttrIndx[4:2], AP[7:6], SH[9:8], AF 10, nG 11, output address [47:12],
/// DBM 51 (the kernel's `PTE_WRITE`), contiguous 52, PXN 53, UXN 54.
public struct PageAttributes: Hashable, Sendable {
  /// The shareability field.
  public enum Shareability: UInt64, Hashable, Sendable {
    /// 0b00.
    case nonShareable = 0
    /// 0b10.
    case outerShareable = 2
    /// 0b11 (`PTE_SHARED`, what `PROT_DEFAULT` sets).
    case innerShareable = 3
  }

  /// The memory type AttrIndx selects in MAIR_EL1.
  public var memoryType: MemoryType
  /// AP[2] clear: the kernel may write (`PTE_WRITE`/`PTE_DBM` also set, as v6.16 does).
  public var writable: Bool
  /// AP[1]: EL0 may access (never for the kernel mappings modelled here).
  public var userAccessible = false
  /// PXN: the kernel may not execute from it.
  public var privilegedExecuteNever = true
  /// UXN: user space may not execute from it.
  public var userExecuteNever = true
  /// SH.
  public var shareability = Shareability.innerShareable
  /// AF: the access flag (the kernel maps with it set).
  public var accessFlag = true
  /// nG: not global (`PTE_MAYBE_NG`, set when KPTI needs non-global kernel mappings).
  public var notGlobal = false

  /// Attributes for a kernel mapping of a memory type (`PAGE_KERNEL`, `PROT_DEVICE_*`,
  /// `pgprot_dmacoherent`: all PXN and UXN, inner shareable, AF set).
  public init(memoryType: MemoryType, writable: Bool = true) {
    self.memoryType = memoryType
    self.writable = writable
  }

  /// The attribute bits of a descriptor (everything but the type bits and the address).
  public var bits: UInt64 {
    var value = memoryType.attrIndx << 2
    if userAccessible { value |= 1 << 6 }
    if !writable { value |= 1 << 7 }
    value |= shareability.rawValue << 8
    if accessFlag { value |= 1 << 10 }
    if notGlobal { value |= 1 << 11 }
    if writable { value |= 1 << 51 }
    if privilegedExecuteNever { value |= 1 << 53 }
    if userExecuteNever { value |= 1 << 54 }
    return value
  }

  /// Decodes the attribute bits of a block or page descriptor; nil for an AttrIndx the
  /// simulator does not use.
  public init?(descriptor: UInt64) {
    guard let type = MemoryType.attrIndx((descriptor >> 2) & 7) else { return nil }
    memoryType = type
    writable = descriptor & (1 << 7) == 0
    userAccessible = descriptor & (1 << 6) != 0
    shareability = Shareability(rawValue: (descriptor >> 8) & 3) ?? .nonShareable
    accessFlag = descriptor & (1 << 10) != 0
    notGlobal = descriptor & (1 << 11) != 0
    privilegedExecuteNever = descriptor & (1 << 53) != 0
    userExecuteNever = descriptor & (1 << 54) != 0
  }

  /// The permissions as `ptdump` prints them (`RW NX SHD AF    UXN MEM/NORMAL`, shortened).
  public var summary: String {
    var parts = [writable ? "RW" : "ro"]
    if privilegedExecuteNever { parts.append("PXN") }
    if userExecuteNever { parts.append("UXN") }
    switch shareability {
    case .innerShareable: parts.append("SH=IS")
    case .outerShareable: parts.append("SH=OS")
    case .nonShareable: parts.append("SH=NS")
    }
    if accessFlag { parts.append("AF") }
    parts.append(notGlobal ? "nG" : "G")
    parts.append(memoryType.kernelName)
    return parts.joined(separator: " ")
  }
}
