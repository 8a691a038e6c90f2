/// Resolves references once the whole tree is assembled, as dtc does: checks labels are
/// unique, assigns phandles to referenced nodes in pre-order (lowest free number first,
/// appending a `phandle` property), inserts node paths, then drops `/omit-if-no-ref/` nodes
/// nobody references.
struct DTSResolver {
  let scanner: DTSScanner
  var root: DTSBuildNode
  private var usedPhandles: Set<UInt32> = []
  private var nextPhandle: UInt32 = 1
  private var referenced: Set<[Int]> = []

  init(scanner: DTSScanner, root: DTSBuildNode) {
    self.scanner = scanner
    self.root = root
  }

  /// Resolves everything and returns the finished root.
  mutating func resolve() throws -> DeviceTreeNode {
    let paths = root.allIndexPaths()
    try checkLabels(paths)
    for indices in paths {
      let node = root.node(at: indices[...])
      for property in node.properties {
        if let phandle = Self.explicitPhandle(property) { usedPhandles.insert(phandle) }
      }
    }
    for indices in paths {
      let count = root.node(at: indices[...]).properties.count
      for propertyIndex in 0..<count {
        try resolveProperty(at: indices, propertyIndex)
      }
    }
    for indices in paths.reversed() {
      let node = root.node(at: indices[...])
      guard node.omitIfNoReference, !referenced.contains(indices), let last = indices.last
      else { continue }
      root.modify(at: indices.dropLast()) { $0.children.remove(at: last) }
    }
    return root.finished()
  }

  private func checkLabels(_ paths: [[Int]]) throws {
    var owners: [String: [Int]] = [:]
    for indices in paths {
      for label in root.node(at: indices[...]).labels {
        if let other = owners[label], other != indices {
          throw scanner.error(
            at: root.node(at: indices[...]).offset,
            "duplicate label '\(label)' on \(root.path(of: other)) and \(root.path(of: indices))",
            hint: "labels must be unique in a tree")
        }
        owners[label] = indices
      }
    }
  }

  private static func explicitPhandle(_ property: DTSPropertyDefinition) -> UInt32? {
    guard property.name == "phandle" || property.name == "linux,phandle",
      property.parts.count == 1, case .bytes(let bytes) = property.parts[0], bytes.count == 4
    else { return nil }
    return DeviceTreeProperty(name: property.name, value: bytes).u32
  }

  private mutating func resolveProperty(at indices: [Int], _ propertyIndex: Int) throws {
    let definition = root.node(at: indices[...]).properties[propertyIndex]
    guard definition.parts.contains(where: { if case .bytes = $0 { false } else { true } })
    else { return }
    var bytes: [UInt8] = []
    for part in definition.parts {
      switch part {
      case .bytes(let chunk):
        bytes += chunk
      case .phandle(let reference):
        let target = try locate(reference)
        referenced.insert(target)
        let phandle = phandle(of: target)
        bytes += DeviceTreeProperty.bigEndianBytes(UInt64(phandle), count: 4)
      case .path(let reference):
        let target = try locate(reference)
        referenced.insert(target)
        bytes += Array(root.path(of: target).utf8) + [0]
      }
    }
    root.modify(at: indices[...]) { $0.properties[propertyIndex].parts = [.bytes(bytes)] }
  }

  private func locate(_ reference: DTSReference) throws -> [Int] {
    var builder = DTSTreeBuilder(scanner: scanner)
    builder.root = root
    return try builder.locate(reference)
  }

  /// The target's phandle, assigning the lowest unused one (and a `phandle` property) if it
  /// has none.
  private mutating func phandle(of target: [Int]) -> UInt32 {
    for property in root.node(at: target[...]).properties {
      if let value = Self.explicitPhandle(property) { return value }
    }
    while usedPhandles.contains(nextPhandle) { nextPhandle += 1 }
    let value = nextPhandle
    usedPhandles.insert(value)
    let property = DTSPropertyDefinition(
      name: "phandle",
      parts: [.bytes(DeviceTreeProperty.bigEndianBytes(UInt64(value), count: 4))], offset: 0)
    root.modify(at: target[...]) { $0.properties.append(property) }
    return value
  }
}
