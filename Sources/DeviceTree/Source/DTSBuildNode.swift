/// A node while a source file is being assembled: property values may still hold references.
struct DTSBuildNode {
  var name: String
  var labels: [String] = []
  var properties: [DTSPropertyDefinition] = []
  var children: [DTSBuildNode] = []
  var omitIfNoReference = false
  /// Where the node was first defined.
  var offset = 0

  /// The index of the child a path component names (exact name, else base name).
  func childIndex(matching component: String) -> Int? {
    if let exact = children.firstIndex(where: { $0.name == component }) { return exact }
    guard !component.contains("@") else { return nil }
    return children.firstIndex {
      ($0.name.split(separator: "@", maxSplits: 1).first.map(String.init) ?? $0.name)
        == component
    }
  }

  /// The index path of the first node (pre-order) carrying `label`.
  func indexPath(ofLabel label: String) -> [Int]? {
    if labels.contains(label) { return [] }
    for (index, child) in children.enumerated() {
      if let rest = child.indexPath(ofLabel: label) { return [index] + rest }
    }
    return nil
  }

  /// The index path of the node at an absolute path.
  func indexPath(ofPath path: String) -> [Int]? {
    guard let parts = DeviceTree.components(of: path) else { return nil }
    var indices: [Int] = []
    var node = self
    for part in parts {
      guard let index = node.childIndex(matching: part) else { return nil }
      indices.append(index)
      node = node.children[index]
    }
    return indices
  }

  /// Runs `body` on the node at `indices`.
  mutating func modify(
    at indices: ArraySlice<Int>, _ body: (inout DTSBuildNode) throws -> Void
  ) rethrows {
    guard let first = indices.first else {
      try body(&self)
      return
    }
    try children[first].modify(at: indices.dropFirst(), body)
  }

  /// The node at `indices`.
  func node(at indices: ArraySlice<Int>) -> DTSBuildNode {
    guard let first = indices.first else { return self }
    return children[first].node(at: indices.dropFirst())
  }

  /// The path of the node at `indices`.
  func path(of indices: [Int]) -> String {
    var node = self
    var path = ""
    for index in indices {
      node = node.children[index]
      path += "/" + node.name
    }
    return path.isEmpty ? "/" : path
  }

  /// Every node's index path in pre-order.
  func allIndexPaths() -> [[Int]] {
    var result: [[Int]] = []
    var stack: [([Int], DTSBuildNode)] = [([], self)]
    while let (indices, node) = stack.popLast() {
      result.append(indices)
      for (index, child) in node.children.enumerated().reversed() {
        stack.append((indices + [index], child))
      }
    }
    return result
  }

  /// The node converted to the public model (values must be resolved to bytes).
  func finished() -> DeviceTreeNode {
    DeviceTreeNode(
      name: name, labels: labels,
      properties: properties.map { definition in
        var bytes: [UInt8] = []
        for case .bytes(let chunk) in definition.parts { bytes += chunk }
        return DeviceTreeProperty(name: definition.name, value: bytes)
      },
      children: children.map { $0.finished() })
  }
}
