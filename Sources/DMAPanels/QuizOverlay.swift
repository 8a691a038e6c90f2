import TermCanvas

/// The `ask` popup, centred over the panels: the question, its numbered choices (or the typed
/// answer), which keys answer and that Esc skips; once answered, the verdict and the
/// explanation.
public struct QuizOverlay: Widget {
  /// The question.
  public var question: String
  /// The choices, numbered from 1 (empty when the answer is typed).
  public var choices: [String]
  /// What the student has typed (questions without choices).
  public var typed: String
  /// The keys that answer, such as `1 or 2`; nil when the answer is typed.
  public var answerKeys: String?
  /// After an answer: the verdict (nil while the question is open).
  public var verdict: String?
  /// The `explain` text, shown with the verdict.
  public var explanation: String?
  /// The score so far, such as `quiz: 1/2`.
  public var score: String
  /// Colours.
  public var theme: Theme
  /// Border characters and ASCII spellings.
  public var glyphs: Glyphs

  /// Creates the popup.
  public init(
    question: String, choices: [String], typed: String, answerKeys: String?, verdict: String?,
    explanation: String?, score: String, theme: Theme, glyphs: Glyphs
  ) {
    self.question = question
    self.choices = choices
    self.typed = typed
    self.answerKeys = answerKeys
    self.verdict = verdict
    self.explanation = explanation
    self.score = score
    self.theme = theme
    self.glyphs = glyphs
  }

  /// The rows of the popup for a text width, in order.
  public func rows(width: Int) -> [Line] {
    func wrapped(_ text: String, _ role: Role, indent: Int = 0) -> [Line] {
      PopupOverlay.wrap(DrawableText.make(text, glyphs: glyphs), width: width, indent: indent)
        .map { Line($0, style: theme.style(role)) }
    }
    var rows = wrapped(question, .overlayTitle)
    rows.append(Line(""))
    if let verdict {
      rows += wrapped(verdict, .highlight)
      if let explanation { rows += wrapped(explanation, .overlay) }
      rows.append(Line(""))
      rows += wrapped("\(score). Press any key to go on.", .dim)
      return rows
    }
    if choices.isEmpty {
      rows += wrapped("answer> \(typed)_", .overlay)
      rows.append(Line(""))
      rows += wrapped("Type the answer and press Enter. Esc skips.", .dim)
    } else {
      for (index, choice) in choices.enumerated() {
        rows += wrapped("\(index + 1)) \(choice)", .overlay, indent: 3)
      }
      rows.append(Line(""))
      rows += wrapped("Press \(answerKeys ?? "a number") to answer. Esc skips.", .dim)
    }
    return rows
  }

  /// Draws the box centred in `area`, at most 76 columns wide. When the area is too short for
  /// every row, the key line stays and a `…` row marks what was left out.
  public func render(in area: Rect, buffer: inout Buffer) {
    let width = min(area.width, 76)
    guard width >= 8, area.height >= 3 else { return }
    let all = rows(width: width - 4)
    let height = min(area.height, all.count + 2)
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
      height: height)
    buffer.fill(box, with: Cell(symbol: " ", style: theme.style(.overlay)))
    let block = Block(
      title: verdict == nil ? "Question" : "Answer", focused: true, theme: theme, glyphs: glyphs)
    block.render(in: box, buffer: &buffer)
    let inner = block.inner(box)
    var shown = all
    if shown.count > inner.height, inner.height >= 2, let last = all.last {
      shown =
        Array(all.prefix(inner.height - 2))
        + [Line(String(glyphs.ellipsis), style: theme.style(.dim)), last]
    }
    for (row, line) in shown.prefix(inner.height).enumerated() {
      buffer.setLine(
        line, x: inner.x + 1, y: inner.y + row, maxWidth: max(0, inner.width - 1),
        ellipsis: glyphs.ellipsis)
    }
  }
}
