/// The `IOMMU_*` protection flags of include/linux/iommu.h that `dma_info_to_prot` builds.
public struct IOMMUProtection: OptionSet, Hashable, Sendable {
  /// The flag bits.
  public var rawValue: Int
  /// Wraps flag bits.
  public init(rawValue: Int) { self.rawValue = rawValue }
  /// `IOMMU_READ`: the device may read.
  public static let read = IOMMUProtection(rawValue: 1 << 0)
  /// `IOMMU_WRITE`: the device may write.
  public static let write = IOMMUProtection(rawValue: 1 << 1)
  /// `IOMMU_CACHE`: the device is coherent, so the mapping is cacheable (inner shareable).
  public static let cache = IOMMUProtection(rawValue: 1 << 2)

  /// `dma_info_to_prot(dir, coherent, attrs)` without attributes: `IOMMU_CACHE` for a coherent
  /// device, then read for `DMA_TO_DEVICE`, write for `DMA_FROM_DEVICE`, both for
  /// `DMA_BIDIRECTIONAL`, and nothing at all for `DMA_NONE`.
  public static func forDMA(_ direction: DMADataDirection, coherent: Bool) -> IOMMUProtection {
    let base: IOMMUProtection = coherent ? .cache : []
    switch direction {
    case .bidirectional: return base.union([.read, .write])
    case .toDevice: return base.union(.read)
    case .fromDevice: return base.union(.write)
    case .none: return []
    }
  }

  /// The flags as the kernel would name them (`IOMMU_READ|IOMMU_CACHE`), or `0`.
  public var kernelText: String {
    let names = [
      (IOMMUProtection.read, "IOMMU_READ"), (.write, "IOMMU_WRITE"), (.cache, "IOMMU_CACHE"),
    ]
    .filter { contains($0.0) }.map(\.1)
    return names.isEmpty ? "0" : names.joined(separator: "|")
  }
}
