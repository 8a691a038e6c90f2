import DMASim

extension Lowerer {
  /// `ask "question" [choices("a", "b")] answer "a" [explain "why"]`: a quiz prompt; the
  /// explanation shows after either answer.
  mutating func lowerAsk(_ arguments: [Expression], _ range: SourceRange, _ statement: Statement) {
    let usage = "for example `ask \"What does the CPU read now?\" answer \"stale\"`"
    guard let first = arguments.first, case .string(let question) = first.kind else {
      error("`ask` needs a question in double quotes", at: range, hint: usage)
      return
    }
    var answer: String?
    var explanation: String?
    var choices: [String] = []
    var index = 1
    while index < arguments.count {
      let keyword = arguments[index]
      if case .call("choices", let items) = keyword.kind {
        guard let list = choiceList(items.map(\.value), keyword.range) else { return }
        choices = list
        index += 1
        continue
      }
      guard case .identifier(let name) = keyword.kind,
        ["answer", "choices", "explain"].contains(name)
      else {
        error(
          "expected `answer`, `choices` or `explain` after the question", at: keyword.range,
          hint: usage + ", with `choices(\"stale\", \"fresh\")` before `answer` and "
            + "`explain \"...\"` after it")
        return
      }
      var values: [Expression] = []
      var next = index + 1
      while next < arguments.count, case .string = arguments[next].kind {
        values.append(arguments[next])
        next += 1
      }
      if name == "answer" {
        guard values.count == 1, case .string(let text) = values[0].kind, !text.isEmpty else {
          error("`answer` takes one non-empty string", at: keyword.range, hint: usage)
          return
        }
        answer = text
      } else if name == "explain" {
        guard values.count == 1, case .string(let text) = values[0].kind, !text.isEmpty else {
          error(
            "`explain` takes one non-empty string", at: keyword.range,
            hint: "for example `explain \"the cache still holds the old line\"`")
          return
        }
        explanation = text
      } else {
        guard let list = choiceList(values, keyword.range) else { return }
        choices = list
      }
      index = next
    }
    guard let answer else {
      error("`ask` needs the expected answer", at: range, hint: usage)
      return
    }
    if !choices.isEmpty, !choices.contains(answer) {
      error(
        "the answer \"\(answer)\" is not one of the choices", at: range,
        hint: "choices: \(choices.map { "\"\($0)\"" }.joined(separator: ", "))")
      return
    }
    append(
      .ask(question: question, answer: answer, choices: choices, explanation: explanation),
      statement)
  }

  private mutating func choiceList(_ items: [Expression], _ range: SourceRange) -> [String]? {
    var choices: [String] = []
    for item in items {
      guard case .string(let text) = item.kind, !text.isEmpty else {
        error("each choice must be a non-empty string", at: item.range)
        return nil
      }
      choices.append(text)
    }
    guard choices.count >= 2 else {
      error(
        "`choices` needs at least two strings", at: range,
        hint: "for example `choices(\"stale\", \"fresh\")`")
      return nil
    }
    return choices
  }
}
