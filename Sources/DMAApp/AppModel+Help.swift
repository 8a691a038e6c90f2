import DMAPanels
import TermCanvas

extension AppModel {
  /// The help overlay as the current size draws it: the focused panel's legend (what its
  /// letters, glyphs and columns mean), then every key.
  var helpOverlay: HelpOverlay {
    guard helpShowsLegend else {
      var overlay = HelpOverlay(
        groups: keyMap.helpGroups, theme: theme, glyphs: glyphs, scroll: helpScroll)
      overlay.closeHint = "press ? for the \(focus.title) legend, Esc to close"
      return overlay
    }
    let title = "\(focus.title)" + (zoomed ? " (zoomed)" : "")
    var overlay = HelpOverlay(
      groups: [
        (title, PanelLegend.entries(for: focus, glyphs: glyphs, zoomed: zoomed))
      ], theme: theme, glyphs: glyphs, scroll: helpScroll)
    overlay.title = "Legend"
    return overlay
  }

  /// Scrolls the open help like `less` when the command is a movement (Up/Down a line,
  /// PgUp/PgDn a page); returns whether it was one.
  mutating func scrollHelp(_ command: Command) -> Bool {
    let area = Rect(x: 0, y: 0, width: size.width, height: size.height)
    let page = HelpOverlay.pageHeight(in: area)
    let limit = helpOverlay.maximumScroll(in: area)
    switch command {
    case .scrollUp: helpScroll -= 1
    case .scrollDown: helpScroll += 1
    case .pageUp: helpScroll -= page
    case .pageDown: helpScroll += page
    default: return false
    }
    helpScroll = max(0, min(helpScroll, limit))
    if limit == 0 { message = "the whole key list fits: ? or Esc closes it" }
    return true
  }
}
