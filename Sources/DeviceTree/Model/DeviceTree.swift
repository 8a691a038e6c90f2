/// A whole device tree: the root node, the memory reservation block and header facts.
///
/// Read one with `FlattenedDeviceTree.parse` (a `.dtb`) or `DeviceTreeSource.parse` (a
/// `.dts`), or `DeviceTree.load` for either. Nodes and properties keep file order.
public struct DeviceTree: Hashable, Sendable {
  /// The root node (name `""`).
  public var root: DeviceTreeNode
  /// `/memreserve/` entries, in order.
  public var reservations: [MemoryReservation]
  /// `boot_cpuid_phys` from the header (0 for source files).
  public var bootCPU: UInt32
  /// The format version the tree was read from (17 for source files).
  public var version: UInt32

  /// Creates a tree.
  public init(
    root: DeviceTreeNode, reservations: [MemoryReservation] = [], bootCPU: UInt32 = 0,
    version: UInt32 = 17
  ) {
    self.root = root
    self.reservations = reservations
    self.bootCPU = bootCPU
    self.version = version
  }

  /// Splits a path into components; nil unless it is absolute.
  static func components(of path: String) -> [String]? {
    guard path.hasPrefix("/") else { return nil }
    return path.split(separator: "/").map(String.init)
  }

  /// The child indices leading from the root to the node at `path`, or nil.
  public func indexPath(of path: String) -> [Int]? {
    guard let parts = Self.components(of: path) else { return nil }
    var indices: [Int] = []
    var node = root
    for part in parts {
      guard let index = node.childIndex(matching: part) else { return nil }
      indices.append(index)
      node = node.children[index]
    }
    return indices
  }

  /// The node at an absolute path (`/reserved-memory/linux,cma`); a component without a unit
  /// address also matches a node that has one (`/memory` finds `memory@40000000`).
  public func node(at path: String) -> DeviceTreeNode? {
    guard let indices = indexPath(of: path) else { return nil }
    return node(atIndexPath: indices)
  }

  /// The node reached by following child indices from the root.
  public func node(atIndexPath indices: [Int]) -> DeviceTreeNode? {
    var node = root
    for index in indices {
      guard node.children.indices.contains(index) else { return nil }
      node = node.children[index]
    }
    return node
  }

  /// The canonical path of the node at `path` (with full node names).
  public func canonicalPath(of path: String) -> String? {
    guard let indices = indexPath(of: path) else { return nil }
    return canonicalPath(ofIndexPath: indices)
  }

  /// The canonical path of the node reached by child indices.
  public func canonicalPath(ofIndexPath indices: [Int]) -> String? {
    var node = root
    var path = ""
    for index in indices {
      guard node.children.indices.contains(index) else { return nil }
      node = node.children[index]
      path += "/" + node.name
    }
    return path.isEmpty ? "/" : path
  }

  /// Every node with its path, in pre-order (parents before children, file order).
  public func allNodes() -> [(path: String, node: DeviceTreeNode)] {
    var result: [(path: String, node: DeviceTreeNode)] = []
    var stack: [(path: String, node: DeviceTreeNode)] = [("/", root)]
    while let (path, node) = stack.popLast() {
      result.append((path, node))
      let prefix = path == "/" ? "/" : path + "/"
      for child in node.children.reversed() {
        stack.append((prefix + child.name, child))
      }
    }
    return result
  }

  /// The path of a node's parent (`/soc` for `/soc/dma@1000`); nil for the root.
  public static func parentPath(of path: String) -> String? {
    guard path != "/", let slash = path.lastIndex(of: "/") else { return nil }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
  }
}
