extension DMAMappingState {
  /// The details of dmascope's coherency check for a CPU access to `count` bytes at `physical`:
  /// one per streaming mapping or scatter-gather entry that the device owns under it (empty
  /// when the CPU owns everything it touched). `deviceName` gives a board device's `dev_name()`.
  func deviceOwnedDetails(
    _ physical: PhysAddr, count: UInt64, access: String, deviceName: (String) -> String
  ) -> [String] {
    var details: [String] = []
    for mapping in mappings
    where mapping.owner == .device && mapping.overlaps(physical, count: count) {
      details.append(
        "dmascope's coherency check (not dma-debug: the kernel's like check, "
          + "debug_dma_assert_idle, went in v5.9). The CPU \(access) a buffer that "
          + "\(deviceName(mapping.device)) owns "
          + "(\(mapping.direction.kernelName) mapping at \(Hex.prefixed(mapping.handle.rawValue))). "
          + "Until dma_unmap_single or dma_sync_single_for_cpu, the CPU and the device may see "
          + "different bytes.")
    }
    for list in scatterLists where list.owner == .device {
      guard let entry = list.mappedEntries(overlapping: physical, count: count).first,
        let device = list.device
      else { continue }
      let index = list.entries.firstIndex(of: entry) ?? 0
      details.append(
        "dmascope's coherency check (not dma-debug: the kernel's like check, "
          + "debug_dma_assert_idle, went in v5.9). The CPU \(access) entry \(index) of "
          + "sgt\(list.id), which \(deviceName(device)) "
          + "owns (\(list.direction?.kernelName ?? "?") scatter-gather mapping). Until "
          + "dma_unmap_sg or dma_sync_sg_for_cpu, the CPU and the device may see different bytes.")
    }
    return details
  }
}
