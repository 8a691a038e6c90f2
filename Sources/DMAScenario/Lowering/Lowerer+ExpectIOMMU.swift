import DMASim

extension Lowerer {
  /// `iova_to_phys`, `iova_mapped`, `iotlb_hits`, `iotlb_misses` and `iommu_faults`: IOMMU state
  /// of a device the board places behind an IOMMU.
  mutating func expectIOMMU(
    _ callee: String, _ args: [Expression], _ range: SourceRange, parameters: String
  ) -> (term: ExpectTerm, type: ExpectType)? {
    let counts =
      switch callee {
      case "iova_to_phys": [2, 3]
      case "iova_mapped": [3]
      default: [1]
      }
    guard counts.contains(args.count) else {
      error(
        "`\(callee)` takes (\(parameters)), got \(args.count) argument\(args.count == 1 ? "" : "s")",
        at: range, hint: "\(callee)(\(parameters))")
      return nil
    }
    guard let device = device(args[0]) else { return nil }
    guard board.device(named: device)?.iommu != nil else {
      let behind = board.devices.filter { $0.iommu != nil }.map(\.name)
      error(
        "`\(device)` is not behind an IOMMU on board `\(board.name)`", at: args[0].range,
        hint: behind.isEmpty
          ? "use `board soc_iommu`, where spi1 sits behind an SMMU"
          : "devices behind an IOMMU here: \(behind.joined(separator: ", "))")
      return nil
    }
    if let counter = IOMMUCounter(rawValue: callee) {
      return (.iommuCounter(device: device, counter: counter), .integer)
    }
    guard case .variable(let handle) = variable(args[1], .dmaHandle) else { return nil }
    if callee == "iova_mapped" {
      guard let length = requireInteger(args[2], "the length") else { return nil }
      guard length >= 1, length <= 1 << 30 else {
        error("the length must be 1 byte to 1 GiB", at: args[2].range)
        return nil
      }
      return (.iovaMappedPages(device: device, handle: handle, length: length), .integer)
    }
    var offset: UInt64 = 0
    if args.count == 3 {
      guard let value = requireInteger(args[2], "the offset") else { return nil }
      offset = value
    }
    return (.iovaToPhys(device: device, handle: handle, offset: offset), .address)
  }
}
