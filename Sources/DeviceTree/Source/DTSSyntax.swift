/// What a `&reference` names: a label or an absolute path (`&{/soc/dma@1000}`).
enum DTSReferenceTarget: Hashable {
  case label(String)
  case path(String)

  var spelled: String {
    switch self {
    case .label(let name): return "&" + name
    case .path(let path): return "&{" + path + "}"
    }
  }
}

/// A reference with its source offset.
struct DTSReference: Hashable {
  var target: DTSReferenceTarget
  var offset: Int
}

/// One piece of a property value, resolved once the whole tree is known.
enum DTSValuePart: Hashable {
  /// Literal bytes.
  case bytes([UInt8])
  /// A 32-bit cell holding the phandle of the referenced node.
  case phandle(DTSReference)
  /// The full path of the referenced node as a NUL-terminated string.
  case path(DTSReference)
}

/// A property as written: name, value parts and where it was defined.
struct DTSPropertyDefinition: Hashable {
  var name: String
  var parts: [DTSValuePart]
  var offset: Int
}

/// One entry of a node body, in order.
enum DTSNodeItem: Hashable {
  case property(DTSPropertyDefinition)
  case deleteProperty(name: String, offset: Int)
  case child(DTSNodeDefinition)
  case deleteChild(name: String, offset: Int)
}

/// A node body as written (`name { ... };`).
struct DTSNodeDefinition: Hashable {
  var name: String
  var labels: [String]
  var items: [DTSNodeItem]
  var offset: Int
  var omitIfNoReference: Bool
}

/// A top-level statement after the header.
enum DTSTopLevelItem: Hashable {
  /// `/ { ... };` (the first defines the root, later ones merge into it).
  case root(DTSNodeDefinition)
  /// `&label { ... };` or `&{/path} { ... };`: extends an existing node.
  case extend(DTSReference, DTSNodeDefinition)
  /// `/delete-node/ &label;`.
  case deleteNode(DTSReference)
  /// `/omit-if-no-ref/ &label;`.
  case omitIfNoReference(DTSReference)
}

/// A parsed source file before references are resolved.
struct DTSFile {
  var reservations: [(address: UInt64, size: UInt64, offset: Int)]
  var items: [DTSTopLevelItem]
}
