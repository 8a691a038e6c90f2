/// An IOMMU on the board (an Arm SMMU): the static description a `Board` lists in `iommus`.
///
/// A device sits behind it when its `DeviceSpec.iommu` names it (a device tree's
/// `iommus = <&smmu SID>`), with `DeviceSpec.streamID` as the stream ID. dmascope gives every
/// such device its own DMA domain (the kernel's default `IOMMU_DOMAIN_DMA` per IOMMU group, one
/// device per group) with its own IOVA space, IO page table and context bank.
public struct IOMMUSpec: Hashable, Sendable {
  /// The board's name for it (`smmu0`).
  public var name: String
  /// Device-tree compatible string (`arm,mmu-500`).
  public var compatible: String
  /// The kernel's `dev_name()` (`12000000.iommu`).
  public var kernelName: String
  /// The driver name the kernel prefixes its messages with (`arm-smmu`).
  public var driverName: String
  /// Input (IOVA) address size in bits: the domain aperture is `[0, 2^bits)`.
  public var inputAddressBits: Int
  /// Entries in the IOTLB (fully associative, least recently used replaced first).
  public var iotlbEntries: Int
  /// Whether the IOMMU's table walker snoops the CPU cache (`dma-coherent` on its node).
  public var coherentWalk: Bool

  /// Creates an IOMMU description.
  public init(
    name: String, compatible: String, kernelName: String, driverName: String = "arm-smmu",
    inputAddressBits: Int = 48, iotlbEntries: Int = 8, coherentWalk: Bool = true
  ) {
    self.name = name
    self.compatible = compatible
    self.kernelName = kernelName
    self.driverName = driverName
    self.inputAddressBits = inputAddressBits
    self.iotlbEntries = iotlbEntries
    self.coherentWalk = coherentWalk
  }
}
