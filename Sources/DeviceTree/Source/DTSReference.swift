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
