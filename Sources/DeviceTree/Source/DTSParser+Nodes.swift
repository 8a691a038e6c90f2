extension DTSParser {
  /// Parses `{ properties... children... };`; the `{` is next.
  mutating func parseNodeBody(
    name: String, labels: [String], offset: Int, depth: Int, omit: Bool = false
  ) throws -> DTSNodeDefinition {
    guard depth <= limits.maximumDepth else {
      throw scanner.error(
        at: offset, "nodes nest deeper than \(limits.maximumDepth) levels",
        hint: "flatten the tree or check for a missing '};'")
    }
    nodeCount += 1
    guard nodeCount <= limits.maximumNodes else {
      throw scanner.error(at: offset, "more than \(limits.maximumNodes) nodes")
    }
    try scanner.expect(UInt8(ascii: "{"), "'{' to open the node body")
    var node = DTSNodeDefinition(
      name: name, labels: labels, items: [], offset: offset, omitIfNoReference: omit)
    var sawChild = false
    while true {
      try scanner.skipTrivia()
      if try scanner.consume(UInt8(ascii: "}")) { break }
      guard !scanner.atEnd else {
        throw scanner.error(
          at: offset, "node '\(name.isEmpty ? "/" : name)' is not closed",
          hint: "add '};' to close the node")
      }
      try rejectInclude()
      let itemStart = scanner.index
      if let item = try parseDeletion() {
        if case .deleteChild = item { sawChild = true }
        node.items.append(item)
        continue
      }
      var omitChild = false
      if scanner.looksAt("/omit-if-no-ref/") {
        scanner.index += "/omit-if-no-ref/".utf8.count
        omitChild = true
      }
      let itemLabels = try parseLabels()
      try scanner.skipTrivia()
      let nameStart = scanner.index
      let itemName = scanner.readNameRun()
      guard !itemName.isEmpty else {
        throw scanner.error(
          at: nameStart, "expected a property or node name, found \(scanner.describeNext())",
          hint: "names use letters, digits and , . _ + * # ? @ -")
      }
      try scanner.skipTrivia()
      if scanner.peek() == UInt8(ascii: "{") {
        let child = try parseNodeBody(
          name: itemName, labels: itemLabels, offset: nameStart, depth: depth + 1,
          omit: omitChild)
        node.items.append(.child(child))
        sawChild = true
        continue
      }
      guard !omitChild else {
        throw scanner.error(at: itemStart, "/omit-if-no-ref/ applies to nodes only")
      }
      guard !sawChild else {
        throw scanner.error(
          at: nameStart, "property '\(itemName)' comes after a child node",
          hint: "properties must come before child nodes in a node body")
      }
      propertyCount += 1
      guard propertyCount <= limits.maximumProperties else {
        throw scanner.error(at: nameStart, "more than \(limits.maximumProperties) properties")
      }
      var parts: [DTSValuePart] = []
      if try scanner.consume(UInt8(ascii: "=")) {
        parts = try parsePropertyValue()
      }
      try scanner.expect(
        UInt8(ascii: ";"), "';' after property '\(itemName)'",
        hint: "end every property and node with ';'")
      node.items.append(
        .property(DTSPropertyDefinition(name: itemName, parts: parts, offset: nameStart)))
    }
    try scanner.expect(UInt8(ascii: ";"), "';' after '}'", hint: "close nodes with '};'")
    return node
  }

  /// Parses `/delete-property/ name;` or `/delete-node/ name;` if one is next.
  private mutating func parseDeletion() throws -> DTSNodeItem? {
    let isProperty = scanner.looksAt("/delete-property/")
    guard isProperty || scanner.looksAt("/delete-node/") else { return nil }
    scanner.index += isProperty ? "/delete-property/".utf8.count : "/delete-node/".utf8.count
    try scanner.skipTrivia()
    let start = scanner.index
    let name = scanner.readNameRun()
    guard !name.isEmpty else {
      throw scanner.error(
        at: start,
        "expected a name after /delete-\(isProperty ? "property" : "node")/, found "
          + scanner.describeNext())
    }
    try scanner.expect(UInt8(ascii: ";"), "';' after the deleted name")
    return isProperty
      ? .deleteProperty(name: name, offset: start) : .deleteChild(name: name, offset: start)
  }
}
