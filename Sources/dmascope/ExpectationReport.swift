import ArgumentParser
import DMASim

/// What a headless run says about the scenario's `expect`s and `ask`s, and its exit status.
struct ExpectationReport {
  var fileName: String
  var results: [ExpectationResult]
  var questions: [(question: String, answer: String, outcome: String?)]
  /// The quiz score line of the run, if it asked anything.
  var quizSummary: String?
  /// Whether the run stopped at a limit before the scenario's end: the summary then says the
  /// expectations passed before the stop, so no line reads as a pass of the whole scenario.
  var stoppedAtLimit = false

  /// Prints every failed expectation as `file:line: …` and a summary line to stderr; throws a
  /// non-zero exit when any failed.
  func finish() throws {
    let failed = results.filter { !$0.passed }
    for result in failed {
      // A `run until` that gave up is a failed wait and a BUG_ON a kernel BUG, not an `expect`.
      let what =
        switch result.kind {
        case .wait: "wait failed: \(result.text)"
        case .kernelBUG: "kernel BUG: \(result.text)"
        case .expectation: "expectation failed: expect \(result.text)"
        }
      Output.error(
        "\(fileName):\(result.line): \(what)\n"
          + "  actual:   \(result.actual)\n  expected: \(result.expected)")
    }
    for question in questions {
      Output.error(
        "\(fileName): ask \"\(question.question)\" answer \"\(question.answer)\""
          + (question.outcome.map { ": \($0)" } ?? ""))
    }
    guard !results.isEmpty || !questions.isEmpty else { return }
    let asked =
      questions.isEmpty
      ? "" : ", \(questions.count) question\(questions.count == 1 ? "" : "s") asked"
    Output.error(
      "\(fileName): \(results.count - failed.count) of \(results.count) expectation"
        + "\(results.count == 1 ? "" : "s") passed"
        + (stoppedAtLimit ? " before the run stopped at a limit" : "") + asked)
    if let quizSummary { Output.error("\(fileName): \(quizSummary)") }
    if !failed.isEmpty { throw ExitCode(1) }
  }

  /// The report for a machine at the end of a headless run.
  init(
    fileName: String, machine: Machine, outcomes: [Int: String] = [:], quizSummary: String? = nil
  ) {
    self.fileName = fileName
    self.quizSummary = quizSummary
    results = machine.expectationResults
    questions = machine.askedQuestions.compactMap { index in
      guard machine.program.actions.indices.contains(index),
        case .ask(let question, let answer, _, _) = machine.program.actions[index].operation
      else { return nil }
      return (question, answer, outcomes[index])
    }
  }
}
