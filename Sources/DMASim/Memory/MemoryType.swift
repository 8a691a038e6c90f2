/// The memory attribute of a mapping (arm64 MAIR index, `MT_*` in arch/arm64/include/asm/memory.h).
public enum MemoryType: Hashable, Sendable, CaseIterable {
  /// `MT_NORMAL`: Normal memory, inner/outer write-back cacheable (`PAGE_KERNEL`).
  case normalWriteBack
  /// `MT_NORMAL_WT`: Normal memory, write-through cacheable.
  case normalWriteThrough
  /// `MT_NORMAL_NC`: Normal non-cacheable; what `pgprot_dmacoherent` and `pgprot_writecombine` give.
  case normalNonCacheable
  /// `MT_DEVICE_nGnRE`: Device memory for MMIO (`ioremap`); strongly ordered.
  case device

  /// The kernel's `MT_*` name.
  public var kernelName: String {
    switch self {
    case .normalWriteBack: "MT_NORMAL"
    case .normalWriteThrough: "MT_NORMAL_WT"
    case .normalNonCacheable: "MT_NORMAL_NC"
    case .device: "MT_DEVICE_nGnRE"
    }
  }

  /// A short label for narrow views.
  public var shortName: String {
    switch self {
    case .normalWriteBack: "WB"
    case .normalWriteThrough: "WT"
    case .normalNonCacheable: "NC"
    case .device: "Dev"
    }
  }

  /// Whether CPU accesses through this attribute allocate into the data cache.
  public var isCacheable: Bool { self == .normalWriteBack || self == .normalWriteThrough }
}
