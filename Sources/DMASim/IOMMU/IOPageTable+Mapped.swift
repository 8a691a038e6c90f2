extension IOPageTable {
  /// The IOVA of every page a level-3 descriptor maps, in ascending order (a walk of every
  /// table from the root). The invariants use it to check the IOVA allocator against the table.
  public func mappedIOVAs() -> [UInt64] {
    var found: [UInt64] = []
    collect(table: 0, base: 0, into: &found)
    return found
  }

  private func collect(table: Int, base: UInt64, into found: inout [UInt64]) {
    let level = tables[table].level
    let shift = UInt64(12 + 9 * (Self.levels - 1 - level))
    for (slot, descriptor) in tables[table].entries.enumerated()
    where descriptor & 3 == Self.typeTableOrPage {
      let iova = base | UInt64(slot) << shift
      if level == Self.levels - 1 {
        found.append(iova)
      } else if let next = tableAt[descriptor & Self.addressMask] {
        collect(table: next, base: iova, into: &found)
      }
    }
  }
}
