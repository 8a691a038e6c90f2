/// What an open bracket belongs to, for error messages about closing it.
enum BracketContext {
  case call(String)
  case list
  case parenthesis
  case index

  /// The token that closes this bracket.
  var closer: Token.Kind {
    switch self {
    case .call, .parenthesis: .rightParen
    case .list, .index: .rightBracket
    }
  }

  /// The closing bracket as text.
  var closerSymbol: String { closer == .rightParen ? ")" : "]" }

  /// A noun phrase for messages, such as "the call to `kmalloc`".
  var phrase: String {
    switch self {
    case .call(let callee): "the call to `\(callee)`"
    case .list: "the list"
    case .parenthesis: "the parenthesis"
    case .index: "the index"
    }
  }

  /// Whether the bracket holds a comma-separated sequence.
  var isSequence: Bool {
    switch self {
    case .call, .list: true
    case .parenthesis, .index: false
    }
  }
}
