import TermCanvas

/// The event log, newest at the bottom: step, tick, the kernel function or hardware action, and
/// its message in the kernel's words.
public struct EventLogPanel: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: EventLogPanelModel

  /// Creates the panel.
  public init(look: PanelLook, model: EventLogPanelModel) {
    self.look = look
    self.model = model
  }

  /// Rows one entry may take when it wraps.
  static let maximumWrappedRows = 4

  /// Draws the panel's content (no border) into `area`. Entries of the current step (the
  /// newest ones, when not scrolled back), or every entry when `wrapsEveryEntry`, wrap onto
  /// indented rows so their whole message shows; other entries take one row each.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.height > 0, area.width > 0 else { return }
    let scrollBack = model.scrollBack
    let wanted = area.height + max(0, scrollBack)
    let entries = Array(model.entries.suffix(wanted).prefix(area.height))
    let functionWidth = area.width >= 100 ? 24 : 0
    let currentStep = model.currentStep
    // Build rows from the newest entry up until the panel is full.
    var rows: [Line] = []
    for entry in entries.reversed() {
      guard rows.count < area.height else { break }
      let role: Role
      switch entry.source {
      case .kernel: role = .logKernel
      case .hardware: role = .logHardware
      case .debug: role = .violation
      case .narration: role = .logNarration
      }
      let stepSpan = look.span(
        Format.fit(String(entry.step), 4) + " ", entry.step == currentStep ? .highlight : .dim)
      var head: [Span] = [stepSpan]
      let body: String
      let bodyRole: Role
      if functionWidth > 0 {
        head.append(
          look.span(
            Format.fit(entry.function, functionWidth, ellipsis: look.glyphs.ellipsis) + " ", role))
        body = look.drawable(entry.message)
        bodyRole = entry.source == .debug ? .violation : .normal
      } else {
        body = look.drawable(
          entry.source == .narration ? entry.message : "\(entry.function): \(entry.message)")
        bodyRole = role
      }
      let indent = head.reduce(0) { $0 + $1.text.count }
      let room = area.width - indent
      let wrapsAll = model.wrapsEveryEntry && room >= 16
      let wraps = wrapsAll || (scrollBack == 0 && entry.step == currentStep && room >= 16)
      let limit = wrapsAll ? area.height : Self.maximumWrappedRows
      let pieces =
        wraps
        ? Self.wrap(body, width: room, rows: min(limit, area.height - rows.count))
        : [body]
      var entryRows = [Line(head + [look.span(pieces[0], bodyRole)])]
      for piece in pieces.dropFirst() {
        entryRows.append(
          Line([
            look.span(String(repeating: " ", count: indent), .normal),
            look.span(piece, bodyRole),
          ]))
      }
      rows = entryRows + rows
    }
    let shown = rows.suffix(area.height)
    for (row, line) in shown.enumerated() {
      buffer.setLine(
        line, x: area.x, y: area.y + row, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
    }
  }

  /// `text` cut into at most `rows` pieces of at most `width` characters, at spaces where
  /// possible; the last piece keeps the rest (cut by the panel edge).
  static func wrap(_ text: String, width: Int, rows: Int) -> [String] {
    var pieces: [String] = []
    var rest = Substring(text)
    while rest.count > width, pieces.count < max(1, rows) - 1 {
      let window = rest.prefix(width + 1)
      let cut = window.lastIndex(of: " ").flatMap { $0 > rest.startIndex ? $0 : nil }
      let end = cut ?? rest.index(rest.startIndex, offsetBy: width)
      pieces.append(String(rest[..<end]))
      rest = rest[end...].drop { $0 == " " }
    }
    pieces.append(String(rest))
    return pieces
  }
}
