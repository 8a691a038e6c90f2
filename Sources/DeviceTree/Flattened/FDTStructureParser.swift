/// Walks the structure block token by token with an explicit stack (no recursion), building
/// nodes; checks every name, length and offset.
struct FDTStructureParser {
  let reader: FDTByteReader
  let header: FDTHeader
  let limits: DeviceTreeLimits
  private let start: Int
  private let end: Int
  private let stringsStart: Int
  private let stringsEnd: Int
  private var nodeCount = 0
  private var propertyCount = 0

  init(reader: FDTByteReader, header: FDTHeader, limits: DeviceTreeLimits) {
    self.reader = reader
    self.header = header
    self.limits = limits
    let structStart = Int(header.structOffset)
    start = structStart
    end = header.structSize.map { structStart + Int($0) } ?? Int(header.totalSize)
    stringsStart = Int(header.stringsOffset)
    stringsEnd = stringsStart + Int(header.stringsSize)
  }

  /// Parses the block and returns the root node.
  mutating func parse() throws -> DeviceTreeNode {
    var offset = start
    var stack: [DeviceTreeNode] = []
    var root: DeviceTreeNode?
    while true {
      let tokenOffset = offset
      let raw = try reader.u32(at: offset, expected: "a structure token", end: end)
      offset += 4
      guard let token = FlattenedDeviceTree.Token(rawValue: raw) else {
        throw reader.error(
          at: tokenOffset,
          "expected a structure token (FDT_BEGIN_NODE 1, FDT_END_NODE 2, FDT_PROP 3, FDT_NOP 4 "
            + "or FDT_END 9), found 0x\(String(raw, radix: 16))",
          hint: "the structure block is corrupt")
      }
      switch token {
      case .nop:
        continue
      case .beginNode:
        guard root == nil else {
          throw reader.error(
            at: tokenOffset, "expected FDT_END after the root node, found FDT_BEGIN_NODE",
            hint: "a tree has exactly one root node")
        }
        offset = try beginNode(at: offset, tokenOffset: tokenOffset, stack: &stack)
      case .property:
        guard !stack.isEmpty else {
          throw reader.error(
            at: tokenOffset, "expected FDT_BEGIN_NODE, found FDT_PROP outside any node",
            hint: "the structure block is corrupt")
        }
        offset = try property(at: offset, tokenOffset: tokenOffset, stack: &stack)
      case .endNode:
        guard let finished = stack.popLast() else {
          throw reader.error(
            at: tokenOffset, "found FDT_END_NODE without a matching FDT_BEGIN_NODE",
            hint: "the structure block is corrupt")
        }
        if stack.isEmpty {
          root = finished
        } else {
          stack[stack.count - 1].children.append(finished)
        }
      case .end:
        guard stack.isEmpty, let root else {
          throw reader.error(
            at: tokenOffset,
            "found FDT_END while \(stack.count) node(s) are still open"
              + (root == nil && stack.isEmpty ? " (no root node)" : ""),
            hint: "the structure block is truncated or corrupt")
        }
        return root
      }
    }
  }

  private mutating func beginNode(
    at offset: Int, tokenOffset: Int, stack: inout [DeviceTreeNode]
  ) throws -> Int {
    let (name, nul) = try reader.cString(at: offset, end: end, expected: "a node name")
    guard stack.count < limits.maximumDepth else {
      throw reader.error(
        at: tokenOffset, "nodes nest deeper than \(limits.maximumDepth) levels",
        hint: "the structure block is corrupt (unbalanced FDT_BEGIN_NODE tokens)")
    }
    nodeCount += 1
    guard nodeCount <= limits.maximumNodes else {
      throw reader.error(
        at: tokenOffset, "more than \(limits.maximumNodes) nodes",
        hint: "the structure block is corrupt")
    }
    stack.append(DeviceTreeNode(name: name))
    return align4(nul + 1)
  }

  private mutating func property(
    at offset: Int, tokenOffset: Int, stack: inout [DeviceTreeNode]
  ) throws -> Int {
    let length = Int(try reader.u32(at: offset, expected: "a property length", end: end))
    let nameOffset = Int(
      try reader.u32(at: offset + 4, expected: "a property name offset", end: end))
    let valueStart = offset + 8
    guard length <= end - valueStart else {
      throw reader.error(
        at: offset,
        "expected a property value of \(length) bytes, but the structure block ends at byte "
          + "\(end)",
        hint: "the blob is truncated or the property length is corrupt")
    }
    guard nameOffset < stringsEnd - stringsStart else {
      throw reader.error(
        at: offset + 4,
        "expected a property name offset inside the \(stringsEnd - stringsStart)-byte strings "
          + "block, found \(nameOffset)",
        hint: "the strings block is truncated or the offset is corrupt")
    }
    let (name, _) = try reader.cString(
      at: stringsStart + nameOffset, end: stringsEnd, expected: "a property name")
    propertyCount += 1
    guard propertyCount <= limits.maximumProperties else {
      throw reader.error(
        at: tokenOffset, "more than \(limits.maximumProperties) properties",
        hint: "the structure block is corrupt")
    }
    let value = Array(reader.bytes[valueStart..<(valueStart + length)])
    stack[stack.count - 1].properties.append(DeviceTreeProperty(name: name, value: value))
    return align4(valueStart + length)
  }

  private func align4(_ value: Int) -> Int { (value + 3) & ~3 }
}
