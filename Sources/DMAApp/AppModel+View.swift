import DMAPanels
import DMASim
import TermCanvas

extension AppModel {
  /// Draws the whole screen for the current state.
  public func view() -> Buffer {
    var buffer = Buffer(size: size)
    let minimum = Self.minimumSize
    guard size.width >= minimum.width, size.height >= minimum.height else {
      drawTooSmall(&buffer)
      return buffer
    }
    let rows = Layout.vertical(screenRows).split(buffer.area)
    var barModel = StatusBarModel(
      machine: machine, title: scenario.title, running: running,
      speed: running ? effectiveStepsPerSecond : stepsPerSecond, message: message,
      lecture: runPacing == .lecture)
    barModel.fastForward = running && fastForward != nil
    let statusBar = StatusBar(look: panelLook, model: barModel)
    statusBar.render(in: rows[0], buffer: &buffer)
    if let quiz, quiz.verdict == nil {
      // The panels would often answer the question (the wire, the CPU's view of a buffer):
      // they are hidden until it is answered or skipped, and show again with the verdict.
      buffer.setString(
        " The panels are hidden until the question is answered: they would give it away.",
        x: rows[1].x, y: rows[1].y, style: theme.style(.dim), maxWidth: rows[1].width,
        ellipsis: glyphs.ellipsis)
    } else {
      drawBody(in: rows[1], buffer: &buffer)
    }
    drawNarration(in: rows[2], buffer: &buffer)
    if let quiz {
      let bar = theme.style(.footer)
      buffer.fill(rows[3], with: Cell(symbol: " ", style: bar))
      let keys =
        quiz.verdict != nil
        ? "any key goes on"
        : (quiz.answerKeys.map { "\($0) answer" } ?? "Enter answer") + "  Esc skip"
      buffer.setString(
        "Question: " + keys, x: 0, y: rows[3].y, style: theme.style(.footerKey),
        maxWidth: rows[3].width, ellipsis: glyphs.ellipsis)
    } else if let query = findLine {
      buffer.fill(rows[3], with: Cell(symbol: " ", style: theme.style(.footer)))
      buffer.setString(
        "/" + query + "_", x: 0, y: rows[3].y, style: theme.style(.footerKey),
        maxWidth: rows[3].width)
    } else if let command = commandLine {
      let bar = theme.style(.footer)
      buffer.fill(rows[3], with: Cell(symbol: " ", style: bar))
      buffer.setString(
        ":" + command + "_", x: 0, y: rows[3].y, style: theme.style(.footerKey),
        maxWidth: rows[3].width)
    } else if let message, message.count > statusBar.messageRoom(width: rows[0].width) {
      // A message the status bar cuts (a watchpoint hit's accessor, old and new bytes and
      // mapping) is shown in place of the key hints until the next key clears it: a
      // breakpoint stop's detail alone (the status bar shows which breakpoint), else all of it.
      let shown = messageDetail.flatMap { $0.message == message ? $0.detail : nil } ?? message
      buffer.fill(rows[3], with: Cell(symbol: " ", style: theme.style(.footer)))
      buffer.setString(
        " " + shown, x: 0, y: rows[3].y, style: theme.style(.footerKey),
        maxWidth: rows[3].width, ellipsis: glyphs.ellipsis)
    } else {
      KeyHintBar(hints: keyMap.hints, theme: theme).render(in: rows[3], buffer: &buffer)
    }
    if let popup {
      PopupOverlay(title: popup.title, lines: popup.lines, theme: theme, glyphs: glyphs)
        .render(in: rows[1], buffer: &buffer)
    }
    if let quiz {
      QuizOverlay(
        question: quiz.question, choices: quiz.choices, typed: quiz.typed,
        answerKeys: quiz.answerKeys, verdict: quiz.verdict, explanation: quiz.explanation,
        score: quizScore.text, theme: theme, glyphs: glyphs
      ).render(in: rows[1], buffer: &buffer)
    }
    if showHelp {
      helpOverlay.render(in: buffer.area, buffer: &buffer)
    }
    return buffer
  }

  /// Where each visible panel is drawn for a body area (the mouse and the view share it).
  func panelRects(in area: Rect) -> [(panel: PanelID, rect: Rect)] {
    if zoomed { return [(focus, area)] }
    let halves = Layout.vertical([.percentage(48), .fill(1)]).split(area)
    if area.width >= 150 {
      // Wide terminals: three panels in each row, the log bottom right.
      let columns: [Constraint] = [.percentage(34), .percentage(33), .fill(1)]
      let top = Layout.horizontal(columns).split(halves[0])
      let bottom = Layout.horizontal(columns).split(halves[1])
      return [
        (.addressSpaces, top[0]), (.cache, top[1]), (.queues, top[2]),
        (.pageTable, bottom[0]), (.cma, bottom[1]), (.log, bottom[2]),
      ]
    }
    let top = Layout.horizontal([.percentage(50), .fill(1)]).split(halves[0])
    let bottom = Layout.horizontal([.percentage(50), .fill(1)]).split(halves[1])
    return [(topLeft, top[0]), (.cache, top[1]), (bottomLeft, bottom[0]), (.log, bottom[1])]
  }

  /// The body area of the current size (between the status bar and the narration).
  var bodyArea: Rect {
    Layout.vertical(screenRows).split(Rect(x: 0, y: 0, width: size.width, height: size.height))[1]
  }

  private func drawBody(in area: Rect, buffer: inout Buffer) {
    let rects = panelRects(in: area)
    for (panel, rect) in rects {
      drawPanel(
        panel, in: rect, buffer: &buffer, twin: zoomed || rects.count > 4 ? nil : twin(of: panel))
    }
  }

  /// The panel that shares a slot with `panel` in the four-slot layout.
  private func twin(of panel: PanelID) -> PanelID? {
    switch panel {
    case .addressSpaces: .pageTable
    case .pageTable: .addressSpaces
    case .queues: .cma
    case .cma: .queues
    default: nil
    }
  }

  private func drawPanel(_ panel: PanelID, in area: Rect, buffer: inout Buffer, twin: PanelID?) {
    let focused = panel == focus
    var right: String?
    switch panel {
    case .log:
      let count = debugger.breakpoints.count
      let marks = count > 0 ? "\(count) bp" : ""
      right = logScroll > 0 ? "-\(logScroll) \(marks)" : (marks.isEmpty ? nil : marks)
    default: right = nil
    }
    if let twin { right = "\(twin.rawValue + 1) \(twin.title)" }
    let block = Block(
      title: "\(panel.rawValue + 1) \(panel.title)", focused: focused, theme: theme, glyphs: glyphs,
      titleRight: right)
    block.render(in: area, buffer: &buffer)
    let inner = block.inner(area)
    let context = panelContext
    switch panel {
    case .addressSpaces:
      AddressSpacePanel(
        context: context, buffer: selectedBuffer, scaleZoom: zoomed ? addressZoom : nil
      ).render(in: inner, buffer: &buffer)
    case .cache:
      CachePanel(
        look: panelLook,
        model: CachePanelModel(
          machine: machine, selected: focused ? cacheSelection : nil,
          detail: focused ? cacheSelection : cacheDetailRow,
          bufferPieces: selectedBuffer.map { machine.memory.pageTable.physicalRanges(of: $0) } ?? []
        )
      )
      .render(in: inner, buffer: &buffer)
    case .queues:
      ChannelQueuePanel(
        look: panelLook, model: ChannelQueuePanelModel(machine: machine, selected: foundDescriptor)
      ).render(in: inner, buffer: &buffer)
    case .log:
      let filter = logFilter
      var model = EventLogPanelModel(
        machine: machine, scrollBack: logScroll, rows: inner.height,
        shows: { filter?.shows($0) ?? true })
      model.wrapsEveryEntry = zoomed && focused
      EventLogPanel(look: panelLook, model: model).render(in: inner, buffer: &buffer)
    case .pageTable:
      PageTablePanel(
        look: panelLook, model: PageTablePanelModel(machine: machine, buffer: selectedBuffer)
      ).render(in: inner, buffer: &buffer)
    case .cma:
      CMAPanel(
        look: panelLook,
        model: CMAPanelModel(
          machine: machine, zoom: cmaZoom, cursorPage: focused ? cmaCursorPage : nil)
      ).render(in: inner, buffer: &buffer)
    }
  }

  private func drawTooSmall(_ buffer: inout Buffer) {
    let minimum = Self.minimumSize
    let lines = [
      "terminal too small: need \(minimum.width)x\(minimum.height)",
      "(now \(size.width)x\(size.height); enlarge it or press q)",
    ]
    for (index, text) in lines.enumerated() {
      let y = size.height / 2 - 1 + index
      let x = max(0, (size.width - text.count) / 2)
      buffer.setString(text, x: x, y: y, style: theme.style(.warning))
    }
  }
}

extension AppModel {
  /// The descriptor `/` found, while it still exists, for the queue panel to highlight.
  var foundDescriptor: DescriptorSelection? {
    guard case .descriptor(let reference) = selectedDescriptor, machine.descriptor(reference) != nil
    else { return nil }
    return DescriptorSelection(
      controller: reference.channel.controller, channel: reference.channel.channel,
      id: reference.id)
  }
}

extension AppModel {
  /// The cache row the detail pane shows while another panel has the focus: the first cached
  /// line of the selected buffer, else the cache selection.
  var cacheDetailRow: Int {
    guard let buffer = selectedBuffer else { return cacheSelection }
    let cache = machine.memory.cache
    let ranges = machine.memory.pageTable.physicalRanges(of: buffer)
    let lineSize = UInt64(cache.geometry.lineSize)
    return CachePanel.validSlots(in: cache).firstIndex { slot in
      let line = cache.lineAddress(of: slot).rawValue
      return ranges.contains { line < $0.upperBound && $0.lowerBound < line + lineSize }
    } ?? cacheSelection
  }
}
