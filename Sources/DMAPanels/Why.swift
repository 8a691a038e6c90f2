import DMASim

/// "Why is this cell so?": the chain of events, from the event log and the machine's own
/// records, that made a cache line, a buffer, a CMA page or a descriptor what it is now.
///
/// Each answer starts with the present state, then lists the events that led there, oldest
/// first, each with its step, the scenario line and the kernel call that caused it (for a
/// hardware action, the call that was running on the CPU at that line).
public enum Why {
  /// The answer for a cache line at `address` (any address inside the line).
  public static func cacheLine(_ address: PhysAddr, in machine: Machine) -> [String] {
    let cache = machine.memory.cache
    let size = UInt64(cache.geometry.lineSize)
    let line = cache.geometry.lineAddress(address)
    var answer: [String]
    if let slot = cache.lookup(line) {
      let state = cache.line(slot)
      answer = [
        "line \(line.hex) [set \(slot.set) way \(slot.way)] is \(name(state.state)) since step "
          + "\(state.changedAtStep) (was \(name(state.previousState)))"
      ]
    } else {
      answer = ["line \(line.hex) is not in the cache (invalid)"]
    }
    let events = chain(in: machine) { entry in
      entry.addresses.contains { named in
        switch named.kind {
        case .line: return named.value == line.rawValue
        case .phys: return named.value >= line.rawValue && named.value < line.rawValue + size
        default: return false
        }
      }
        || entry.subjects.contains { subject in
          switch subject {
          case .cacheLine(let subjectLine): return subjectLine == line
          case .cacheLines(let first, let count):
            return line >= first && (line.rawValue - first.rawValue) / size < UInt64(max(count, 0))
          default: return false
          }
        }
    }
    return answer + (events.isEmpty ? ["no event in the retained log touched this line"] : events)
  }

  /// The answer for a buffer: where it came from, who owns it, what touched its bytes.
  public static func buffer(_ allocation: Allocation, in machine: Machine) -> [String] {
    // A remapped buffer's pages are scattered: every question goes to each physical piece.
    let ranges = machine.memory.pageTable.physicalRanges(of: allocation)
    let holds = { (address: UInt64) in ranges.contains { $0.contains(address) } }
    let mapping = machine.dma.mappings.last {
      machine.memory.pageTable.buffer(allocation, overlaps: $0.physical, count: $0.size)
    }
    var answer = [
      "\(allocation.name): \(allocation.allocator), \(Hex.size(allocation.size)) at "
        + "\(allocation.physical.hex), allocated at step \(allocation.allocatedAtStep)"
    ]
    if ranges.count > 1 {
      answer.append(
        "its pages are scattered: "
          + ranges.map { "\(Hex.prefixed($0.lowerBound))+\(Hex.size(UInt64($0.count)))" }
          .joined(separator: ", "))
    }
    if let mapping {
      answer.append(
        "mapped for \(mapping.device) \(mapping.direction.kernelName) at step "
          + "\(mapping.mappedAtStep): the \(mapping.owner == .device ? "device" : "CPU") owns it")
    } else if let list = machine.dma.scatterLists.first(where: { list in
      ranges.contains {
        !list.mappedEntries(overlapping: PhysAddr($0.lowerBound), count: UInt64($0.count))
          .isEmpty
      }
    }) {
      answer.append(
        "in sgt\(list.id), mapped by dma_map_sg for \(list.device ?? "?") "
          + "\(list.direction?.kernelName ?? "") as \(list.mappedCount) segment(s): the "
          + "\(list.owner == .device ? "device" : "CPU") owns it")
    } else {
      answer.append("not mapped for DMA: the CPU owns it")
    }
    // Devices behind an IOMMU reach it through IOVA pages (a whole page: its neighbours too).
    var iovaPages: [IOVAPage] = []
    for range in ranges {
      for page in machine.iovaPages(mapping: PhysAddr(range.lowerBound), size: UInt64(range.count))
      where !iovaPages.contains(page) {
        iovaPages.append(page)
      }
    }
    for page in iovaPages {
      answer.append(
        "\(page.device) reaches its page \(Hex.prefixed(page.physical.rawValue)) at IOVA "
          + "\(Hex.prefixed(page.iova)) (\(page.writable ? "read/write" : "read-only"))")
    }
    let virtualStart = allocation.virtualAddress.rawValue
    let virtualSize = max(allocation.size, 1)
    let events = chain(in: machine) { entry in
      let mapsIOVA = entry.addresses.contains { $0.kind == .iova }
      return entry.addresses.contains { named in
        switch named.kind {
        case .virt:
          return named.value >= virtualStart && named.value - virtualStart < virtualSize
        case .phys where mapsIOVA:
          // An IOMMU event names the page (or the first page of a run) it maps.
          return ranges.contains {
            named.value >= $0.lowerBound & ~0xfff && named.value < $0.upperBound
          }
        case .phys, .line, .dmaAddr: return holds(named.value)
        case .iova:
          return iovaPages.contains { named.value >= $0.iova && named.value - $0.iova < 0x1000 }
        default: return false
        }
      }
    }
    return answer + events
  }

  /// The answer for one page of a CMA area (`page` counts from the area's first page).
  public static func cmaPage(_ page: UInt64, area: CMAArea, in machine: Machine) -> [String] {
    let pfn = area.basePFN + page
    let physical = pfn << 12
    let bit = Int(page >> UInt64(area.orderPerBit))
    var answer: [String]
    if let owner = machine.allocators.allocations.first(where: {
      $0.cmaArea == area.name && $0.physical.rawValue <= physical
        && physical - $0.physical.rawValue < max($0.reservedSize, 1)
    }) {
      answer = [
        "pfn \(Hex.prefixed(pfn)) (bit \(bit) of \(area.name)) is allocated: \(owner.name), "
          + "\(owner.allocator), since step \(owner.allocatedAtStep)"
      ]
    } else if area.bitmap.test(bit) {
      answer = ["pfn \(Hex.prefixed(pfn)) (bit \(bit) of \(area.name)) is allocated"]
    } else if area.pinned.contains(pfn) {
      answer = ["pfn \(Hex.prefixed(pfn)) is lent to a movable page that is pinned"]
    } else if area.borrowed.contains(pfn) {
      answer = ["pfn \(Hex.prefixed(pfn)) is free in the bitmap, lent to a movable page"]
    } else {
      answer = ["pfn \(Hex.prefixed(pfn)) (bit \(bit) of \(area.name)) is free"]
    }
    let events = chain(in: machine) { entry in
      entry.subjects.contains { subject in
        guard case .cmaPages(area.name, let first, let count) = subject else { return false }
        return pfn >= first && pfn - first < max(count, 1)
      }
    }
    return answer + (events.isEmpty ? ["no allocation has touched this page"] : events)
  }

  /// The answer for a descriptor (`txd dN`): its list moves from prep to completion, from the
  /// log entries whose subjects name it.
  public static func descriptor(_ reference: DescriptorRef, in machine: Machine) -> [String] {
    guard let descriptor = machine.descriptor(reference),
      let channel = machine.virtualChannel(reference.channel)
    else { return ["txd d\(reference.id) on \(reference.channel) is gone"] }
    let answer = [
      "txd \(descriptor.label) on \(channel.name): cookie \(descriptor.cookie), "
        + "\(descriptor.direction.kernelName), \(descriptor.length) bytes, residue "
        + "\(descriptor.residue), prepared at step \(descriptor.preparedAtStep)"
    ]
    let events = chain(in: machine) { $0.subjects.contains(.descriptor(reference)) }
    return answer + events
  }

  /// A log entry's own explanation and the other events of the same call.
  public static func logEntry(_ entry: LogEntry, in machine: Machine) -> [String] {
    var answer = ["step \(entry.step), line \(entry.line): \(entry.function): \(entry.message)"]
    if let detail = entry.detail { answer.append(detail) }
    let events = chain(in: machine) {
      $0.step == entry.step && $0 != entry && $0.source != .narration
    }
    return answer + events
  }

  private static func name(_ state: CacheLine.State) -> String {
    switch state {
    case .invalid: "invalid"
    case .clean: "clean"
    case .dirty: "dirty"
    }
  }

  /// The matching entries, oldest first, each with the kernel call behind it; runs of the same
  /// hardware action under one call are folded into one line (`steps 11-38: 16 x beat`).
  static func chain(in machine: Machine, limit: Int = 24, matching: (LogEntry) -> Bool)
    -> [String]
  {
    let entries = machine.log.entries
    var firstCall = ""
    var lastCall = ""
    var lastLine = -1
    var maintenance = ""
    var items: [(first: Int, last: Int, count: Int, key: String, text: String)] = []
    for entry in entries {
      if entry.source == .kernel {
        if entry.line != lastLine || firstCall.isEmpty {
          firstCall = entry.function
          maintenance = ""
        }
        lastCall = entry.function
        lastLine = entry.line
        for case .maintenance(let routine) in entry.subjects {
          maintenance = routine.kernelName
          break
        }
      }
      guard matching(entry) else { continue }
      // Only the CPU's own accesses and cache maintenance run inside the current kernel call;
      // DMA beats, FIFO shifts and interrupts are the hardware's own.
      let fromCPU = ["str", "ldr"].contains(entry.function) || entry.function.hasPrefix("dc ")
      var call = entry.source.rawValue
      if entry.source == .kernel || fromCPU, entry.line == lastLine, !lastCall.isEmpty {
        call = firstCall == lastCall ? lastCall : "\(firstCall) \u{2192} \(lastCall)"
        if entry.source == .hardware, !maintenance.isEmpty { call += " \u{2192} \(maintenance)" }
      }
      let key =
        fromCPU || entry.source == .kernel
        ? "\(call)|\(entry.function)|\(entry.line)" : entry.function
      if entry.source == .hardware, let previous = items.last, previous.key == key {
        items[items.count - 1].last = entry.step
        items[items.count - 1].count += 1
        continue
      }
      let via = call == entry.function || !fromCPU ? "" : " (\(call))"
      let lineText = entry.line > 0 ? " at line \(entry.line)" : ""
      let text = "\(entry.function)\(lineText)\(via): \(entry.message)"
      items.append((entry.step, entry.step, 1, key, text))
    }
    return items.suffix(limit).map { item in
      if item.count == 1 { return "step \(item.first): \(item.text)" }
      return "steps \(item.first)-\(item.last): \(item.count) x \(item.text)"
    }
  }
}
