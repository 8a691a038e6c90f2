/// Where a device's DMA domain lives: the IOMMU and the domain within it.
struct IOMMUContext: Hashable, Sendable {
  /// Index in `Machine.iommus`.
  var iommu: Int
  /// Index in that IOMMU's `domains`.
  var domain: Int
}

/// The IOMMU entry points of the machine: each lends the IOMMU out (`withIOMMU`) and passes
/// the machine as its `IOMMUBus`. The behaviour is in `IOMMU` and `IOMMUDomain`.
extension Machine {
  /// Runs `body` on one IOMMU with the machine as its bus. The IOMMUs are lent out of the
  /// machine meanwhile, so nothing on the bus side may read `iommus`.
  mutating func withIOMMU<Result>(
    _ index: Int, _ body: (inout IOMMU, inout Machine) -> Result
  ) -> Result {
    var lent = iommus
    iommus = []
    let result = body(&lent[index], &self)
    iommus = lent
    return result
  }

  /// The IOMMU and domain a device sits behind, or nil for a device that masters physical
  /// addresses (dma-direct).
  func iommuContext(for device: String) -> IOMMUContext? {
    guard let spec = board.device(named: device), let name = spec.iommu,
      let iommu = iommus.firstIndex(where: { $0.spec.name == name }),
      let domain = iommus[iommu].domainIndex(for: device)
    else { return nil }
    return IOMMUContext(iommu: iommu, domain: domain)
  }

  /// The DMA domain of a device behind an IOMMU (its IOVA allocator, IO page table and
  /// context bank), or nil for a device without one.
  public func iommuDomain(for device: String) -> IOMMUDomain? {
    iommuContext(for: device).map { iommus[$0.iommu].domains[$0.domain] }
  }

  /// The IOMMU a device sits behind (with its IOTLB contents and counters), or nil.
  public func iommu(for device: String) -> IOMMU? {
    iommuContext(for: device).map { iommus[$0.iommu] }
  }

  /// The IOMMU's view of `[iova, iova + size)` in a device's domain (`IOMMU.view`), or nil
  /// for a device without an IOMMU.
  public func iommuView(device: String, iova: DMAAddr, size: UInt64) -> IOMMUMappingView? {
    iommuContext(for: device).map {
      iommus[$0.iommu].view(domain: $0.domain, device: device, iova: iova, size: size)
    }
  }

  /// The IOMMU's view of a live streaming mapping (its handle is the IOVA), or nil when the
  /// device has no IOMMU.
  public func iommuView(of mapping: StreamingMapping) -> IOMMUMappingView? {
    iommuView(device: mapping.device, iova: mapping.handle, size: mapping.size)
  }

  /// The ranges of a device's IOVA allocator in IOVA order (reserved windows included), or
  /// an empty list for a device without an IOMMU (`IOMMU.iovaRegions`). Reads state only.
  public func iovaRegions(device: String) -> [IOVARegion] {
    iommuContext(for: device).map { iommus[$0.iommu].iovaRegions(domain: $0.domain) } ?? []
  }

  /// The mapped pages of a device's IOVA space in `[iova, iova + size)`, in IOVA order.
  public func iovaPages(device: String, iova: UInt64, size: UInt64) -> [IOVAPage] {
    iommuContext(for: device).map {
      iommus[$0.iommu].iovaPages(domain: $0.domain, iova: iova, size: size)
    } ?? []
  }

  /// Every mapped IOVA page, in any device's domain, whose physical page overlaps
  /// `[physical, physical + size)`: how devices behind an IOMMU reach that memory. Ordered by
  /// IOMMU, domain and IOVA.
  public func iovaPages(mapping physical: PhysAddr, size: UInt64) -> [IOVAPage] {
    iommus.flatMap { $0.iovaPages(mapping: physical, size: size) }
  }

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
      guard let context = iommuContext(for: device) else {
        return .unavailable("\(device) is not behind an IOMMU")
      }
      return .integer(
        Int64(
          iommus[context.iommu].mappedPageCount(
            domain: context.domain, device: device, iova: iova, size: length)))
    case .iommuCounter(let device, let counter):
      guard let iommu = iommu(for: device) else {
        return .unavailable("\(device) is not behind an IOMMU")
      }
      return .integer(Int64(iommu.value(of: counter)))
    default: return .unavailable("not an IOMMU term")
    }
  }

  /// The boot log of the IOMMUs (`IOMMU.logProbe`).
  mutating func bootIOMMUs() {
    for iommu in iommus { iommu.logProbe(bus: &self) }
  }

  /// `iommu_dma_alloc_iova` in a device's domain (`IOMMU.allocIOVA`).
  mutating func allocIOVA(_ context: IOMMUContext, size: UInt64, dmaLimit: UInt64) -> UInt64? {
    withIOMMU(context.iommu) {
      $0.allocIOVA(domain: context.domain, size: size, dmaLimit: dmaLimit, bus: &$1)
    }
  }

  /// Gives back the IOVA range of a map that failed (`IOMMU.releaseIOVA`).
  mutating func releaseIOVA(_ context: IOMMUContext, iova: UInt64, size: UInt64) {
    iommus[context.iommu].releaseIOVA(domain: context.domain, iova: iova, size: size)
  }

  /// `iommu_map` in a device's domain (`IOMMU.map`).
  mutating func iommuMap(
    _ context: IOMMUContext, iova: UInt64, pieces: [(physical: PhysAddr, size: UInt64)],
    prot: IOMMUProtection
  ) -> Bool {
    withIOMMU(context.iommu) {
      $0.map(domain: context.domain, iova: iova, pieces: pieces, prot: prot, bus: &$1)
    }
  }

  /// `__iommu_dma_unmap` in a device's domain (`IOMMU.unmap`).
  mutating func iommuUnmap(_ context: IOMMUContext, iova: UInt64, size: UInt64) {
    withIOMMU(context.iommu) { $0.unmap(domain: context.domain, iova: iova, size: size, bus: &$1) }
  }

  /// `iommu_iova_to_phys`: the physical address behind an IOVA in a device's domain.
  func iovaToPhys(_ context: IOMMUContext, _ iova: UInt64) -> PhysAddr? {
    iommus[context.iommu].iovaToPhys(domain: context.domain, iova)
  }

  /// A device access of `count` bytes at a bus address, split at page boundaries: the
  /// physical pieces. Without an IOMMU the bus address plus the master's `dma-ranges` offset
  /// is the physical address; behind one, `IOMMU.translate` (nil on a context fault).
  mutating func busTranslate(
    _ master: String?, _ address: DMAAddr, count: Int, write: Bool, offset: UInt64 = 0
  ) -> [(physical: PhysAddr, count: Int)]? {
    guard let master, let context = iommuContext(for: master) else {
      return [(PhysAddr(address.rawValue &+ offset), count)]
    }
    return withIOMMU(context.iommu) {
      $0.translate(
        domain: context.domain, iova: address.rawValue, count: count, write: write, bus: &$1)
    }
  }
}

/// The machine as the IOMMUs' bus: the page allocator for IO page tables, device names and
/// the event log (`emit` and `deviceName` are shared with the DMA bus and the CPU side).
extension Machine: IOMMUBus {
  /// The page allocator IO page-table pages come from.
  var tablePages: PageAllocator {
    get { allocators.pages }
    set { allocators.pages = newValue }
  }
}
