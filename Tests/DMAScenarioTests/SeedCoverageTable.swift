import Foundation

/// The "Seed items shown as behaviour" table of `demos/README.md`: one row per item of the
/// five seed posts, with where the simulation shows it.
struct SeedCoverageTable {
  /// Where a row says its item is shown.
  enum Place: Equatable {
    /// `lesson`'s event log at `step` has a kernel, hardware or dma-debug line containing
    /// the text.
    case lesson(name: String, step: Int)
    /// `dmascope boot board` prints a line containing the text.
    case boot(board: String)
    /// Not shown yet, or not simulated; the reason (which names an issue for `not yet`).
    case missing(status: String, reason: String)
  }

  /// One row of the table.
  struct Row {
    /// The line of `demos/README.md` the row is on (1-based), for failure messages.
    var line: Int
    var seed: String
    var kind: String
    var item: String
    var place: Place
    /// The text the log must contain (empty for `missing` rows).
    var text: String
  }

  /// The heading the table follows.
  static let heading = "## Seed items shown as behaviour"

  var rows: [Row] = []
  /// Rows that do not follow the format, as `line: problem`.
  var problems: [String] = []

  /// Parses the first table after `heading` in `markdown`.
  init(markdown: String) {
    let lines = markdown.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: Self.heading) else {
      problems.append("no '\(Self.heading)' heading")
      return
    }
    var seenTable = false
    for index in (start + 1)..<lines.count {
      let line = lines[index]
      guard line.hasPrefix("|") else {
        if seenTable { break }
        continue
      }
      seenTable = true
      let cells = Self.cells(line)
      if cells.first == "Seed" || cells.allSatisfy({ $0.allSatisfy { "-:".contains($0) } }) {
        continue
      }
      guard cells.count == 6 else {
        problems.append("\(index + 1): \(cells.count) cells, not 6")
        continue
      }
      switch Self.row(cells, line: index + 1) {
      case .success(let row): rows.append(row)
      case .failure(let problem): problems.append("\(index + 1): \(problem.text)")
      }
    }
  }

  /// A format problem of one row.
  struct Problem: Error {
    var text: String
  }

  private static func row(_ cells: [String], line: Int) -> Result<Row, Problem> {
    let (lessonCell, stepCell, shows) = (cells[3], cells[4], cells[5])
    var row = Row(
      line: line, seed: cells[0], kind: cells[1], item: cells[2],
      place: .missing(status: lessonCell, reason: shows), text: "")
    if lessonCell == "not yet" || lessonCell == "not simulated" {
      guard stepCell == "–" else {
        return .failure(Problem(text: "a \(lessonCell) row has a step"))
      }
      if lessonCell == "not yet", shows.range(of: #"issue \d+"#, options: .regularExpression) == nil
      {
        return .failure(Problem(text: "a not-yet row must name its issue"))
      }
      return .success(row)
    }
    guard let text = firstCode(shows), let name = firstCode(lessonCell) else {
      return .failure(Problem(text: "lesson and shown text must be `code`"))
    }
    row.text = text
    if name.hasPrefix("dmascope boot ") {
      guard stepCell == "boot" else {
        return .failure(Problem(text: "a boot row's step is 'boot'"))
      }
      row.place = .boot(board: String(name.dropFirst("dmascope boot ".count)))
    } else {
      guard let step = Int(stepCell), step >= 0 else {
        return .failure(Problem(text: "step '\(stepCell)' is not a number"))
      }
      row.place = .lesson(name: name, step: step)
    }
    return .success(row)
  }

  /// The cells of a table line, trimmed (a `|` inside backticks does not split).
  static func cells(_ line: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var inCode = false
    for character in line.dropFirst() {
      if character == "`" { inCode.toggle() }
      if character == "|" && !inCode {
        cells.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else {
        current.append(character)
      }
    }
    return cells
  }

  /// The text between the first pair of backticks.
  static func firstCode(_ cell: String) -> String? {
    let parts = cell.components(separatedBy: "`")
    return parts.count >= 3 ? parts[1] : nil
  }
}
