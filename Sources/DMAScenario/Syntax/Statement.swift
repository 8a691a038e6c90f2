/// One statement of a scenario: a call (optionally assigned to a variable), a directive, or a
/// piece of the C-like driver subset (functions, `if`, loops, `goto`, declarations).
public struct Statement: Hashable, Sendable {
  /// The statement forms.
  public indirect enum Kind: Hashable, Sendable {
    /// `[name =] callee(arguments)`. `calleeRange` covers the callee's name only.
    case call(
      assignTo: String?, callee: String, arguments: [Argument], calleeRange: SourceRange)
    /// `keyword arg arg …`, such as `run 100 ticks`. `keywordRange` covers the keyword only.
    case directive(keyword: String, arguments: [Expression], keywordRange: SourceRange)
    /// `static void rx_done(void *param) { … }`: a function definition.
    case function(FunctionDefinition)
    /// `if (condition) … else …`; each branch is a block (one statement without braces).
    case ifElse(condition: Expression, then: [Statement], otherwise: [Statement]?)
    /// `while (condition) …`.
    case whileLoop(condition: Expression, body: [Statement])
    /// `for (initializer; condition; step) …`; each part may be missing.
    case forLoop(
      initializer: Statement?, condition: Expression?, step: Statement?, body: [Statement])
    /// `{ … }` on its own.
    case block([Statement])
    /// `goto label;`. `labelRange` covers the label's name.
    case goto(label: String, labelRange: SourceRange)
    /// `label:`.
    case label(String)
    /// `return;` or `return value;`.
    case returnStatement(Expression?)
    /// `break;`.
    case breakStatement
    /// `continue;`.
    case continueStatement
    /// `int i = 0;`, `struct completion done;`: a local variable, with its C type as written.
    case declaration(
      type: TypeName, name: String, nameRange: SourceRange, initializer: Expression?)
    /// `target op value`: `i = 0`, `ret = -ENODEV`, `d->callback = rx_done`, `i += 2`; `i++`
    /// and `i--` are `+= 1` and `-= 1`.
    case assignment(target: Expression, op: AssignmentOperator, value: Expression)
  }

  /// What the statement is.
  public var kind: Kind
  /// Where the statement is written, from its first character to the end of its last token
  /// (spanning continuation lines, excluding any trailing comment).
  public var range: SourceRange

  /// Creates a statement.
  public init(kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// The operator of an assignment statement.
public enum AssignmentOperator: String, Hashable, Sendable, CaseIterable {
  /// `=`
  case assign = "="
  /// `+=` (and `++`)
  case add = "+="
  /// `-=` (and `--`)
  case subtract = "-="
}

/// A C type as a declaration or parameter writes it: `int`, `struct completion`,
/// `struct dma_chan *`. Types are loose: dmascope reads what it needs from the words.
public struct TypeName: Hashable, Sendable {
  /// The words without qualifiers (`static`, `const`): `["struct", "dma_chan"]`.
  public var words: [String]
  /// How many `*` follow.
  public var pointerDepth: Int
  /// Where the type is written.
  public var range: SourceRange

  /// Creates a type name.
  public init(words: [String], pointerDepth: Int, range: SourceRange) {
    self.words = words
    self.pointerDepth = pointerDepth
    self.range = range
  }

  /// The type as C writes it: `struct dma_chan *`.
  public var text: String {
    words.joined(separator: " ")
      + (pointerDepth > 0 ? " " + String(repeating: "*", count: pointerDepth) : "")
  }
}

/// A parameter of a scenario function: `void *param`.
public struct FunctionParameter: Hashable, Sendable {
  /// The parameter's type.
  public var type: TypeName
  /// Its name.
  public var name: String
  /// Where the name is written.
  public var nameRange: SourceRange

  /// Creates a parameter.
  public init(type: TypeName, name: String, nameRange: SourceRange) {
    self.type = type
    self.name = name
    self.nameRange = nameRange
  }
}

/// `static void rx_done(void *param) { … }`.
public struct FunctionDefinition: Hashable, Sendable {
  /// The return type (`void`, `int`, `struct dma_chan *`).
  public var returnType: TypeName
  /// The function's name.
  public var name: String
  /// Where the name is written.
  public var nameRange: SourceRange
  /// The parameters (`(void)` has none).
  public var parameters: [FunctionParameter]
  /// The body's statements.
  public var body: [Statement]
  /// Where the closing `}` is.
  public var end: SourceRange

  /// Creates a definition.
  public init(
    returnType: TypeName, name: String, nameRange: SourceRange, parameters: [FunctionParameter],
    body: [Statement], end: SourceRange
  ) {
    self.returnType = returnType
    self.name = name
    self.nameRange = nameRange
    self.parameters = parameters
    self.body = body
    self.end = end
  }
}
