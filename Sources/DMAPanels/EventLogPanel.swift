import DMASim
import TermCanvas

/// The event log, newest at the bottom: step, tick, the kernel function or hardware action, and
/// its message in the kernel's words.
public struct EventLogPanel: Widget {
  /// What to draw and how.
  public var context: PanelContext
  /// How many entries to skip back from the newest (0 shows the newest).
  public var scrollBack: Int

  /// Creates the panel.
  public init(context: PanelContext, scrollBack: Int = 0) {
    self.context = context
    self.scrollBack = scrollBack
  }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.height > 0 else { return }
    let wanted = area.height + max(0, scrollBack)
    let entries = Array(context.machine.log.suffix(wanted).prefix(area.height))
    let functionWidth = area.width >= 100 ? 24 : 0
    let currentStep = context.machine.stepCount
    for (row, entry) in entries.enumerated() {
      let role: Role
      switch entry.source {
      case .kernel: role = .logKernel
      case .hardware: role = .logHardware
      case .debug: role = .violation
      case .narration: role = .logNarration
      }
      var spans = [
        context.span(
          Format.fit(String(entry.step), 4) + " ", entry.step == currentStep ? .highlight : .dim)
      ]
      if functionWidth > 0 {
        spans.append(context.span(Format.fit(entry.function, functionWidth) + " ", role))
        spans.append(context.span(entry.message, entry.source == .debug ? .violation : .normal))
      } else {
        let text =
          entry.source == .narration ? entry.message : "\(entry.function): \(entry.message)"
        spans.append(context.span(text, role))
      }
      buffer.setLine(Line(spans), x: area.x, y: area.y + row, maxWidth: area.width)
    }
  }
}
