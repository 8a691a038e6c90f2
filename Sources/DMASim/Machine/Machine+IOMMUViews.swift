extension Machine {
  /// The DMA domain of a device behind an IOMMU (its IOVA allocator, IO page table and
  /// context bank), or nil for a device without one.
  public func iommuDomain(for device: String) -> IOMMUDomain? {
    iommuContext(for: device).map { iommus[$0.iommu].domains[$0.domain] }
  }

  /// The IOMMU a device sits behind (with its IOTLB contents and counters), or nil.
  public func iommu(for device: String) -> IOMMU? {
    iommuContext(for: device).map { iommus[$0.iommu] }
  }

  /// The IOMMU's view of `[iova, iova + size)` in a device's domain: every page with its
  /// walk, permission and IOTLB presence. Nil for a device without an IOMMU. Reads state only
  /// (an IOTLB lookup here counts no hit or miss).
  public func iommuView(device: String, iova: DMAAddr, size: UInt64) -> IOMMUMappingView? {
    guard let context = iommuContext(for: device) else { return nil }
    let iommu = iommus[context.iommu]
    let domain = iommu.domains[context.domain]
    let first = iova.rawValue & ~0xfff
    let end = iova.rawValue &+ max(size, 1)
    var pages: [IOMMUMappingView.Page] = []
    var at = first
    while at < end, pages.count < 1 << 16 {
      let walk =
        domain.pageTable?.walk(at)
        ?? IOPageTableWalk(descriptors: [0], faultLevel: 0, tableIndex: nil)
      pages.append(
        IOMMUMappingView.Page(
          iova: at, physical: walk.physical, descriptors: walk.descriptors,
          writable: walk.writable,
          inIOTLB: iommu.iotlb.entries.contains {
            $0.contextBank == domain.contextBank && $0.iovaPage == at
          }))
      at += 0x1000
    }
    return IOMMUMappingView(
      iommu: iommu.spec.kernelName, device: device, contextBank: domain.contextBank,
      iova: iova.rawValue, size: size, allocation: domain.iovad.find(pfn: iova.rawValue >> 12),
      pages: pages)
  }

  /// The IOMMU's view of a live streaming mapping (its handle is the IOVA), or nil when the
  /// device has no IOMMU.
  public func iommuView(of mapping: StreamingMapping) -> IOMMUMappingView? {
    iommuView(device: mapping.device, iova: mapping.handle, size: mapping.size)
  }
}
