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
