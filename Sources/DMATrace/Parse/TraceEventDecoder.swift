/// Reads an event's TP_printk text into a `TraceEventKind`, by event name. Field names and
/// formats are those of include/trace/events/dma.h (6.10 onward, including 6.17's
/// `dma_map_phys`/`dma_unmap_phys`), cma.h, swiotlb.h and iommu.h. Fields are found by key, so
/// formats that gained fields between releases (`dir=` in `dma_alloc`, `nents=N/FULL` in
/// `dma_map_sg`) read the same; a field a format always had must be there.
public enum TraceEventDecoder {
  /// The event names this decoder reads.
  public static let knownEvents: Set<String> = [
    "dma_map_page", "dma_map_resource", "dma_map_phys", "dma_unmap_page", "dma_unmap_resource",
    "dma_unmap_phys", "dma_sync_single_for_cpu", "dma_sync_single_for_device", "dma_alloc",
    "dma_alloc_pages", "dma_alloc_sgt_err", "dma_free", "dma_free_pages", "dma_map_sg",
    "dma_map_sg_err", "dma_unmap_sg", "dma_sync_sg_for_cpu", "dma_sync_sg_for_device",
    "dma_alloc_sgt", "dma_free_sgt", "cma_alloc_start", "cma_alloc_finish",
    "cma_alloc_busy_retry", "cma_release", "swiotlb_bounced", "map", "unmap",
    "add_device_to_group", "remove_device_from_group", "attach_device_to_domain",
    "io_page_fault",
  ]

  typealias Problem = TraceLineParser.Problem

  /// The event's fields, or nil for an event this decoder does not read.
  public static func decode(_ record: TraceRecord) throws(TraceLineParser.Problem)
    -> TraceEventKind?
  {
    let fields = TraceFields(record.body, column: record.bodyColumn)
    let reader = Reader(event: record.event, fields: fields)
    switch record.event {
    case "dma_map_page", "dma_map_resource", "dma_map_phys":
      return .map(try reader.mapping(physical: true))
    case "dma_unmap_page", "dma_unmap_resource", "dma_unmap_phys":
      return .unmap(try reader.mapping(physical: false))
    case "dma_sync_single_for_cpu", "dma_sync_single_for_device":
      return .syncSingle(
        try reader.mapping(physical: false), forCPU: record.event.hasSuffix("_cpu"))
    case "dma_alloc", "dma_alloc_pages", "dma_alloc_sgt_err":
      return .alloc(try reader.allocation(gfp: true, failed: record.event == "dma_alloc_sgt_err"))
    case "dma_free", "dma_free_pages":
      return .free(try reader.allocation(gfp: false, failed: false))
    case "dma_map_sg", "dma_map_sg_err", "dma_unmap_sg", "dma_sync_sg_for_cpu",
      "dma_sync_sg_for_device", "dma_alloc_sgt", "dma_free_sgt":
      let list = try reader.scatterList()
      switch record.event {
      case "dma_map_sg", "dma_map_sg_err": return .mapSG(list)
      case "dma_unmap_sg": return .unmapSG(list)
      case "dma_alloc_sgt": return .allocSGT(list)
      case "dma_free_sgt": return .freeSGT(list)
      default: return .syncSG(list, forCPU: record.event.hasSuffix("_cpu"))
      }
    case "cma_alloc_start", "cma_alloc_finish", "cma_alloc_busy_retry", "cma_release":
      return .cma(try reader.cma())
    case "swiotlb_bounced":
      return .swiotlbBounced(try reader.bounce())
    case "map", "unmap":
      return record.event == "map"
        ? .iommuMap(try reader.iommuMap()) : .iommuUnmap(try reader.iommuUnmap())
    case "add_device_to_group", "remove_device_from_group", "attach_device_to_domain":
      return .iommuGroup(try reader.group())
    case "io_page_fault":
      return .iommuFault(try reader.fault())
    default:
      return nil
    }
  }

  /// Field access with errors that point at the field.
  struct Reader {
    var event: String
    var fields: TraceFields

    var formatHint: String {
      "the fields do not match the kernel's format for \(event) "
        + "(include/trace/events/: dma.h, cma.h, swiotlb.h, iommu.h); "
        + "re-record the trace, or report the kernel version if it is newer than 6.17"
    }

    func problem(_ column: Int, _ message: String) -> Problem {
      Problem(column: column, message: "\(event): \(message)", hint: formatHint)
    }

    func word(_ key: String) throws(Problem) -> TraceFields.Word {
      guard let word = fields.word(key) else {
        throw problem(fields.endColumn, "no `\(key)=` field")
      }
      return word
    }

    func hex(_ key: String) throws(Problem) -> UInt64 {
      let word = try word(key)
      guard let value = Self.hexValue(word.value) else {
        throw problem(word.column, "\(key)=\(word.value) is not a hexadecimal number")
      }
      return value
    }

    func decimal(_ key: String) throws(Problem) -> UInt64 {
      let word = try word(key)
      guard let value = UInt64(word.value) else {
        throw problem(word.column, "\(key)=\(word.value) is not a decimal number")
      }
      return value
    }

    func signed(_ key: String) throws(Problem) -> Int {
      let word = try word(key)
      guard let value = Int(word.value) else {
        throw problem(word.column, "\(key)=\(word.value) is not a decimal number")
      }
      return value
    }

    func direction() throws(Problem) -> TraceDirection {
      let word = try word("dir")
      guard let value = TraceDirection(rawValue: String(word.value)) else {
        throw problem(
          word.column,
          "dir=\(word.value) is not BIDIRECTIONAL, TO_DEVICE, FROM_DEVICE or NONE")
      }
      return value
    }

    func flags(_ key: String) -> [String] {
      guard let word = fields.word(key), !word.value.isEmpty else { return [] }
      return word.value.split(separator: "|").map(String.init)
    }

    func array(_ key: String) throws(Problem) -> [UInt64] {
      let word = try word(key)
      var text = word.value
      guard text.first == "{", text.last == "}" else {
        throw problem(word.column, "\(key)=\(text) is not a `{0x..,0x..}` array")
      }
      text = text.dropFirst().dropLast()
      var values: [UInt64] = []
      for item in text.split(separator: ",") {
        guard let value = Self.hexValue(item) else {
          throw problem(word.column, "\(key): \(item) is not a hexadecimal number")
        }
        values.append(value)
      }
      return values
    }

    /// `N/FULL` (or a plain `N`): FULL.
    func count(_ key: String) throws(Problem) -> Int? {
      guard let word = fields.word(key) else { return nil }
      let full = word.value.split(separator: "/").last ?? word.value
      guard let value = Int(full) else {
        throw problem(word.column, "\(key)=\(word.value) is not a count")
      }
      return value
    }

    func device() throws(Problem) -> String {
      guard let first = fields.words.first, first.key == nil else {
        throw problem(fields.words.first?.column ?? fields.endColumn, "no device name first")
      }
      return String(first.value)
    }

    func mapping(physical: Bool) throws(Problem) -> TraceMapping {
      var phys: UInt64?
      if physical { phys = try hex("phys_addr") }
      return TraceMapping(
        device: try device(), direction: try direction(), dmaAddress: try hex("dma_addr"),
        size: try decimal("size"), physical: phys, attributes: flags("attrs"))
    }

    func allocation(gfp: Bool, failed: Bool) throws(Problem) -> TraceAllocation {
      var direction: TraceDirection?
      if fields.word("dir") != nil { direction = try self.direction() }
      // 6.10 printed `phys_addr=%llx` where later kernels print `virt_addr=%p`.
      var pointer = ""
      var physical: UInt64?
      if fields.word("virt_addr") == nil, fields.word("phys_addr") != nil {
        physical = try hex("phys_addr")
      } else {
        pointer = String(try word("virt_addr").value)
      }
      return TraceAllocation(
        device: try device(), direction: direction, dmaAddress: try hex("dma_addr"),
        size: try decimal("size"), virtualPointer: pointer, physical: physical,
        gfpFlags: gfp ? flags("flags") : [], attributes: flags("attrs"), failed: failed)
    }

    func scatterList() throws(Problem) -> TraceScatterList {
      let device = try device()
      let direction = try direction()
      var list = TraceScatterList(device: device, direction: direction)
      list.attributes = flags("attrs")
      list.truncated = fields.bare.contains { $0.value == "[TRUNCATED]" }
      switch event {
      case "dma_map_sg":
        list.dmaAddresses = try array("dma_addrs")
        list.sizes = try array("sizes")
        list.physicalAddresses = try array("phys_addrs")
        list.requestedEntries = try count("nents") ?? list.physicalAddresses.count
        list.mappedEntries = try count("ents") ?? list.dmaAddresses.count
      case "dma_map_sg_err":
        // TP_printk names the sg_phys array `dma_addrs`.
        list.physicalAddresses = try array("dma_addrs")
        list.requestedEntries = list.physicalAddresses.count
        list.error = try signed("err")
      case "dma_unmap_sg":
        list.physicalAddresses = try array("phys_addrs")
        list.requestedEntries = list.physicalAddresses.count
      case "dma_alloc_sgt", "dma_free_sgt":
        list.dmaAddress = try hex("dma_addr")
        list.size = try decimal("size")
        list.physicalAddresses = try array("phys_addrs")
        list.requestedEntries = list.physicalAddresses.count
      default:  // dma_sync_sg_*
        list.dmaAddresses = try array("dma_addrs")
        list.sizes = try array("sizes")
        list.requestedEntries = list.dmaAddresses.count
      }
      return list
    }

    func cma() throws(Problem) -> TraceCMAEvent {
      guard let phase = TraceCMAEvent.Phase(rawValue: event) else {
        throw problem(fields.endColumn, "not a CMA event")
      }
      let area = String(try word("name").value)
      switch phase {
      case .allocStart:
        return TraceCMAEvent(
          phase: phase, area: area, count: try decimal("count"), align: try decimal("align"))
      case .allocFinish:
        return TraceCMAEvent(
          phase: phase, area: area, pfn: try hex("pfn"), count: try decimal("count"),
          align: try decimal("align"), errorNumber: try signed("errorno"))
      case .busyRetry:
        return TraceCMAEvent(
          phase: phase, area: area, pfn: try hex("pfn"), count: try decimal("count"),
          align: try decimal("align"))
      case .release:
        return TraceCMAEvent(
          phase: phase, area: area, pfn: try hex("pfn"), count: try decimal("count"))
      }
    }

    func bounce() throws(Problem) -> TraceBounce {
      // `dev_name: DEVICE dma_mask=... dev_addr=... size=... FORCE|NORMAL`
      let bare = fields.bare
      guard bare.count >= 3, bare[0].value == "dev_name:" else {
        throw problem(fields.words.first?.column ?? fields.endColumn, "no `dev_name: DEVICE`")
      }
      let mode = bare[bare.count - 1]
      guard mode.value == "FORCE" || mode.value == "NORMAL" else {
        throw problem(mode.column, "\(mode.value) is neither FORCE nor NORMAL")
      }
      return TraceBounce(
        device: String(bare[1].value), dmaMask: try hex("dma_mask"),
        deviceAddress: try hex("dev_addr"), size: try decimal("size"),
        forced: mode.value == "FORCE")
    }

    func iommuMap() throws(Problem) -> TraceIOMMURange {
      TraceIOMMURange(iova: try hex("iova"), size: try decimal("size"), physical: try hex("paddr"))
    }

    func iommuUnmap() throws(Problem) -> TraceIOMMURange {
      TraceIOMMURange(
        iova: try hex("iova"), size: try decimal("size"),
        unmappedSize: try decimal("unmapped_size"))
    }

    func group() throws(Problem) -> TraceIOMMUGroup {
      guard let change = TraceIOMMUGroup.Change(rawValue: event) else {
        throw problem(fields.endColumn, "not an IOMMU group event")
      }
      var group: Int?
      if change != .attached { group = try signed("groupID") }
      return TraceIOMMUGroup(change: change, group: group, device: String(try word("device").value))
    }

    func fault() throws(Problem) -> TraceIOMMUFault {
      let bare = fields.bare
      guard bare.count >= 2, bare[0].value.hasPrefix("IOMMU:") else {
        throw problem(fields.words.first?.column ?? fields.endColumn, "no `IOMMU:DRIVER DEVICE`")
      }
      return TraceIOMMUFault(
        driver: String(bare[0].value.dropFirst(6)), device: String(bare[1].value),
        iova: try hex("iova"), flags: try hex("flags"))
    }

    /// Hexadecimal with or without `0x`, at most 16 digits.
    static func hexValue(_ text: Substring) -> UInt64? {
      var digits = text
      if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
      guard !digits.isEmpty, digits.count <= 16 else { return nil }
      return UInt64(digits, radix: 16)
    }
  }
}
