extension IOMMU {
  /// The boot log of one IOMMU: `arm_smmu_device_probe`, then every device behind it joins
  /// its own group (`iommu_probe_device`) with a DMA domain (`iommu_setup_dma_ops`).
  func logProbe(bus: inout some IOMMUBus) {
    bus.log(
      .kernel, "arm_smmu_device_probe",
      "\(spec.driverName) \(spec.kernelName): \(spec.compatible), \(spec.inputAddressBits)-bit "
        + "input addresses, 4K pages (ARM LPAE stage 1), \(spec.iotlbEntries)-entry TLB, "
        + (spec.coherentWalk ? "coherent table walk" : "non-coherent table walk"))
    for (group, domain) in domains.enumerated() {
      bus.log(
        .kernel, "iommu_probe_device",
        "\(bus.deviceName(domain.device)): Adding to iommu group \(group)")
      bus.log(
        .kernel, "iommu_setup_dma_ops",
        "\(bus.deviceName(domain.device)): DMA domain (translated, strict invalidation), "
          + (spec.driverName == "arm-smmu-v3"
            ? "ASID \(domain.contextBank)" : "context bank \(domain.contextBank)")
          + ", stream ID \(Hex.prefixed(UInt64(domain.streamID))); "
          + "IOVA window [\(Hex.prefixed(IOMMU.msiIOVABase)), "
          + "\(Hex.prefixed(IOMMU.msiIOVABase + IOMMU.msiIOVALength - 1))] reserved for MSIs")
    }
  }

  /// `iommu_iova_to_phys`: the physical address behind an IOVA in domain `index`.
  func iovaToPhys(domain index: Int, _ iova: UInt64) -> PhysAddr? {
    domains[index].pageTable?.translate(iova)
  }
}
