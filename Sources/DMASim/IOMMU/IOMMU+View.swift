extension IOMMU {
  /// This IOMMU's view of `[iova, iova + size)` in domain `index` (a device's DMA domain):
  /// every page with its walk, permission and IOTLB presence. Reads state only (an IOTLB
  /// lookup here counts no hit or miss).
  public func view(domain index: Int, device: String, iova: DMAAddr, size: UInt64)
    -> IOMMUMappingView
  {
    let domain = domains[index]
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
          inIOTLB: iotlb.entries.contains {
            $0.contextBank == domain.contextBank && $0.iovaPage == at
          }))
      at += 0x1000
    }
    return IOMMUMappingView(
      iommu: spec.kernelName, device: device, contextBank: domain.contextBank,
      iova: iova.rawValue, size: size, allocation: domain.iovad.find(pfn: iova.rawValue >> 12),
      pages: pages)
  }
}
