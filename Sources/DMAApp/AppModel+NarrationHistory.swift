import DMAPanels
import DMASim

extension AppModel {
  /// The narrations said so far, oldest first: each step's `say`s (and `ask`) together, as the
  /// narration area shows them, from the log the machine still holds.
  public var narrationHistory: [(step: Int, texts: [String])] {
    var groups: [(step: Int, texts: [String])] = []
    for entry in machine.log.suffix(machine.log.retainedCount)
    where entry.source == .narration && (entry.function == "say" || entry.function == "ask") {
      if let last = groups.last, last.step == entry.step {
        groups[groups.count - 1].texts.append(entry.message)
      } else {
        groups.append((entry.step, [entry.message]))
      }
    }
    return groups
  }

  /// `<` and `>`: page the narration area back and forth through earlier narrations; the
  /// simulation stays where it is, and the next step shows the current one again.
  mutating func pageNarration(by offset: Int) {
    let count = narrationHistory.count
    guard count > 1 else {
      message = "no earlier narration"
      return
    }
    let wanted = narrationBack + offset
    if wanted >= count {
      message = "that is the first narration: > goes forward"
    } else if wanted < 0 {
      message = "this is the current narration: < pages back"
    }
    narrationBack = max(0, min(wanted, count - 1))
  }

  /// The narration area's model: the current narration, or an earlier one with a caption
  /// saying which.
  var narrationModel: NarrationPanelModel {
    var model = NarrationPanelModel(machine: machine, finishedNote: quizNote)
    if let quiz, quiz.verdict == nil, machine.program.actions.indices.contains(quiz.actionIndex) {
      // While the question is open the row names it, not the statement after it (an
      // `expect` there would give the answer away).
      let ask = machine.program.actions[quiz.actionIndex]
      model.status = .running(line: ask.line, text: NarrationPanelModel.withoutAnswer(ask))
    }
    if let quizRecap, narrationBack == 0 { model.narrations += quizRecap }
    if narrationBack > 0 {
      let history = narrationHistory
      let index = history.count - 1 - narrationBack
      if history.indices.contains(index) {
        model.narrations = history[index].texts
        model.caption =
          "earlier narration, step \(history[index].step) (\(narrationBack) back):"
          + " > newer, < older"
      }
    }
    return model
  }
}
