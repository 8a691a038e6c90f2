/// Applies top-level statements in order: defines and merges nodes, follows `&label` node
/// references, deletes nodes and properties, as dtc does.
struct DTSTreeBuilder {
  let scanner: DTSScanner
  var root: DTSBuildNode?

  init(scanner: DTSScanner) { self.scanner = scanner }

  /// Applies one statement.
  mutating func apply(_ item: DTSTopLevelItem) throws {
    if case .root(let definition) = item {
      var node = root ?? DTSBuildNode(name: "", offset: definition.offset)
      try merge(definition, into: &node)
      root = node
      return
    }
    guard var node = root else {
      throw scanner.error(at: 0, "a node reference comes before the root node")
    }
    switch item {
    case .root:
      break
    case .extend(let reference, let definition):
      let indices = try locate(reference)
      try node.modify(at: indices[...]) { try merge(definition, into: &$0) }
    case .deleteNode(let reference):
      let indices = try locate(reference)
      guard let last = indices.last else {
        throw scanner.error(at: reference.offset, "cannot delete the root node")
      }
      node.modify(at: indices.dropLast()) { $0.children.remove(at: last) }
    case .omitIfNoReference(let reference):
      let indices = try locate(reference)
      node.modify(at: indices[...]) { $0.omitIfNoReference = true }
    }
    root = node
  }

  /// The index path a reference names in the tree built so far.
  func locate(_ reference: DTSReference) throws -> [Int] {
    guard let root else {
      throw scanner.error(
        at: reference.offset, "\(reference.target.spelled) used before the root node",
        hint: "define / { ... }; first")
    }
    switch reference.target {
    case .label(let label):
      if let indices = root.indexPath(ofLabel: label) { return indices }
      throw scanner.error(
        at: reference.offset, "reference to undefined label &\(label)",
        hint: "define the label on a node: \(label): name { ... };")
    case .path(let path):
      if let indices = root.indexPath(ofPath: path) { return indices }
      throw scanner.error(
        at: reference.offset, "reference to a node that does not exist: &{\(path)}",
        hint: "check the path; it must be absolute and name existing nodes")
    }
  }

  /// Merges a node body into a node (dtc's merge: properties replaced in place or appended,
  /// children merged by name or appended, deletions applied in order).
  func merge(_ definition: DTSNodeDefinition, into node: inout DTSBuildNode) throws {
    for label in definition.labels where !node.labels.contains(label) {
      node.labels.append(label)
    }
    if definition.omitIfNoReference { node.omitIfNoReference = true }
    var seenProperties: Set<String> = []
    var seenChildren: Set<String> = []
    for item in definition.items {
      switch item {
      case .property(let property):
        guard seenProperties.insert(property.name).inserted else {
          throw scanner.error(
            at: property.offset, "duplicate property '\(property.name)' in one node body",
            hint: "remove one of the definitions")
        }
        if let index = node.properties.firstIndex(where: { $0.name == property.name }) {
          node.properties[index] = property
        } else {
          node.properties.append(property)
        }
      case .deleteProperty(let name, _):
        seenProperties.remove(name)
        node.properties.removeAll { $0.name == name }
      case .child(let child):
        guard seenChildren.insert(child.name).inserted else {
          throw scanner.error(
            at: child.offset, "duplicate node '\(child.name)' in one node body",
            hint: "merge the two definitions into one")
        }
        if let index = node.children.firstIndex(where: { $0.name == child.name }) {
          try merge(child, into: &node.children[index])
        } else {
          var fresh = DTSBuildNode(name: child.name, offset: child.offset)
          try merge(child, into: &fresh)
          node.children.append(fresh)
        }
      case .deleteChild(let name, _):
        seenChildren.remove(name)
        node.children.removeAll { $0.name == name }
      }
    }
  }
}
