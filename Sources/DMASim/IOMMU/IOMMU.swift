/// An IOMMU's run-time state: its DMA domains (one per attached device), the shared IOTLB and
/// the fault counter.
public struct IOMMU: Hashable, Sendable {
  /// `MSI_IOVA_BASE`: arm-smmu's software MSI window, reserved in every DMA domain.
  public static let msiIOVABase: UInt64 = 0x0800_0000
  /// `MSI_IOVA_LENGTH`.
  public static let msiIOVALength: UInt64 = 0x10_0000

  /// The hardware description.
  public let spec: IOMMUSpec
  /// One domain per device behind this IOMMU, in board order.
  public internal(set) var domains: [IOMMUDomain]
  /// The translation cache.
  public internal(set) var iotlb: IOTLB
  /// Context faults reported so far.
  public internal(set) var faults = 0

  /// The IOMMU with a DMA domain for every board device that names it: the IOVA domain starts
  /// at pfn 1 and the MSI window is reserved (`iova_reserve_iommu_regions`).
  public init(spec: IOMMUSpec, devices: [DeviceSpec]) {
    self.spec = spec
    iotlb = IOTLB(capacity: spec.iotlbEntries)
    domains = devices.filter { $0.iommu == spec.name }.enumerated().map { index, device in
      var iovad = IOVADomain()
      iovad.reserve(
        pfnLo: IOMMU.msiIOVABase >> 12,
        pfnHi: (IOMMU.msiIOVABase + IOMMU.msiIOVALength - 1) >> 12)
      return IOMMUDomain(
        device: device.name, contextBank: index, streamID: device.streamID, iovad: iovad)
    }
  }

  /// The domain's index for a device.
  public func domainIndex(for device: String) -> Int? {
    domains.firstIndex { $0.device == device }
  }

  /// The aperture's last IOVA (`domain->geometry.aperture_end`).
  public var apertureEnd: UInt64 {
    spec.inputAddressBits >= 64 ? .max : (1 << UInt64(spec.inputAddressBits)) - 1
  }
}

extension Board {
  /// The IOMMU with a name.
  public func iommu(named name: String) -> IOMMUSpec? { iommus.first { $0.name == name } }
}
