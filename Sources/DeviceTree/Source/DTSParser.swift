/// Recursive-descent parser for device tree source, producing a `DTSFile` of unresolved
/// statements. Nesting is bounded by `DeviceTreeLimits`.
struct DTSParser {
  var scanner: DTSScanner
  let limits: DeviceTreeLimits
  var nodeCount = 0
  var propertyCount = 0

  init(text: String, fileName: String, limits: DeviceTreeLimits) {
    scanner = DTSScanner(text: text, fileName: fileName)
    self.limits = limits
  }

  /// Parses the whole file.
  mutating func parseFile() throws -> DTSFile {
    try parseHeader()
    var file = DTSFile(reservations: [], items: [])
    while true {
      try scanner.skipTrivia()
      let start = scanner.index
      _ = try parseLabels()
      try scanner.skipTrivia()
      guard scanner.looksAt("/memreserve/") else {
        scanner.index = start
        break
      }
      scanner.index += "/memreserve/".utf8.count
      let address = try parseIntegerItem()
      let size = try parseIntegerItem()
      try scanner.expect(UInt8(ascii: ";"), "';' after /memreserve/ address and size")
      guard file.reservations.count < limits.maximumReservations else {
        throw scanner.error(at: start, "too many /memreserve/ entries")
      }
      file.reservations.append((address, size, start))
    }
    var sawRoot = false
    while true {
      try scanner.skipTrivia()
      if scanner.atEnd { break }
      let item = try parseTopLevelItem()
      if case .root = item { sawRoot = true }
      file.items.append(item)
    }
    guard sawRoot else {
      throw scanner.error(
        at: scanner.index, "no root node: expected '/ { ... };'",
        hint: "a device tree source defines its root node with / { ... };")
    }
    return file
  }

  private mutating func parseHeader() throws {
    try scanner.skipTrivia()
    guard scanner.looksAt("/dts-v1/") else {
      try rejectInclude()
      throw scanner.error(
        at: scanner.index,
        "expected /dts-v1/; at the start of the file, found "
          + scanner.describeNext(),
        hint: "version 1 sources begin with /dts-v1/; (older formats are not supported)")
    }
    while true {
      try scanner.skipTrivia()
      if scanner.looksAt("/dts-v1/") {
        scanner.index += "/dts-v1/".utf8.count
      } else if scanner.looksAt("/plugin/") {
        throw scanner.error(
          at: scanner.index, "overlays (/plugin/) are not supported",
          hint: "apply the overlay with fdtoverlay first and pass the resulting .dtb")
      } else {
        return
      }
      try scanner.expect(UInt8(ascii: ";"), "';' after /dts-v1/")
    }
  }

  /// Throws for `/include/` and `/incbin/` at the current position.
  mutating func rejectInclude() throws {
    if scanner.looksAt("/include/") {
      throw scanner.error(
        at: scanner.index, "/include/ is not supported: dmascope reads self-contained sources",
        hint: "compile it with dtc first (`dtc -I dts -O dtb -o board.dtb board.dts`), then "
          + "pass the .dtb")
    }
    if scanner.looksAt("/incbin/") {
      throw scanner.error(
        at: scanner.index, "/incbin/ is not supported",
        hint: "compile the source with dtc first and pass the .dtb")
    }
  }

  private mutating func parseTopLevelItem() throws -> DTSTopLevelItem {
    let start = scanner.index
    try rejectInclude()
    if scanner.looksAt("/delete-node/") || scanner.looksAt("/omit-if-no-ref/") {
      let omit = scanner.looksAt("/omit-if-no-ref/")
      scanner.index += omit ? "/omit-if-no-ref/".utf8.count : "/delete-node/".utf8.count
      try scanner.skipTrivia()
      guard scanner.peek() == UInt8(ascii: "&") else {
        throw scanner.error(
          at: scanner.index,
          "expected a &label or &{/path} reference, found \(scanner.describeNext())",
          hint: "at top level, /delete-node/ takes a reference: /delete-node/ &label;")
      }
      let reference = try parseReference()
      try scanner.expect(UInt8(ascii: ";"), "';' after the reference")
      return omit ? .omitIfNoReference(reference) : .deleteNode(reference)
    }
    let labels = try parseLabels()
    try scanner.skipTrivia()
    if scanner.peek() == UInt8(ascii: "/") {
      scanner.index += 1
      var node = try parseNodeBody(name: "", labels: labels, offset: start, depth: 1)
      node.labels = labels
      return .root(node)
    }
    if scanner.peek() == UInt8(ascii: "&") {
      let reference = try parseReference()
      let node = try parseNodeBody(name: "", labels: labels, offset: start, depth: 1)
      return .extend(reference, node)
    }
    throw scanner.error(
      at: scanner.index,
      "expected '/ {', '&label {' or /delete-node/, found "
        + scanner.describeNext(),
      hint: "top-level statements are the root node, node references and deletions")
  }

  /// Reads any `label:` prefixes.
  mutating func parseLabels() throws -> [String] {
    var labels: [String] = []
    while true {
      try scanner.skipTrivia()
      let start = scanner.index
      let word = scanner.readNameRun()
      guard !word.isEmpty, scanner.peek() == UInt8(ascii: ":") else {
        scanner.index = start
        return labels
      }
      guard DTSScanner.isLabel(word) else {
        throw scanner.error(
          at: start, "'\(word)' is not a valid label",
          hint: "labels are letters, digits and underscores, not starting with a digit")
      }
      scanner.index += 1
      labels.append(word)
    }
  }

  /// Reads `&label` or `&{/path}`; the `&` is next.
  mutating func parseReference() throws -> DTSReference {
    try scanner.skipTrivia()
    let start = scanner.index
    scanner.index += 1
    if scanner.peek() == UInt8(ascii: "{") {
      scanner.index += 1
      let pathStart = scanner.index
      while !scanner.atEnd,
        DTSScanner.isNameByte(scanner.peek()) || scanner.peek() == UInt8(ascii: "/")
      {
        scanner.index += 1
      }
      let path = String(decoding: scanner.bytes[pathStart..<scanner.index], as: UTF8.self)
      guard scanner.peek() == UInt8(ascii: "}"), path.hasPrefix("/") else {
        throw scanner.error(
          at: start, "malformed path reference", hint: "write &{/absolute/path/to/node}")
      }
      scanner.index += 1
      return DTSReference(target: .path(path), offset: start)
    }
    let labelStart = scanner.index
    while !scanner.atEnd, DTSScanner.isLabelByte(scanner.peek()) { scanner.index += 1 }
    let label = String(decoding: scanner.bytes[labelStart..<scanner.index], as: UTF8.self)
    guard DTSScanner.isLabel(label) else {
      throw scanner.error(
        at: start, "expected a label after '&', found \(scanner.describeNext())",
        hint: "references are &label or &{/path}")
    }
    return DTSReference(target: .label(label), offset: start)
  }
}
