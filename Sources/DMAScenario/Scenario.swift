import DMASim

/// A checked scenario, ready to run: its board, its program and how it was written.
public struct Scenario: Hashable, Sendable {
  /// The lesson or scenario title (`lesson "..."`).
  public var title: String
  /// The board it runs on (`board NAME`).
  public var board: Board
  /// The lowered statements.
  public var program: Program
  /// The seed for anything random (`seed N`; 0 by default).
  public var seed: UInt64
  /// The file name used in diagnostics.
  public var fileName: String
  /// The source, line by line, for the source view.
  public var sourceLines: [String]

  /// Creates a scenario.
  public init(
    title: String, board: Board, program: Program, seed: UInt64, fileName: String,
    sourceLines: [String]
  ) {
    self.title = title
    self.board = board
    self.program = program
    self.seed = seed
    self.fileName = fileName
    self.sourceLines = sourceLines
  }
}

/// What `ScenarioCompiler.compile` produces: a scenario when there were no errors, and every
/// diagnostic found.
public struct CompileResult: Sendable {
  /// The scenario, nil when any error was found.
  public var scenario: Scenario?
  /// Errors and warnings in source order.
  public var diagnostics: [Diagnostic]
}

/// Parses and checks scenario text.
public enum ScenarioCompiler {
  /// Compiles scenario source into a runnable scenario, collecting every error. `boards`
  /// resolves `board` statements (built-in boards only unless the caller can read files).
  public static func compile(
    _ source: String, fileName: String, boards: BoardResolver = .builtIn
  ) -> CompileResult {
    let parsed = ScenarioParser.parse(source, fileName: fileName)
    var lowerer = Lowerer(syntax: parsed.syntax, boards: boards)
    if !parsed.hasErrors { lowerer.lowerAll() }
    let diagnostics = (parsed.diagnostics + lowerer.diagnostics).sorted {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }
    let failed = diagnostics.contains { $0.severity == .error }
    return CompileResult(scenario: failed ? nil : lowerer.scenario, diagnostics: diagnostics)
  }
}
