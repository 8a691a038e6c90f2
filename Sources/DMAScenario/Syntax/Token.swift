/// A lexical token: the unit the parser works with.
struct Token: Hashable, Sendable {
  /// What a token is.
  enum Kind: Hashable, Sendable {
    case identifier(String)
    case integer(UInt64)
    case string(String)
    case leftParen
    case rightParen
    case leftBracket
    case rightBracket
    case comma
    case dot
    /// `=`
    case assign
    /// `||`
    case pipePipe
    /// `&&`
    case ampersandAmpersand
    /// `==`
    case equalEqual
    /// `!=`
    case bangEqual
    case less
    case lessEqual
    case greater
    case greaterEqual
    /// `|`
    case pipe
    case plus
    case minus
    case star
    case slash
    /// `!`
    case bang
    /// `;`: ends a statement (optional at the end of a line).
    case semicolon
    /// `{`
    case leftBrace
    /// `}`
    case rightBrace
    /// `:` after a label name (`err_map:`).
    case colon
    /// `->`: field access through a pointer (`desc->callback`).
    case arrow
    /// `++`
    case plusPlus
    /// `--`
    case minusMinus
    /// `+=`
    case plusAssign
    /// `-=`
    case minusAssign
    /// `&`: address-of as a prefix (`&done`); bitwise AND is not supported.
    case ampersand
    /// The end of a line that held at least one token.
    case newline
    /// The end of the source; always the last token.
    case endOfFile
    /// Text the lexer already reported an error for; the parser skips its statement quietly.
    case invalid
  }

  var kind: Kind
  var range: SourceRange

  /// How many columns to underline for this token (1 for tokens spanning lines or no text).
  var width: Int {
    guard range.start.line == range.end.line else { return 1 }
    return max(1, range.end.column - range.start.column)
  }

  /// Whether this token can begin an expression (invalid tokens count, so that they are
  /// consumed and reported quietly).
  var canStartExpression: Bool {
    switch kind {
    case .identifier, .integer, .string, .leftParen, .leftBracket, .minus, .bang, .ampersand,
      .invalid:
      true
    default:
      false
    }
  }
}
