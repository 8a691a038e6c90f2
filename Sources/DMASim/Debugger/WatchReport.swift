/// What a watchpoint hit says: who accessed which bytes, through which mapping, with the old
/// and new values (gdb's "Old value = … New value = …").
public enum WatchReport {
  /// The most bytes shown of one access.
  static let shownBytes = 8

  /// Describes the accesses of the step that led to `after` which `breakpoint` watched;
  /// `before` holds the watched bytes from the state before the step.
  public static func describe(_ breakpoint: Breakpoint, before: WatchedBytes, after: Machine)
    -> String
  {
    guard case .watch(let base, let size, let access, let accessor) = breakpoint.kind else {
      return ""
    }
    let now = WatchedBytes(after, base: base, size: size)
    let accesses = BreakpointMatch.watchedAccesses(
      after.lastTouch, base: base, size: size, access, accessor)
    return accesses.prefix(2).map { item in
      let start = max(item.base, base)
      let itemEnd =
        item.base.addingReportingOverflow(item.size).overflow
        ? UInt64.max : item.base + item.size
      let end = min(itemEnd, base.addingReportingOverflow(size).overflow ? UInt64.max : base + size)
      let count = Int(min(end - start, 4096))
      let offset = Int(min(start - base, 4096))
      let who = item.byCPU ? "CPU" : deviceName(at: start, in: after) ?? "device"
      let verb = item.isWrite ? "wrote" : "read"
      let old = item.byCPU ? before.cpu : before.ram
      let new = item.byCPU ? now.cpu : now.ram
      let range = offset..<min(offset + count, new.count)
      // Who and the bytes first, the mapping last: a line cut at the screen's width still
      // says who accessed and what changed.
      let values =
        item.isWrite
        ? "old \(bytes(old, range)), new \(bytes(new, range))" : "value \(bytes(new, range))"
      return "\(who) \(item.what) \(verb) \(count) byte\(count == 1 ? "" : "s"): \(values) at "
        + mappingText(start, byCPU: item.byCPU, in: after)
    }.joined(separator: "; ")
  }

  /// `VA … → PA …` for the CPU, `IOVA … → PA …` or `bus … → PA …` for a device.
  static func mappingText(_ physical: UInt64, byCPU: Bool, in machine: Machine) -> String {
    let pa = "PA \(Hex.prefixed(physical))"
    if byCPU {
      guard let allocation = allocation(at: physical, in: machine) else { return pa }
      let va = allocation.virtualAddress.rawValue &+ (physical - allocation.physical.rawValue)
      return "VA \(Hex.prefixed(va)) → \(pa)"
    }
    guard let mapping = mapping(at: physical, in: machine) else { return pa }
    let address = mapping.handle.rawValue &+ (physical - mapping.physical.rawValue)
    let space = machine.board.device(named: mapping.device)?.iommu == nil ? "bus" : "IOVA"
    return "\(space) \(Hex.prefixed(address)) → \(pa)"
  }

  private static func deviceName(at physical: UInt64, in machine: Machine) -> String? {
    mapping(at: physical, in: machine).map(\.device)
  }

  private static func mapping(at physical: UInt64, in machine: Machine) -> StreamingMapping? {
    machine.dma.mappings.last {
      physical >= $0.physical.rawValue && physical - $0.physical.rawValue < $0.size
    }
  }

  private static func allocation(at physical: UInt64, in machine: Machine) -> Allocation? {
    machine.allocators.allocations.last {
      physical >= $0.physical.rawValue && physical - $0.physical.rawValue < $0.size
    }
  }

  private static func bytes(_ all: [UInt8], _ range: Range<Int>) -> String {
    guard range.lowerBound < all.count, !range.isEmpty else { return "(not captured)" }
    let upper = min(range.upperBound, all.count)
    let shown = all[range.lowerBound..<min(upper, range.lowerBound + shownBytes)]
    let text = shown.map { Hex.format(UInt64($0), digits: 2) }.joined(separator: " ")
    return upper - range.lowerBound > shownBytes ? text + " …" : text
  }
}
