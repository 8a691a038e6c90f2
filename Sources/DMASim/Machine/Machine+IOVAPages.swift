/// One range of a DMA domain's IOVA allocator as the views draw it.
public struct IOVARegion: Hashable, Sendable {
  /// The device whose domain it belongs to.
  public var device: String
  /// The allocator's range (`struct iova`).
  public var range: IOVARange
  /// Whether `free_iova_fast` put it in a range cache: freed by the driver, still in the tree
  /// until an allocation of its order reuses it.
  public var cached: Bool
  /// How many of its pages the IO page table maps now.
  public var mappedPages: Int

  /// The first IOVA of the range.
  public var start: UInt64 { range.pfnLo << 12 }
  /// Bytes the range spans.
  public var size: UInt64 { range.pages << 12 }
}

/// One mapped 4 KiB IOVA page: the address a device puts on the bus and the physical page the
/// IO page table sends it to.
public struct IOVAPage: Hashable, Sendable {
  /// The device whose domain maps it.
  public var device: String
  /// The IOVA of the page's first byte.
  public var iova: UInt64
  /// The physical page behind it.
  public var physical: PhysAddr
  /// Whether the device may write (read-only for a `DMA_TO_DEVICE` mapping).
  public var writable: Bool
  /// Whether the IOTLB holds the translation now.
  public var inIOTLB: Bool
}

extension Machine {
  /// Pages walked at most per question, so a huge range cannot stall a frame.
  static let iovaViewPageLimit = 4096

  /// The ranges of a device's IOVA allocator in IOVA order (reserved windows included), or
  /// an empty list for a device without an IOMMU. Reads state only.
  public func iovaRegions(device: String) -> [IOVARegion] {
    guard let domain = iommuDomain(for: device) else { return [] }
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
        device: device, range: range, cached: cachedPFNs.contains(range.pfnLo),
        mappedPages: mapped)
    }
  }

  /// The mapped pages of a device's IOVA space in `[iova, iova + size)`, in IOVA order.
  public func iovaPages(device: String, iova: UInt64, size: UInt64) -> [IOVAPage] {
    guard let context = iommuContext(for: device) else { return [] }
    let iommu = iommus[context.iommu]
    let domain = iommu.domains[context.domain]
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
          device: device, iova: at, physical: physical, writable: walk.writable,
          inIOTLB: iommu.iotlb.entries.contains {
            $0.contextBank == domain.contextBank && $0.iovaPage == at
          }))
      if at > UInt64.max - 0x1000 { break }
    }
    return pages
  }

  /// Every mapped IOVA page, in any device's domain, whose physical page overlaps
  /// `[physical, physical + size)`: how devices behind an IOMMU reach that memory. Ordered by
  /// IOMMU, domain and IOVA.
  public func iovaPages(mapping physical: PhysAddr, size: UInt64) -> [IOVAPage] {
    let first = physical.rawValue & ~0xfff
    let end = physical.rawValue &+ max(size, 1)
    var found: [IOVAPage] = []
    for iommu in iommus {
      for domain in iommu.domains where domain.mappedPages > 0 {
        for range in domain.iovad.ranges where !range.reserved {
          let pages = iovaPages(
            device: domain.device, iova: range.pfnLo << 12,
            size: min(range.pages, UInt64(Self.iovaViewPageLimit)) << 12)
          found += pages.filter { $0.physical.rawValue >= first && $0.physical.rawValue < end }
        }
      }
    }
    return found
  }
}
