/// The memory attribute of a mapping (arm64 MAIR index, `MT_*` in arch/arm64/include/asm/memory.h).
///
/// Each case is also one row of ARM32's cache/buffer table (seed 000): C=0 B=0 is
/// strongly-ordered (`deviceNGnRnE`), C=0 B=1 bufferable (`normalNonCacheable`, which is what
/// `pgprot_writecombine` and `pgprot_dmacoherent` give on both architectures), C=1 B=0
/// write-through, C=1 B=1 write-back. `device` (Device-nGnRE) is ARM32's shared device memory.
public enum MemoryType: Hashable, Sendable, CaseIterable {
  /// `MT_NORMAL`: Normal memory, inner/outer write-back cacheable (`PAGE_KERNEL`).
  case normalWriteBack
  /// Normal write-through cacheable. arm64 dropped `MT_NORMAL_WT` from its MAIR in v5.11; it
  /// stays here for ARM32's C=1 B=0 row (`L_PTE_MT_WRITETHROUGH`) and for boards that keep it.
  case normalWriteThrough
  /// `MT_NORMAL_NC`: Normal non-cacheable and bufferable; what `pgprot_dmacoherent` and
  /// `pgprot_writecombine` give. Stores may gather in a write buffer until a barrier.
  case normalNonCacheable
  /// `MT_DEVICE_nGnRE`: Device memory for MMIO (`ioremap`, `pgprot_device`): no gathering, no
  /// reordering; only the write acknowledgement may come early.
  case device
  /// `MT_DEVICE_nGnRnE`: strongly-ordered Device memory (`pgprot_noncached`, ARM32's C=0 B=0).
  case deviceNGnRnE

  /// The kernel's `MT_*` name.
  public var kernelName: String {
    switch self {
    case .normalWriteBack: "MT_NORMAL"
    case .normalWriteThrough: "MT_NORMAL_WT"
    case .normalNonCacheable: "MT_NORMAL_NC"
    case .device: "MT_DEVICE_nGnRE"
    case .deviceNGnRnE: "MT_DEVICE_nGnRnE"
    }
  }

  /// A short label for narrow views.
  public var shortName: String {
    switch self {
    case .normalWriteBack: "WB"
    case .normalWriteThrough: "WT"
    case .normalNonCacheable: "NC"
    case .device: "Dev"
    case .deviceNGnRnE: "SO"
    }
  }

  /// Whether CPU accesses through this attribute allocate into the data cache.
  public var isCacheable: Bool { self == .normalWriteBack || self == .normalWriteThrough }

  /// Whether stores may wait and merge in the write buffer (Normal non-cacheable: ARM32's B=1
  /// with C=0). Device memory never gathers.
  public var isBufferable: Bool { self == .normalNonCacheable }

  /// Whether this is Device memory (every access goes to the bus, in program order).
  public var isDevice: Bool { self == .device || self == .deviceNGnRnE }

  /// The AttrIndx field of a descriptor: the index into MAIR_EL1 that v6.16 assigns
  /// (`MT_NORMAL` 0, `MT_NORMAL_TAGGED` 1, `MT_NORMAL_NC` 2, `MT_DEVICE_nGnRnE` 3,
  /// `MT_DEVICE_nGnRE` 4); write-through, which current arm64 lacks, takes the free index 5.
  public var attrIndx: UInt64 {
    switch self {
    case .normalWriteBack: 0
    case .normalNonCacheable: 2
    case .deviceNGnRnE: 3
    case .device: 4
    case .normalWriteThrough: 5
    }
  }

  /// The MAIR_EL1 attribute byte at `attrIndx` (`MAIR_ATTR_*`).
  public var mairEncoding: UInt8 {
    switch self {
    case .normalWriteBack: 0xff
    case .normalWriteThrough: 0xbb
    case .normalNonCacheable: 0x44
    case .device: 0x04
    case .deviceNGnRnE: 0x00
    }
  }

  /// ARM32's C (cacheable) and B (bufferable) bits for this behaviour (seed 000's table).
  public var cacheBufferBits: (c: Bool, b: Bool) {
    switch self {
    case .normalWriteBack: (true, true)
    case .normalWriteThrough: (true, false)
    case .normalNonCacheable: (false, true)
    case .device, .deviceNGnRnE: (false, false)
    }
  }

  /// The ARM32 name of the behaviour (`L_PTE_MT_*` in arch/arm/include/asm/pgtable-2level.h).
  public var arm32Name: String {
    switch self {
    case .normalWriteBack: "L_PTE_MT_WRITEBACK"
    case .normalWriteThrough: "L_PTE_MT_WRITETHROUGH"
    case .normalNonCacheable: "L_PTE_MT_BUFFERABLE"
    case .device: "L_PTE_MT_DEV_SHARED"
    case .deviceNGnRnE: "L_PTE_MT_UNCACHED"
    }
  }

  /// The type whose ARM32 C and B bits are these.
  public static func arm32(c: Bool, b: Bool) -> MemoryType {
    switch (c, b) {
    case (false, false): .deviceNGnRnE
    case (false, true): .normalNonCacheable
    case (true, false): .normalWriteThrough
    case (true, true): .normalWriteBack
    }
  }

  /// The type whose AttrIndx is `index`, if the simulator knows it.
  public static func attrIndx(_ index: UInt64) -> MemoryType? {
    allCases.first { $0.attrIndx == index }
  }
}
