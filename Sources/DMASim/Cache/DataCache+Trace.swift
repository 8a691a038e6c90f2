extension DataCache {
  /// Runs one trace access through the tags: no bytes move, only states, LRU ages and
  /// `statistics` change.
  ///
  /// An access that crosses line boundaries is split the way a load/store unit splits it: one
  /// line reference per line touched, in address order. It still counts as one access, a hit
  /// only if every line hit (Cachegrind's rule). A line filled here holds zeros if the cache also
  /// serves byte-level accesses.
  public mutating func access(_ access: TraceAccess) {
    let store = access.kind == .store
    let first = layout.lineNumber(access.address)
    let (end, overflow) = access.address.addingReportingOverflow(UInt64(max(access.size, 1)) - 1)
    let last = layout.lineNumber(overflow ? UInt64.max : end)
    var missed = false
    var line = first
    while true {
      let outcome = reference(line: line, store: store, step: 0)
      if !outcome.hit {
        missed = true
        if outcome.index >= 0, !bytes.isEmpty { zeroBytes(ofSlot: outcome.index) }
      }
      if line == last { break }
      line &+= 1
    }
    if store {
      statistics.stores &+= 1
      if missed { statistics.storeMisses &+= 1 } else { statistics.storeHits &+= 1 }
    } else {
      statistics.loads &+= 1
      if missed { statistics.loadMisses &+= 1 } else { statistics.loadHits &+= 1 }
    }
  }

  /// Runs trace accesses in order.
  public mutating func run(_ accesses: [TraceAccess]) {
    for item in accesses { access(item) }
  }
}
