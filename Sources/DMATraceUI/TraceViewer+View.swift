import DMAPanels
import DMATrace
import TermCanvas

extension TraceViewer {
  /// The keys the footer shows, most useful first (the last two always show).
  static let hints: [(key: String, action: String)] = [
    ("s", "step"), ("S", "back"), ("c", "continue"), ("/", "find"), ("w", "why"),
    (":", "break"), ("Tab", "device"), ("?", "help"), ("q", "quit"),
  ]

  /// The help box's groups.
  static let helpGroups: [(title: String, entries: [(keys: String, action: String)])] = [
    (
      "Stepping",
      [
        ("s Right", "apply the next event"), ("S Left", "go back one event"),
        ("c / C", "continue to the next / previous breakpoint"), ("g / G", "first / last event"),
      ]
    ),
    (
      "Finding",
      [
        ("/TEXT", "next event naming a DMA address, device or task"),
        ("n / N", "next / previous match"), ("w", "why: what the event pairs with"),
        ("Tab", "show the next device's mappings first"), ("Up Down", "scroll the mappings"),
      ]
    ),
    (
      "Commands",
      [
        (":break EVENT [if F == V]", "F: dev task dir cpu addr; EVENT * or finding"),
        (":delete [N]", "delete a breakpoint (all without N)"),
        (":goto STEP / :line N", "jump to a step or a trace line"), ("q", "quit"),
      ]
    ),
  ]

  var look: PanelLook { PanelLook(theme: theme, glyphs: glyphs) }

  /// Text as the glyph set can draw it (ASCII spellings under `--ascii`).
  func drawable(_ text: String) -> String { DrawableText.make(text, glyphs: glyphs) }

  /// Draws the frame.
  public func view() -> Buffer {
    var buffer = Buffer(size: size)
    let area = buffer.area
    guard area.width >= 20, area.height >= 8 else {
      buffer.setString("dmascope trace: the terminal is too small", x: 0, y: 0, style: .plain)
      return buffer
    }
    drawStatus(in: &buffer, width: area.width)
    let body = Rect(x: 0, y: 2, width: area.width, height: area.height - 3)
    let devices = timeline.devices.count
    let timelineHeight = min(devices + 3, max(4, body.height / 5))
    let logHeight = max(4, body.height / 3)
    let topHeight = max(3, body.height - timelineHeight - logHeight)
    let top = Rect(x: 0, y: body.y, width: area.width, height: topHeight)
    let leftWidth = area.width * 3 / 5
    let left = Rect(x: 0, y: top.y, width: leftWidth, height: top.height)
    let right = Rect(x: leftWidth, y: top.y, width: area.width - leftWidth, height: top.height)
    let timelineArea = Rect(
      x: 0, y: top.maxY, width: area.width, height: min(timelineHeight, area.height - 1 - top.maxY))
    let logArea = Rect(
      x: 0, y: timelineArea.maxY, width: area.width,
      height: max(0, area.height - 1 - timelineArea.maxY))
    panel(
      "Live mappings (\(debugger.state.mappings.values.reduce(0) { $0 + $1.count }))",
      mappingRows(width: left.width - 2),
      scroll: scroll, in: left, &buffer)
    panel("CMA by PFN · IOVA", cmaRows(width: right.width - 2), scroll: 0, in: right, &buffer)
    drawTimeline(in: timelineArea, &buffer)
    drawLog(in: logArea, &buffer)
    KeyHintBar(hints: Self.hints, theme: theme).render(
      in: Rect(x: 0, y: area.height - 1, width: area.width, height: 1), buffer: &buffer)
    switch mode {
    case .help:
      buffer.render(HelpOverlay(groups: Self.helpGroups, theme: theme, glyphs: glyphs), in: area)
    case .popup(let title, let lines):
      buffer.render(
        PopupOverlay(title: title, lines: lines, theme: theme, glyphs: glyphs), in: area)
    case .command(let text):
      buffer.fill(
        Rect(x: 0, y: area.height - 1, width: area.width, height: 1),
        with: Cell(symbol: " ", style: theme.style(.normal)))
      buffer.setString(":" + text, x: 0, y: area.height - 1, style: theme.style(.normal))
    case .find(let text):
      buffer.fill(
        Rect(x: 0, y: area.height - 1, width: area.width, height: 1),
        with: Cell(symbol: " ", style: theme.style(.normal)))
      buffer.setString("/" + text, x: 0, y: area.height - 1, style: theme.style(.normal))
    case .normal:
      break
    }
    return buffer
  }

  private func drawStatus(in buffer: inout Buffer, width: Int) {
    let bar = theme.style(.statusBar)
    buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), with: Cell(symbol: " ", style: bar))
    let analysis = debugger.analysis
    var text = " dmascope trace \(fileName)  step \(debugger.step)/\(debugger.count)"
    if let index = debugger.currentIndex {
      let event = analysis.events[index]
      text += "  line \(event.line)  t \(event.timestampText)"
    }
    text += "  findings \(analysis.findings.count)"
    if !debugger.breakpoints.isEmpty { text += "  breaks \(debugger.breakpoints.count)" }
    buffer.setLine(Line(drawable(text), style: bar), x: 0, y: 0, maxWidth: width)
    let second: Line
    if let message {
      second = Line(drawable(message), style: theme.style(.warning))
    } else if let index = debugger.currentIndex {
      let event = analysis.events[index]
      let findings = analysis.findings(at: index)
      let mark =
        findings.isEmpty ? "" : "  " + findings.map(\.check.rawValue).joined(separator: " ")
      second = Line([
        look.span("\(glyphs.bullet) \(event.name): ", .highlight),
        look.span(drawable(TraceEventText.summary(event)), .normal),
        look.span(mark, .violation),
      ])
    } else {
      second = Line(
        drawable("before the first event: s steps, c runs to a breakpoint, ? help"),
        style: theme.style(.dim))
    }
    buffer.setLine(second, x: 0, y: 1, maxWidth: width, ellipsis: glyphs.ellipsis)
  }

  private func panel(
    _ title: String, _ rows: [Line], scroll: Int, in area: Rect, _ buffer: inout Buffer
  ) {
    guard area.height >= 2, area.width >= 4 else { return }
    let block = Block(title: drawable(title), focused: false, theme: theme, glyphs: glyphs)
    buffer.render(block, in: area)
    let inner = block.inner(area)
    let start = min(scroll, max(0, rows.count - inner.height))
    for (row, line) in rows.dropFirst(start).prefix(inner.height).enumerated() {
      buffer.setLine(
        line, x: inner.x, y: inner.y + row, maxWidth: inner.width, ellipsis: glyphs.ellipsis)
    }
  }

  /// Devices in the mappings panel's order: the focused one, the current event's, the rest.
  func deviceOrder() -> [String] {
    var order: [String] = []
    if let focusDevice { order.append(focusDevice) }
    if let index = debugger.currentIndex, let device = debugger.analysis.events[index].device,
      !order.contains(device)
    {
      order.append(device)
    }
    for device in debugger.analysis.devices where !order.contains(device) { order.append(device) }
    return order
  }

  func mappingRows(width: Int) -> [Line] {
    let state = debugger.state
    let hex = TraceHex.short
    // Narrow panels drop the hashed %p column (the CPU address is not in a trace anyway).
    let showVA = width >= 58
    var rows: [Line] = [
      Line(
        Format.pad("DMA/IOVA", 12) + Format.pad("size", 6) + Format.pad("dir", 5)
          + Format.pad("PA", 12) + (showVA ? Format.pad("VA(%p)", 10) : "") + "line",
        style: look.style(.dim))
    ]
    let current = debugger.currentIndex.map { debugger.analysis.events[$0] }
    let currentAddress: UInt64? =
      current.flatMap { TraceQuery.ranges(of: $0).first?.0 }
    for device in deviceOrder() {
      let live = state.liveMappings(of: device)
      let pages = state.iova[device]?.count ?? 0
      let gone = state.devices[device]?.removed == true ? ", removed" : ""
      guard !live.isEmpty || device == current?.device || device == focusDevice else { continue }
      rows.append(
        Line([
          look.span(device, .title),
          look.span(
            "  \(live.count) live" + (pages > 0 ? ", \(pages) IOVA ranges" : "") + gone, .dim),
        ]))
      for mapping in live {
        let selected = mapping.device == current?.device && mapping.dmaAddress == currentAddress
        let dir: String
        switch mapping.direction {
        case .toDevice: dir = "TO"
        case .fromDevice: dir = "FROM"
        case .bidirectional: dir = "BIDI"
        case .none: dir = "NONE"
        }
        let va = mapping.virtualPointer.map { "#" + $0.suffix(8) } ?? "-"
        // `?` alone: unknown; a trailing `?`: the DMA address taken as physical.
        let pa = mapping.physical.map { hex($0) + (mapping.physicalAssumed ? "?" : "") } ?? "?"
        var text =
          Format.pad(hex(mapping.dmaAddress), 12) + Format.pad(TraceEventText.size(mapping.size), 6)
          + Format.pad(dir, 5) + Format.pad(pa, 12) + (showVA ? Format.pad(va, 10) : "")
          + String(mapping.line)
        if mapping.bouncedFrom != nil { text += " bounced" }
        if mapping.kind != .single { text += " " + mapping.kind.rawValue }
        rows.append(Line(drawable(text), style: look.style(selected ? .selection : .normal)))
      }
    }
    if rows.count == 1 { rows.append(Line("nothing mapped yet", style: look.style(.dim))) }
    return rows
  }

  func cmaRows(width: Int) -> [Line] {
    let state = debugger.state
    let hex = TraceHex.short
    var rows: [Line] = []
    let ranges = state.cma.values.sorted { $0.pfn < $1.pfn }
    if ranges.isEmpty { rows.append(Line("no CMA allocation live", style: look.style(.dim))) }
    for range in ranges {
      let last = range.pfn &+ range.count &- 1
      let served = range.servedDevice.map { " \(glyphs.arrowRight) \($0)" } ?? ""
      rows.append(
        Line(
          drawable("\(hex(range.pfn))-\(hex(last)) \(range.count)p \(range.area)\(served)"),
          style: look.style(.addressPhysical)))
    }
    rows.append(Line("IOVA by device (lowest, top)", style: look.style(.dim)))
    for device in state.iova.keys.sorted() {
      let ranges = (state.iova[device] ?? [:]).values
      guard let low = ranges.map(\.iova).min() else { continue }
      let top = ranges.map { $0.iova &+ $0.size }.max() ?? low
      let head = "\(device) \(ranges.count): "
      let span = "\(hex(low))..\(hex(top))"
      // A narrow panel puts the range on a row of its own rather than cut it.
      for text in head.count + span.count <= width ? [head + span] : [head, "  " + span] {
        rows.append(Line(drawable(text), style: look.style(.addressBus)))
      }
    }
    if !state.unclaimedIOVA.isEmpty {
      let list = state.unclaimedIOVA.values.sorted { $0.iova < $1.iova }.prefix(2)
        .map { "\(hex($0.iova))\(glyphs.arrowRight)\(hex($0.physical))" }.joined(separator: " ")
      rows.append(
        Line(
          drawable("domain unknown \(state.unclaimedIOVA.count): \(list)"),
          style: look.style(.dim)))
    }
    return rows
  }

  private func drawTimeline(in area: Rect, _ buffer: inout Buffer) {
    guard area.height >= 3 else { return }
    let block = Block(
      title: drawable("Timeline: live mappings per device over the trace"), focused: false,
      theme: theme, glyphs: glyphs)
    buffer.render(block, in: area)
    let inner = block.inner(area)
    let nameWidth = min(14, inner.width / 4)
    let graphWidth = inner.width - nameWidth - 6
    guard graphWidth > 4, inner.height >= 1 else { return }
    let count = max(1, debugger.count)
    let cursor = min(graphWidth - 1, max(0, (debugger.step - 1) * graphWidth / count))
    let levels: [Character] =
      glyphs.ellipsis == "~"
      ? [" ", ".", ":", "-", "=", "+", "*", "#"]
      : [" ", "\u{2581}", "\u{2582}", "\u{2583}", "\u{2584}", "\u{2585}", "\u{2586}", "\u{2587}"]
    for (row, device) in timeline.devices.enumerated().prefix(inner.height) {
      let peak = max(1, timeline.peaks[row])
      let columns = timeline.columns(row, width: graphWidth)
      buffer.setString(
        Format.pad(String(device.suffix(nameWidth)), nameWidth), x: inner.x, y: inner.y + row,
        style: look.style(.title))
      for (x, value) in columns.enumerated() {
        var level = Int(value) * (levels.count - 1) / Int(peak)
        if value > 0 { level = max(1, level) }
        let role: Role = x == cursor ? .highlight : .addressBus
        let symbol = x == cursor && value == 0 ? "|" : String(levels[level])
        buffer.setString(
          symbol, x: inner.x + nameWidth + x, y: inner.y + row, style: look.style(role))
      }
      buffer.setString(
        " \(timeline.peaks[row])", x: inner.x + nameWidth + graphWidth, y: inner.y + row,
        style: look.style(.dim))
    }
    // The cursor under the rows, where there is room: `^ step N`.
    let cursorRow = timeline.devices.count
    if cursorRow < inner.height {
      let label = "^ step \(debugger.step)"
      let x = min(inner.x + nameWidth + cursor, inner.maxX - label.count)
      buffer.setString(
        label, x: max(inner.x, x), y: inner.y + cursorRow, style: look.style(.highlight))
    }
  }

  private func drawLog(in area: Rect, _ buffer: inout Buffer) {
    guard area.height >= 3 else { return }
    let block = Block(title: "Events", focused: false, theme: theme, glyphs: glyphs)
    buffer.render(block, in: area)
    let inner = block.inner(area)
    let analysis = debugger.analysis
    let last = debugger.step
    let first = max(0, last - inner.height)
    var entries: [EventLogPanelModel.Entry] = []
    for index in first..<last {
      let event = analysis.events[index]
      let source: EventLogPanelModel.Source
      switch event.kind {
      case .iommuMap, .iommuUnmap, .iommuGroup, .iommuFault: source = .hardware
      default: source = .kernel
      }
      entries.append(
        EventLogPanelModel.Entry(
          step: index + 1, source: source, function: event.name,
          message: "L\(event.line) " + TraceEventText.summary(event)))
      for finding in analysis.findings(at: index) {
        entries.append(
          EventLogPanelModel.Entry(
            step: index + 1, source: .debug, function: "dma-debug",
            message: finding.prefix + finding.message))
      }
    }
    EventLogPanel(look: look, model: EventLogPanelModel(entries: entries, currentStep: last))
      .render(in: inner, buffer: &buffer)
  }
}

/// Column padding for the trace panels.
enum Format {
  /// `text` cut or padded with spaces to `width`, then one space.
  static func pad(_ text: String, _ width: Int) -> String {
    let cut = String(text.prefix(max(0, width - 1)))
    return cut + String(repeating: " ", count: max(0, width - cut.count))
  }
}
