/// A kernel memory barrier (arch/arm64/include/asm/barrier.h, arch/arm/include/asm/barrier.h).
public enum MemoryBarrier: String, Hashable, Sendable, CaseIterable {
  /// `wmb()`: orders and completes earlier stores before later ones (`dsb st`).
  case wmb
  /// `rmb()`: earlier loads complete before later ones (`dsb ld`).
  case rmb
  /// `mb()`: a full barrier (`dsb sy`).
  case mb
  /// `dma_wmb()`: stores to coherent memory are observed by a device before later stores
  /// (`dmb oshst`).
  case dmaWmb = "dma_wmb"
  /// `dma_rmb()`: loads from coherent memory are ordered before later loads (`dmb oshld`).
  case dmaRmb = "dma_rmb"

  /// The kernel function name.
  public var kernelName: String { rawValue }

  /// The instruction the barrier compiles to on an architecture.
  public func instruction(_ architecture: Architecture) -> String {
    switch (self, architecture) {
    case (.wmb, .arm64): "dsb st"
    case (.rmb, .arm64): "dsb ld"
    case (.mb, .arm64): "dsb sy"
    case (.dmaWmb, .arm64): "dmb oshst"
    case (.dmaRmb, .arm64): "dmb oshld"
    // ARMv7 (CONFIG_ARM_DMA_MEM_BUFFERABLE): wmb/mb add the outer-cache sync.
    case (.wmb, .arm32): "dsb st; outer_sync"
    case (.rmb, .arm32): "dsb"
    case (.mb, .arm32): "dsb; outer_sync"
    case (.dmaWmb, .arm32): "dmb oshst"
    case (.dmaRmb, .arm32): "dmb osh"
    }
  }

  /// Whether the barrier waits for buffered stores (the write buffer drains); `rmb` and
  /// `dma_rmb` order loads only.
  public var ordersStores: Bool { self == .wmb || self == .mb || self == .dmaWmb }
}

/// How a physical range is remapped into the kernel's address space.
public enum RemapKind: String, Hashable, Sendable, CaseIterable {
  /// `ioremap`: Device-nGnRE (`PROT_DEVICE_nGnRE`).
  case ioremap
  /// `ioremap_wc`: Normal non-cacheable (`pgprot_writecombine`).
  case ioremapWC = "ioremap_wc"
  /// `ioremap_np`: Device-nGnRnE, non-posted (`PROT_DEVICE_nGnRnE`).
  case ioremapNP = "ioremap_np"
  /// `memremap(…, MEMREMAP_WB)`: the linear map for RAM, else `ioremap_cache` (`PROT_NORMAL`).
  case memremapWB = "MEMREMAP_WB"
  /// `memremap(…, MEMREMAP_WC)`: `ioremap_wc`; refused on RAM.
  case memremapWC = "MEMREMAP_WC"

  /// The kernel function called.
  public var kernelName: String {
    switch self {
    case .ioremap, .ioremapWC, .ioremapNP: rawValue
    case .memremapWB, .memremapWC: "memremap"
    }
  }

  /// The memory type of a new mapping of this kind.
  public var memoryType: MemoryType {
    switch self {
    case .ioremap: .device
    case .ioremapWC, .memremapWC: .normalNonCacheable
    case .ioremapNP: .deviceNGnRnE
    case .memremapWB: .normalWriteBack
    }
  }
}
