import DMAScenario
import DMASim

/// Turns the text after `if` into a `BreakCondition` with the scenario's own expression
/// language: the condition is checked and lowered as an `expect` at the end of the scenario,
/// and, for a function breakpoint, once per call site with the function's parameter names
/// (`dev, ptr, size, dir` for `dma_map_single`) standing for that call's arguments.
enum BreakConditionCompiler {
  /// The condition, or why it was refused (the compiler's own diagnostic).
  static func compile(_ text: String, for kind: Breakpoint.Kind, scenario: Scenario)
    -> Result<BreakCondition, Refusal>
  {
    var firstError: String?
    let general = lower(text, scenario: scenario, error: &firstError)
    var sites: [Int: Expectation] = [:]
    if case .call(let name) = kind,
      let signature = CallRegistry.declaration(named: name)
    {
      let parameters = parameterNames(signature.parameterList)
      let mentioned = identifiers(in: text).contains { parameters.contains($0) }
      if mentioned {
        for (index, action) in scenario.program.actions.enumerated()
        where action.operation.functionName == name {
          let bound = arguments(of: action.text, function: name, parameters: parameters)
          let substituted = substitute(text, bound)
          var siteError: String?
          if let expectation = lower(substituted, scenario: scenario, error: &siteError) {
            sites[index] = expectation
          } else if firstError == nil || general == nil {
            firstError = siteError ?? firstError
          }
        }
      }
    }
    guard general != nil || !sites.isEmpty else {
      return .failure(Refusal("condition `\(text)`: \(firstError ?? "cannot be evaluated")"))
    }
    return .success(BreakCondition(text: text, sites: sites, general: general))
  }

  /// `expect TEXT` lowered at the end of the scenario, nil with the first error's message.
  private static func lower(_ text: String, scenario: Scenario, error: inout String?)
    -> Expectation?
  {
    let source = scenario.sourceLines.joined(separator: "\n") + "\nexpect " + text + "\n"
    let result = ScenarioCompiler.compile(source, fileName: scenario.fileName)
    let added = scenario.sourceLines.count + 1
    if let diagnostic = result.diagnostics.first(where: {
      $0.severity == .error && $0.location.line >= added
    }) ?? result.diagnostics.first(where: { $0.severity == .error }) {
      error = diagnostic.message + (diagnostic.hint.map { " (\($0))" } ?? "")
      return nil
    }
    guard let last = result.scenario?.program.actions.last,
      case .expect(let expectation) = last.operation
    else {
      error = "not a comparison"
      return nil
    }
    return expectation
  }

  /// `dev, ptr, size, dir` → the names; `repeat=` and `[, offset]` forms lose their marks.
  static func parameterNames(_ list: String) -> [String] {
    list.split(separator: ",").map {
      String($0.filter { $0.isLetter || $0.isNumber || $0 == "_" })
    }.filter { !$0.isEmpty }
  }

  /// The identifiers of a text (words not followed by `(`).
  static func identifiers(in text: String) -> [String] {
    tokens(text).compactMap { $0.isIdentifier ? $0.text : nil }
  }

  /// Parameter name → argument text of one call statement (`h = dma_map_single(dev, buf, 64,
  /// DMA_TO_DEVICE)`); positional arguments in order, `name=value` by name.
  static func arguments(of statement: String, function: String, parameters: [String])
    -> [String: String]
  {
    let opening = Array(function + "(")
    let characters = Array(statement)
    guard characters.count >= opening.count,
      let at = (0...(characters.count - opening.count)).first(where: {
        Array(characters[$0..<($0 + opening.count)]) == opening
      }),
      let close = characters.lastIndex(of: ")"), at + opening.count <= close
    else { return [:] }
    let inner = characters[(at + opening.count)..<close]
    var pieces: [String] = []
    var depth = 0
    var current = ""
    var quoted = false
    for character in inner {
      if character == "\"" { quoted.toggle() }
      if !quoted, character == "(" || character == "[" { depth += 1 }
      if !quoted, character == ")" || character == "]" { depth -= 1 }
      if !quoted, depth == 0, character == "," {
        pieces.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    pieces.append(current)
    var bound: [String: String] = [:]
    var position = 0
    for piece in pieces.map({ $0.trimmingSpaces }) where !piece.isEmpty {
      if let equals = piece.firstIndex(of: "="), !piece.contains("=="),
        case let key = String(piece[..<equals]).trimmingSpaces, parameters.contains(key)
      {
        bound[key] = String(piece[piece.index(after: equals)...]).trimmingSpaces
      } else if position < parameters.count {
        bound[parameters[position]] = piece
        position += 1
      }
    }
    return bound
  }

  /// The text with each bound identifier replaced by its argument (in parentheses when it is
  /// more than one word).
  static func substitute(_ text: String, _ bound: [String: String]) -> String {
    tokens(text).map { token in
      guard token.isIdentifier, let value = bound[token.text] else { return token.text }
      return value.contains(" ") ? "(\(value))" : value
    }.joined()
  }

  private struct Token {
    var text: String
    var isIdentifier: Bool
  }

  private static func tokens(_ text: String) -> [Token] {
    var result: [Token] = []
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character.isLetter || character == "_" {
        var end = index
        while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" {
          end = text.index(after: end)
        }
        let rest = text[end...].drop { $0 == " " }
        result.append(Token(text: String(text[index..<end]), isIdentifier: rest.first != "("))
        index = end
      } else if character.isNumber {
        var end = index
        while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "_" {
          end = text.index(after: end)
        }
        result.append(Token(text: String(text[index..<end]), isIdentifier: false))
        index = end
      } else {
        result.append(Token(text: String(character), isIdentifier: false))
        index = text.index(after: index)
      }
    }
    return result
  }
}
