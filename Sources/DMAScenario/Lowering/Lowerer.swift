import DMASim

/// Turns a syntax tree into a `Scenario`, checking names, kinds and constants on the way.
struct Lowerer {
  let syntax: ScenarioSyntax
  var diagnostics: [Diagnostic] = []
  var title: String?
  var board: Board = .minimal
  var seed: UInt64 = 0
  var actions: [Action] = []
  var variables: [String: ValueKind] = [:]
  /// Where `board` and `cmdline` find device-tree boards.
  var boards: BoardResolver = .builtIn
  /// The `board` statement's request, kept to boot again when `cmdline` follows it.
  var boardRequest: BoardRequest?
  /// The `cmdline` statement's text and where it is.
  var commandLine: (text: String, range: SourceRange)?
  /// The release and Kconfig values device-tree boards boot with (`kernel`, `config`).
  var bootProfile: BootProfile = .arm64
  /// The `config` statement's text (nil: the Kconfig defaults).
  var configText: String?
  /// Interleaved templates filled in so far, by variable name.
  var templates: [String: InterleavedTemplate] = [:]
  /// `cache` and `device` overrides seen so far, applied again when the board is booted again.
  var boardOverrides: [BoardOverride] = []
  /// The driver's control flow being lowered: loops, labels and jumps still to patch.
  var flow = ControlFlowState()

  init(syntax: ScenarioSyntax, boards: BoardResolver = .builtIn) {
    self.syntax = syntax
    self.boards = boards
  }

  /// The scenario built so far.
  var scenario: Scenario {
    Scenario(
      title: title ?? syntax.fileName, board: board,
      program: Program(title: title ?? syntax.fileName, actions: actions), seed: seed,
      fileName: syntax.fileName, sourceLines: syntax.lines)
  }

  mutating func lowerAll() {
    lowerStatements(syntax.statements)
    finishControlFlow()
  }

  /// Records an error at a range.
  mutating func error(_ message: String, at range: SourceRange, hint: String? = nil) {
    let line = range.start.line
    let text = syntax.lines.indices.contains(line - 1) ? syntax.lines[line - 1] : ""
    let length = range.end.line == line ? max(1, range.end.column - range.start.column) : 1
    diagnostics.append(
      Diagnostic(
        fileName: syntax.fileName, location: range.start, length: length, severity: .error,
        message: message, hint: hint, sourceLine: text))
  }

  /// The trimmed source text of a statement, for views.
  func text(of statement: Statement) -> String {
    let first = statement.range.start.line
    let last = max(first, statement.range.end.line)
    let lines = (first...last).compactMap {
      syntax.lines.indices.contains($0 - 1) ? syntax.lines[$0 - 1] : nil
    }
    return lines.map { $0.trimmingSpaces }.joined(separator: " ")
  }

  mutating func append(_ operation: Operation, result: String? = nil, _ statement: Statement) {
    actions.append(
      Action(
        operation: operation, result: result, line: statement.range.start.line,
        text: text(of: statement)))
  }

  mutating func lowerDirective(
    _ keyword: String, _ arguments: [Expression], _ range: SourceRange, _ statement: Statement
  ) {
    switch keyword {
    case "lesson":
      guard let text = singleString(arguments, keyword, range) else { return }
      title = text
    case "say":
      guard let text = singleString(arguments, keyword, range) else { return }
      append(.say(text), statement)
    case "pause":
      if let extra = arguments.first { error("`pause` takes no arguments", at: extra.range) }
      append(.pause, statement)
    case "seed":
      guard arguments.count == 1, let value = integer(arguments[0]) else {
        error("`seed` takes one integer", at: range, hint: "for example `seed 42`")
        return
      }
      seed = value
    case "board": lowerBoard(arguments, range)
    case "cmdline": lowerCommandLine(arguments, range)
    case "kernel": lowerKernel(arguments, range)
    case "config": lowerConfig(arguments, range)
    case "run": lowerRun(arguments, range, statement)
    case "expect": lowerExpect(arguments, range, statement)
    case "ask": lowerAsk(arguments, range, statement)
    case _ where lowerProfileDirective(keyword, arguments, range): break
    case "cache", "device": lowerBoardOverride(keyword, arguments, range)
    default:
      let suggestion = NameSuggestion.nearest(
        to: keyword, in: KernelFunctions.directives + KernelFunctions.callNames)
      error(
        "unknown statement `\(keyword)`", at: range,
        hint: suggestion.map { "did you mean `\($0)`?" }
          ?? "directives are \(KernelFunctions.directives.joined(separator: ", ")); calls need parentheses"
      )
    }
  }

  private mutating func lowerRun(
    _ arguments: [Expression], _ range: SourceRange, _ statement: Statement
  ) {
    if lowerRunUntil(arguments, range, statement) { return }
    if arguments.count == 2, let ticks = integer(arguments[0]),
      case .identifier(let unit) = arguments[1].kind, unit == "ticks" || unit == "tick"
    {
      guard ticks <= 1_000_000_000 else {
        error(
          "`run` for \(ticks) ticks is beyond the limit of 1000000000", at: arguments[0].range,
          hint: "split the wait, or wait for a completion instead")
        return
      }
      append(.runTicks(ticks), statement)
      return
    }
    error(
      "`run` expects `run N ticks`, `run until complete(cookie)` or `run until idle`", at: range,
      hint: "to wait for a transfer's callback, call `wait_for_completion(cookie)`")
  }

  private mutating func singleString(
    _ arguments: [Expression], _ keyword: String, _ range: SourceRange
  ) -> String? {
    guard arguments.count == 1, case .string(let text) = arguments[0].kind else {
      error("`\(keyword)` takes one string", at: range, hint: "for example `\(keyword) \"...\"`")
      return nil
    }
    return text
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    let characters = Array(self)
    var start = 0
    var end = characters.count
    while start < end, characters[start] == " " || characters[start] == "\t" { start += 1 }
    while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
    return String(characters[start..<end])
  }
}
