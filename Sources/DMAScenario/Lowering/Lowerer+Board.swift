import DMASim

/// What a `board` statement names: a built-in board or a device-tree file.
enum BoardRequest: Hashable, Sendable {
  /// `board soc` or `board arm64-cma-soc`.
  case builtIn(String, SourceRange)
  /// `board "boards/my.dtb"`.
  case file(String, SourceRange)

  var range: SourceRange {
    switch self {
    case .builtIn(_, let range), .file(_, let range): range
    }
  }
}

extension Lowerer {
  /// `board NAME` or `board "file.dtb"`: the board the scenario runs on.
  mutating func lowerBoard(_ arguments: [Expression], _ range: SourceRange) {
    guard arguments.count == 1 else {
      error(
        "`board` takes one board name or file", at: range,
        hint: "for example `board minimal`, `board arm64-cma-soc` or `board \"my-board.dtb\"`")
      return
    }
    let argument = arguments[0]
    if case .string(let path) = argument.kind {
      boardRequest = .file(path, argument.range)
    } else if let name = Self.dashedName(argument) {
      boardRequest = .builtIn(name, argument.range)
    } else {
      error(
        "`board` takes one board name or file", at: range,
        hint: "for example `board minimal`, `board arm64-cma-soc` or `board \"my-board.dtb\"`")
      return
    }
    resolveBoard()
  }

  /// `cmdline "cma=64M swiotlb=force"`: replaces the device-tree board's `bootargs`.
  mutating func lowerCommandLine(_ arguments: [Expression], _ range: SourceRange) {
    guard arguments.count == 1, case .string(let text) = arguments[0].kind else {
      error(
        "`cmdline` takes one string", at: range,
        hint: "for example `cmdline \"cma=64M swiotlb=force\"`")
      return
    }
    commandLine = (text, arguments[0].range)
    if boardRequest != nil { resolveBoard() }
  }

  /// Boots the requested board with the command line seen so far.
  mutating func resolveBoard() {
    guard let request = boardRequest else { return }
    let line = commandLine?.text
    // A profile given before `board` (arch, rodata, cachepolicy) survives the board choice.
    let profile = (board.architecture, board.linearMap, board.linearMapType)
    defer {
      (board.architecture, board.linearMap, board.linearMapType) = profile
      reapplyBoardOverrides()
    }
    do {
      switch request {
      case .builtIn(let name, let range):
        guard let found = try boards.builtIn(name, commandLine: line, profile: bootProfile)
        else {
          let names = BoardResolver.builtInNames
          error(
            "unknown board `\(name)`", at: range,
            hint: NameSuggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" }
              ?? "built-in boards: \(names.joined(separator: ", ")); or a file: "
              + "`board \"my-board.dtb\"`")
          return
        }
        board = found
      case .file(let path, _):
        board = try boards.file(
          path, scenarioFile: syntax.fileName, commandLine: line, profile: bootProfile)
      }
    } catch {
      let at =
        (line != nil && error.message.hasPrefix("bad kernel command line"))
        ? (commandLine?.range ?? request.range) : request.range
      self.error(error.message, at: at, hint: error.hint)
    }
  }

  /// `arm64-cma-soc` parses as identifiers joined by `-`; this puts the name back together.
  static func dashedName(_ expression: Expression) -> String? {
    switch expression.kind {
    case .identifier(let name): name
    case .integer(let value): String(value)
    case .binary(.subtract, let lhs, let rhs):
      dashedName(lhs).flatMap { left in dashedName(rhs).map { left + "-" + $0 } }
    default: nil
    }
  }
}
