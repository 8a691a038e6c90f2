import DMASim
import DeviceTree

extension DeviceScan {
  /// `of_iommu_configure`: every device's first `iommus` entry names the IOMMU it sits behind
  /// and its stream ID (the first specifier cell); each IOMMU node referenced becomes an
  /// `IOMMUSpec`, in order of first reference. `arm,smmu-v3` nodes are driven by
  /// `arm-smmu-v3`, the other Arm SMMUs by `arm-smmu`. A disabled or unresolvable IOMMU leaves
  /// the device on dma-direct, as the kernel does when no IOMMU driver probes.
  func attachIOMMUs(_ devices: inout [DeviceSpec]) -> [IOMMUSpec] {
    var iommus: [IOMMUSpec] = []
    for index in devices.indices {
      guard let path = devices[index].node, let node = tree.node(at: path),
        let property = node.property("iommus"),
        let first = tree.phandleList(property, cellsName: "#iommu-cells", table: dma.phandles)
          .first,
        let target = first.path, dma.available.contains(target),
        let iommuNode = tree.node(at: target)
      else { continue }
      let name = names[target] ?? iommuNode.baseName
      if !iommus.contains(where: { $0.name == name }) {
        let compatible = iommuNode.compatible.first ?? ""
        iommus.append(
          IOMMUSpec(
            name: name, compatible: compatible, kernelName: busID(target),
            driverName: iommuNode.compatible.contains("arm,smmu-v3") ? "arm-smmu-v3" : "arm-smmu",
            coherentWalk: dma.isCoherent(target)))
      }
      devices[index].iommu = name
      devices[index].streamID = first.arguments.first ?? 0
    }
    return iommus
  }
}
