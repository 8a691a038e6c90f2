extension IOMMU {
  /// The IOVA rules of each of this IOMMU's DMA domains: the allocated and reserved ranges
  /// never overlap; each pfn in a range cache starts an allocated range of exactly that order's
  /// size and is cached once; every page the IO page table maps lies in an allocated range that is not cached
  /// (freed); and the domain's count of mapped pages is the table's.
  func iovaViolations() -> [String] {
    var problems: [String] = []
    for domain in domains {
      let name = "\(spec.name) \(domain.device)"
      let iovad = domain.iovad
      let ranges = iovad.ranges
      for (index, range) in ranges.enumerated() {
        if range.pfnLo > range.pfnHi {
          problems.append(
            "\(name): IOVA range pfn \(Hex.prefixed(range.pfnLo)) ends before it starts")
        }
        if index + 1 < ranges.count, ranges[index + 1].pfnLo <= range.pfnHi {
          problems.append(
            "\(name): IOVA ranges at pfn \(Hex.prefixed(range.pfnLo)) and "
              + "\(Hex.prefixed(ranges[index + 1].pfnLo)) overlap")
        }
      }
      var cachedPFNs: Set<UInt64> = []
      for (order, cache) in iovad.rangeCaches.enumerated() {
        for pfn in cache.all {
          if !cachedPFNs.insert(pfn).inserted {
            problems.append("\(name): pfn \(Hex.prefixed(pfn)) is cached twice")
          }
          guard let range = iovad.find(pfn: pfn), range.pfnLo == pfn, !range.reserved,
            range.pages == 1 << UInt64(order)
          else {
            problems.append(
              "\(name): order-\(order) range cache holds pfn \(Hex.prefixed(pfn)), which "
                + "starts no allocated range of \(1 << order) page(s)")
            continue
          }
        }
      }
      let mapped = domain.pageTable?.mappedIOVAs() ?? []
      if mapped.count != domain.mappedPages {
        problems.append(
          "\(name): the IO page table maps \(mapped.count) page(s), the domain counts "
            + "\(domain.mappedPages)")
      }
      for iova in mapped {
        guard let range = iovad.find(pfn: iova >> 12), !range.reserved,
          !cachedPFNs.contains(range.pfnLo)
        else {
          problems.append(
            "\(name): IOVA \(Hex.prefixed(iova)) is mapped but not in an allocated range")
          continue
        }
      }
    }
    return problems
  }
}
