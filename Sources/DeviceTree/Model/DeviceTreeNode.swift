/// A node: a name, labels (from source only), properties and children, all in file order.
public struct DeviceTreeNode: Hashable, Sendable {
  /// The full node name with its unit address (`memory@40000000`); the root's is empty.
  public var name: String
  /// Source labels attached to the node (`cma:`); a `.dtb` has none.
  public var labels: [String]
  /// Properties in file order.
  public var properties: [DeviceTreeProperty]
  /// Child nodes in file order.
  public var children: [DeviceTreeNode]

  /// Creates a node.
  public init(
    name: String, labels: [String] = [], properties: [DeviceTreeProperty] = [],
    children: [DeviceTreeNode] = []
  ) {
    self.name = name
    self.labels = labels
    self.properties = properties
    self.children = children
  }

  /// The name without the unit address (`memory`).
  public var baseName: String {
    guard let at = name.firstIndex(of: "@") else { return name }
    return String(name[..<at])
  }

  /// The unit address after `@`, if any (`40000000`).
  public var unitAddress: String? {
    guard let at = name.firstIndex(of: "@") else { return nil }
    return String(name[name.index(after: at)...])
  }

  /// The first property with a name.
  public func property(_ name: String) -> DeviceTreeProperty? {
    properties.first { $0.name == name }
  }

  /// Whether a property with that name is present.
  public func has(_ name: String) -> Bool { property(name) != nil }

  /// The index of the child a path component names: the exact name first, then (for a
  /// component without `@`) the first child whose name before `@` matches, as libfdt does.
  public func childIndex(matching component: String) -> Int? {
    if let exact = children.firstIndex(where: { $0.name == component }) { return exact }
    guard !component.contains("@") else { return nil }
    return children.firstIndex { $0.baseName == component }
  }

  /// The `compatible` strings (empty if absent).
  public var compatible: [String] { property("compatible")?.strings ?? [] }

  /// Whether `status` is absent, `okay` or `ok` (the kernel's "available").
  public var isAvailable: Bool {
    guard let status = property("status") else { return true }
    guard let text = status.string else { return false }
    return text == "okay" || text == "ok"
  }

  /// Whether the node sets `phandle` or `linux,phandle`, and to what.
  public var phandle: UInt32? {
    if let value = property("phandle")?.u32 { return value }
    return property("linux,phandle")?.u32
  }

  /// Sets a property, replacing the value in place if the name exists, else appending it.
  public mutating func setProperty(_ property: DeviceTreeProperty) {
    if let index = properties.firstIndex(where: { $0.name == property.name }) {
      properties[index].value = property.value
    } else {
      properties.append(property)
    }
  }

  /// The number of nodes in this subtree, this node included.
  public var subtreeCount: Int { 1 + children.reduce(0) { $0 + $1.subtreeCount } }
}
