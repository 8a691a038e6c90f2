import DMAPanels
import TermCanvas

extension AppModel {
  /// The keys a mouse action stands for: focus the panel under the pointer, then move its
  /// selection to the clicked row or cell (the cache line, the CMA cell); the wheel scrolls.
  ///
  /// The runtime sends these keys as ordinary key messages, so a session with clicks records
  /// and replays like one typed on the keyboard.
  public func keys(for event: MouseEvent) -> [Key] {
    if popup != nil || showHelp {
      return event.kind == .press ? key(for: .cancel).map { [$0] } ?? [] : []
    }
    guard
      let (panel, rect) = panelRects(in: bodyArea).first(where: {
        $0.rect.contains(x: event.x, y: event.y)
      })
    else { return [] }
    var keys: [Key] = []
    if panel != focus, let focusKey = key(for: .focusPanel(panel.rawValue + 1)) {
      keys.append(focusKey)
    }
    switch event.kind {
    case .scrollUp: return keys + (key(for: .scrollUp).map { [$0] } ?? [])
    case .scrollDown: return keys + (key(for: .scrollDown).map { [$0] } ?? [])
    case .release: return []
    case .press: break
    }
    let inner = Rect(
      x: rect.x + 1, y: rect.y + 1, width: max(0, rect.width - 2),
      height: max(0, rect.height - 2))
    switch panel {
    case .cache: keys += cacheKeys(row: event.y - inner.y, inner: inner)
    case .cma: keys += cmaKeys(x: event.x - inner.x, y: event.y - inner.y, inner: inner)
    default: break
    }
    return keys
  }

  private func key(for command: Command) -> Key? {
    keyMap.bindings.first { $0.command == command }?.keys.first
  }

  private func repeated(_ command: Command, _ count: Int) -> [Key] {
    guard let key = key(for: command), count > 0 else { return [] }
    return Array(repeating: key, count: min(count, 512))
  }

  /// Moves the cache selection to the clicked row (the panel's two header rows excluded).
  private func cacheKeys(row: Int, inner: Rect) -> [Key] {
    let slots = CachePanel.validSlots(in: machine.memory.cache)
    let rows = max(0, inner.height - 2)
    guard row >= 2, !slots.isEmpty else { return [] }
    let selected = focus == .cache ? cacheSelection : 0
    let capacity = slots.count > rows ? max(1, rows - 1) : rows
    let first = max(0, min(selected - capacity + 1, slots.count - capacity))
    let target = first + row - 2
    guard target < slots.count, row - 2 < capacity else { return [] }
    let delta = target - cacheSelection
    return delta > 0 ? repeated(.scrollDown, delta) : repeated(.scrollUp, -delta)
  }

  /// Moves the CMA cursor to the clicked cell of the strip.
  private func cmaKeys(x: Int, y: Int, inner: Rect) -> [Key] {
    guard let area = machine.allocators.cmaAreas.first else { return [] }
    let shape = CMAPanel.stripShape(width: inner.width, height: inner.height, machine: machine)
    let column = x - 7
    let row = y - 2
    guard row >= 0, row < shape.rows, column >= 0, column < shape.columns else { return [] }
    let strip = CMAPanel.strip(
      area, allocations: machine.allocators.allocations, zoom: cmaZoom, cursorPage: cmaCursorPage,
      capacity: shape.rows * shape.columns)
    let per = Int64(strip.pagesPerCell)
    let target = Int64(strip.firstPage) + Int64(row * shape.columns + column) * per
    guard target < Int64(area.count) else { return [] }
    let current = Int64(cmaCursorPage) / per * per
    let cells = Int((target - current) / per)
    let rows = cells / shape.columns
    let rest = cells - rows * shape.columns
    var keys = rows > 0 ? repeated(.scrollDown, rows) : repeated(.scrollUp, -rows)
    keys += rest > 0 ? repeated(.moveRight, rest) : repeated(.moveLeft, -rest)
    return keys
  }
}
