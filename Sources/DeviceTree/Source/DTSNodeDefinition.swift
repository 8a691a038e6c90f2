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
