import DMAPanels
import DMASim
import TermCanvas

extension AppModel {
  /// Applies one message and returns the effects the runtime must perform.
  public mutating func update(_ input: Message) -> [Effect] {
    switch input {
    case .resize(let newSize):
      size = newSize
      return []
    case .tick:
      guard running else { return [] }
      narrationBack = 0
      quizRecap = nil
      for _ in 0..<stepsPerTick where running { advanceRun() }
      return []
    case .key(let key):
      if key == .control("c") { return [.quit] }
      if quiz != nil { return answerQuiz(key) }
      if commandLine != nil { return editCommandLine(key) }
      if findLine != nil { return editFindLine(key) }
      if popup != nil {
        // Any key closes the box; Esc, q and w only close it.
        popup = nil
        if key == .escape || key == .character("q") || key == .character("w") { return [] }
      }
      guard let command = keyMap.command(for: key) else {
        message = "unknown key \(key.displayName): press ? for the key list"
        return []
      }
      message = nil
      return perform(command)
    }
  }

  /// Runs a command (from a key or the command line).
  mutating func perform(_ command: Command) -> [Effect] {
    if showHelp, scrollHelp(command) { return [] }
    if showHelp, command != .toggleHelp, command != .quit, command != .cancel {
      showHelp = false
    }
    switch command {
    case .quit:
      // Like htop and lazygit, q closes an open overlay first; Ctrl-C always quits.
      if showHelp {
        showHelp = false
        return []
      }
      return [.quit]
    case .step, .stepBack, .next, .reverseNext, .finish, .reverseFinish, .continueForward,
      .reverseContinue, .gotoFirst, .gotoLast:
      running = false
      navigate(command)
    case .toggleRun: toggleRun(pacing)
    case .runFreely:
      // During a lecture run, r lets it run on past the narrations instead of pausing it.
      if running, runPacing == .lecture {
        runPacing = .free
        fastForward = nil
      } else {
        toggleRun(.free)
      }
    case .faster:
      speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
      message = Self.speedText(stepsPerSecond)
      paceLectureRun()
    case .slower:
      speedIndex = max(speedIndex - 1, 0)
      message = Self.speedText(stepsPerSecond)
      paceLectureRun()
    case .toggleHelp:
      // ? shows the keys, a second ? the focused panel's legend, a third closes.
      if !showHelp {
        showHelp = true
      } else if !helpShowsLegend {
        helpShowsLegend = true
        helpScroll = 0
      } else {
        showHelp = false
      }
    case .cancel:
      if showHelp { showHelp = false } else { zoomed = false }
    case .focusNext:
      focus = PanelID(rawValue: (focus.rawValue + 1) % PanelID.allCases.count) ?? focus
    case .focusPrevious:
      let count = PanelID.allCases.count
      focus = PanelID(rawValue: (focus.rawValue + count - 1) % count) ?? focus
    case .focusPanel(let number): focus = PanelID(rawValue: number - 1) ?? focus
    case .toggleZoom: zoomed.toggle()
    case .scrollUp: move(by: 1)
    case .scrollDown: move(by: -1)
    case .pageUp: move(by: 10)
    case .pageDown: move(by: -10)
    case .breakOnSelection: breakOnSelection()
    case .openCommandLine: commandLine = ""
    case .redraw: return [.redraw]
    case .moveLeft: moveCMACursor(cells: -1)
    case .moveRight: moveCMACursor(cells: 1)
    case .zoomIn, .zoomOut:
      if focus == .addressSpaces {
        zoomAddressMap(in: command == .zoomIn)
      } else {
        zoomCMA(in: command == .zoomIn)
      }
    case .find: findLine = ""
    case .findNext: cycleFind(by: 1)
    case .findPrevious: cycleFind(by: -1)
    case .why: explainSelection()
    case .olderNarration: pageNarration(by: 1)
    case .newerNarration: pageNarration(by: -1)
    case .submitAnswer, .skipQuestion, .eraseAnswer:
      message = "no question is open"
    }
    return []
  }

  /// The status message for a speed: `speed 1 step/s`, `speed 20 steps/s`.
  static func speedText(_ stepsPerSecond: Int) -> String {
    "speed \(stepsPerSecond) step\(stepsPerSecond == 1 ? "" : "s")/s"
  }

  /// What the status line says at the end of the run; short enough for 80 columns beside
  /// the step, tick and `finished`.
  static let finishedMessage = "at the end: press S to step back"

  /// Starts a run with a pacing, or pauses the one going.
  private mutating func toggleRun(_ chosen: Pacing) {
    if running {
      running = false
    } else if machine.isFinished {
      message = Self.finishedMessage
    } else {
      runPacing = chosen
      running = true
      paceLectureRun()
    }
  }

  private mutating func navigate(_ command: Command) {
    narrationBack = 0
    quizRecap = nil
    let stop: Debugger.Stop
    switch command {
    case .step: stop = debugger.step()
    case .stepBack: stop = debugger.stepBack()
    case .next: stop = debugger.next()
    case .reverseNext: stop = debugger.reverseNext()
    case .finish: stop = debugger.finish()
    case .reverseFinish: stop = debugger.reverseFinish()
    case .continueForward: stop = debugger.continueForward()
    case .gotoFirst: stop = debugger.goto(step: 0)
    case .gotoLast: stop = debugger.gotoEnd()
    default: stop = debugger.reverseContinue()
    }
    logScroll = 0
    report(stop, stopsRunning: false)
    if [.step, .next, .finish, .continueForward].contains(command) { openQuizIfAsked() }
  }

  /// Turns a debugger stop into the status message (and stops a run when it must).
  mutating func report(_ stop: Debugger.Stop, stopsRunning: Bool) {
    switch stop {
    case .done:
      if stopsRunning, machine.isFinished {
        running = false
        message = Self.finishedMessage
      }
    case .breakpoint(let breakpoint):
      running = false
      let detail = debugger.lastHitDetail ?? breakpoint.text
      message =
        breakpoint.stopsBefore
        ? "\(breakpoint.label) \(breakpoint.id), \(detail), step \(machine.stepCount)"
        : "\(breakpoint.label) \(breakpoint.id) (\(breakpoint.kindText)) at step "
          + "\(machine.stepCount): \(detail)"
      messageDetail = message.map { ($0, detail) }
    case .pause:
      if stopsRunning { running = false }
      message = "checkpoint at step \(machine.stepCount): Space plays on"
    case .finished:
      running = false
      message = Self.finishedMessage
    case .atStart:
      running = false
      message = "at step 0: nothing earlier"
    case .limit:
      running = false
      message = "stopped after \(Debugger.commandStepLimit) steps without reaching a stop"
    case .nothingInFlight:
      running = false
      message = "nothing in flight: f runs a transfer to its end; n runs to the next statement"
    }
  }

  private mutating func move(by lines: Int) {
    switch focus {
    case .log:
      logScroll = max(0, min(logScroll + lines, max(0, machine.log.retainedCount - 1)))
    case .cache:
      let count = CachePanel.validSlots(in: machine.memory.cache).count
      cacheSelection = max(0, min(cacheSelection - lines, max(0, count - 1)))
    case .addressSpaces, .pageTable:
      let buffers = machine.allocators.allocations
      guard !buffers.isEmpty else {
        message = "no live buffer to select"
        return
      }
      let current = buffers.firstIndex { $0.id == selectedBuffer?.id } ?? buffers.count - 1
      let next = max(0, min(current - lines.signum(), buffers.count - 1))
      selectedBufferID = buffers[next].id
      cmaCursor = nil
      message = "buffer \(buffers[next].name) (\(next + 1) of \(buffers.count))"
    case .cma:
      moveCMACursor(cells: -lines * cmaStripShape.columns)
    case .queues:
      message = "Up/Down move in the Cache, Event log, Address spaces, Page tables and CMA panels"
    }
  }

  /// The CMA strip's rows and columns in the panel as laid out now.
  public var cmaStripShape: (rows: Int, columns: Int) {
    let rect = panelRects(in: bodyArea).first { $0.panel == .cma }?.rect ?? bodyArea
    return CMAPanel.stripShape(
      width: max(1, rect.width - 2), height: max(1, rect.height - 2), machine: machine)
  }

  /// Pages per CMA cell at the current zoom in the current layout.
  public var cmaPagesPerCell: UInt64 {
    guard let area = machine.allocators.cmaAreas.first else { return 1 }
    let shape = cmaStripShape
    let fit = CMAStrip.fittingPagesPerCell(area, capacity: shape.rows * shape.columns)
    return max(1, fit >> UInt64(cmaZoom))
  }

  private mutating func moveCMACursor(cells: Int) {
    guard focus == .cma else {
      message = "Left/Right move the cursor in the CMA panel (6)"
      return
    }
    guard let area = machine.allocators.cmaAreas.first else {
      message = "no CMA area on this board"
      return
    }
    let step = Int64(cmaPagesPerCell) * Int64(cells)
    let page = Int64(cmaCursorPage) + step
    cmaCursor = UInt64(max(0, min(page, Int64(area.count) - 1)))
  }

  private mutating func zoomCMA(in zoomIn: Bool) {
    guard machine.allocators.cmaAreas.first != nil else {
      message = "no CMA area on this board"
      return
    }
    if zoomIn {
      guard cmaPagesPerCell > 1 else {
        message = "CMA: already one page per cell"
        return
      }
      cmaZoom += 1
    } else {
      cmaZoom = max(0, cmaZoom - 1)
    }
    message = "CMA: \(cmaPagesPerCell) page\(cmaPagesPerCell == 1 ? "" : "s") per cell"
  }

  private mutating func breakOnSelection() {
    let kind: Breakpoint.Kind
    switch focus {
    case .addressSpaces, .pageTable:
      guard let buffer = selectedBuffer else {
        message = "no buffer to watch yet"
        return
      }
      kind = .watch(base: buffer.physical.rawValue, size: buffer.size, access: .any, by: .either)
    case .cache:
      let slots = CachePanel.validSlots(in: machine.memory.cache)
      guard slots.indices.contains(cacheSelection) else {
        message = "no cache line selected"
        return
      }
      kind = .becomesDirty(machine.memory.cache.lineAddress(of: slots[cacheSelection]).rawValue)
    case .queues: kind = .descriptorComplete
    case .cma: kind = .call("cma_alloc")
    case .log:
      let entries = machine.log.suffix(logScroll + 1)
      guard let entry = entries.first else { return }
      kind = .call(entry.function)
    }
    let breakpoint = debugger.addBreakpoint(kind)
    message = "\(breakpoint.label) \(breakpoint.id): \(breakpoint.text)"
  }
}
