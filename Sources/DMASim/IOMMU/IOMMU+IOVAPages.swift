extension IOMMU {
  /// Pages walked at most per question, so a huge range cannot stall a frame.
  static let iovaViewPageLimit = 4096

  /// The ranges of domain `index`'s IOVA allocator in IOVA order (reserved windows included).
  /// Reads state only.
  func iovaRegions(domain index: Int) -> [IOVARegion] {
    let domain = domains[index]
    var cachedPFNs: [UInt64] = []
    for cache in domain.iovad.rangeCaches { cachedPFNs += cache.all }
    return domain.iovad.ranges.map { range in
      var mapped = 0
      if !range.reserved, let table = domain.pageTable {
        var pfn = range.pfnLo
        while pfn <= range.pfnHi, pfn - range.pfnLo < UInt64(Self.iovaViewPageLimit) {
          if table.walk(pfn << 12).physical != nil { mapped += 1 }
          pfn += 1
        }
      }
      return IOVARegion(
        device: domain.device, range: range, cached: cachedPFNs.contains(range.pfnLo),
        mappedPages: mapped)
    }
  }

  /// The mapped pages of domain `index`'s IOVA space in `[iova, iova + size)`, in IOVA order.
  func iovaPages(domain index: Int, iova: UInt64, size: UInt64) -> [IOVAPage] {
    let domain = domains[index]
    guard let table = domain.pageTable else { return [] }
    var pages: [IOVAPage] = []
    var at = iova & ~0xfff
    let end = iova &+ max(size, 1)
    var walked = 0
    while at < end, walked < Self.iovaViewPageLimit {
      defer {
        at &+= 0x1000
        walked += 1
      }
      let walk = table.walk(at)
      guard let physical = walk.physical else { continue }
      pages.append(
        IOVAPage(
          device: domain.device, iova: at, physical: physical, writable: walk.writable,
          inIOTLB: iotlb.entries.contains {
            $0.contextBank == domain.contextBank && $0.iovaPage == at
          }))
      if at > UInt64.max - 0x1000 { break }
    }
    return pages
  }

  /// Every mapped IOVA page, in any of this IOMMU's domains, whose physical page overlaps
  /// `[physical, physical + size)`: how its devices reach that memory. Ordered by domain and
  /// IOVA.
  func iovaPages(mapping physical: PhysAddr, size: UInt64) -> [IOVAPage] {
    let first = physical.rawValue & ~0xfff
    let end = physical.rawValue &+ max(size, 1)
    var found: [IOVAPage] = []
    for (index, domain) in domains.enumerated() where domain.mappedPages > 0 {
      for range in domain.iovad.ranges where !range.reserved {
        let pages = iovaPages(
          domain: index, iova: range.pfnLo << 12,
          size: min(range.pages, UInt64(Self.iovaViewPageLimit)) << 12)
        found += pages.filter { $0.physical.rawValue >= first && $0.physical.rawValue < end }
      }
    }
    return found
  }
}
