/// An IOMMU counter an expectation can read.
public enum IOMMUCounter: String, Hashable, Sendable, CaseIterable {
  /// Translations the IOTLB answered.
  case iotlbHits = "iotlb_hits"
  /// Translations that needed a table walk.
  case iotlbMisses = "iotlb_misses"
  /// Translation faults (an unmapped IOVA or a write through a read-only PTE).
  case faults = "iommu_faults"
}

extension IOMMU {
  /// The value of a counter now.
  func value(of counter: IOMMUCounter) -> Int {
    switch counter {
    case .iotlbHits: return iotlb.hits
    case .iotlbMisses: return iotlb.misses
    case .faults: return faults
    }
  }

  /// How many pages of `[iova, iova + size)` domain `index` maps now (an `expect` term).
  func mappedPageCount(domain index: Int, device: String, iova: DMAAddr, size: UInt64) -> Int {
    view(domain: index, device: device, iova: iova, size: size).pages.filter {
      $0.physical != nil
    }.count
  }
}
