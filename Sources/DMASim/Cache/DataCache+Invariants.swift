extension DataCache {
  /// The cache's broken rules: a set never holds one tag twice.
  func invariantViolations() -> [String] {
    var problems: [String] = []
    let geometry = geometry
    for set in 0..<geometry.sets {
      var tags: [UInt64] = []
      for way in 0..<geometry.ways {
        let line = line(CacheSlot(set: set, way: way))
        guard line.isValid else { continue }
        if tags.contains(line.tag) { problems.append("cache set \(set): tag \(line.tag) twice") }
        tags.append(line.tag)
      }
    }
    return problems
  }
}
