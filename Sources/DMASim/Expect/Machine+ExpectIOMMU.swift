/// An IOMMU counter an expectation can read.
public enum IOMMUCounter: String, Hashable, Sendable, CaseIterable {
  /// Translations the IOTLB answered.
  case iotlbHits = "iotlb_hits"
  /// Translations that needed a table walk.
  case iotlbMisses = "iotlb_misses"
  /// Translation faults (an unmapped IOVA or a write through a read-only PTE).
  case faults = "iommu_faults"
}

extension Machine {
  /// Reads the IOMMU terms of an expectation: nothing changes (no IOTLB hit or miss counted).
  func observeIOMMU(_ term: ExpectTerm) -> ObservedValue {
    switch term {
    case .iovaToPhys(let device, let handle, let offset):
      guard let context = iommuContext(for: device) else {
        return .unavailable("\(device) is not behind an IOMMU")
      }
      guard case .dmaAddress(let iova) = cpu.variables[handle] else {
        return .unavailable("\(handle) is not a dma_addr_t")
      }
      return .address(iovaToPhys(context, iova.rawValue &+ offset)?.rawValue ?? 0)
    case .iovaMappedPages(let device, let handle, let length):
      guard case .dmaAddress(let iova) = cpu.variables[handle] else {
        return .unavailable("\(handle) is not a dma_addr_t")
      }
      guard let view = iommuView(device: device, iova: iova, size: length) else {
        return .unavailable("\(device) is not behind an IOMMU")
      }
      return .integer(Int64(view.pages.filter { $0.physical != nil }.count))
    case .iommuCounter(let device, let counter):
      guard let iommu = iommu(for: device) else {
        return .unavailable("\(device) is not behind an IOMMU")
      }
      switch counter {
      case .iotlbHits: return .integer(Int64(iommu.iotlb.hits))
      case .iotlbMisses: return .integer(Int64(iommu.iotlb.misses))
      case .faults: return .integer(Int64(iommu.faults))
      }
    default: return .unavailable("not an IOMMU term")
    }
  }
}
