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
      for _ in 0..<stepsPerTick where running { forward(stoppingAtPause: true) }
      return []
    case .key(let key):
      if key == .control("c") { return [.quit] }
      guard let command = keyMap.command(for: key) else {
        message = "unknown key \(key.displayName): press ? for the key list"
        return []
      }
      message = nil
      return perform(command)
    }
  }

  private mutating func perform(_ command: Command) -> [Effect] {
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
    case .step:
      running = false
      forward(stoppingAtPause: false)
    case .stepBack:
      running = false
      back()
    case .toggleRun:
      if machine.isFinished {
        message = "the scenario has finished: press S to step back"
      } else {
        running.toggle()
      }
    case .faster: speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
    case .slower: speedIndex = max(speedIndex - 1, 0)
    case .toggleHelp: showHelp.toggle()
    case .cancel:
      if showHelp { showHelp = false } else { zoomed = false }
    case .focusNext:
      focus = PanelID(rawValue: (focus.rawValue + 1) % PanelID.allCases.count) ?? focus
    case .focusPrevious:
      let count = PanelID.allCases.count
      focus = PanelID(rawValue: (focus.rawValue + count - 1) % count) ?? focus
    case .focusPanel(let number): focus = PanelID(rawValue: number - 1) ?? focus
    case .toggleZoom: zoomed.toggle()
    case .scrollUp: scrollLog(by: 1)
    case .scrollDown: scrollLog(by: -1)
    case .pageUp: scrollLog(by: 10)
    case .pageDown: scrollLog(by: -10)
    case .redraw: return [.redraw]
    }
    return []
  }

  private mutating func forward(stoppingAtPause: Bool) {
    guard machine.step() else {
      running = false
      message = "the scenario has finished: press S to step back"
      return
    }
    history.record(machine)
    logScroll = 0
    if machine.isFinished { running = false }
    if stoppingAtPause, machine.lastTouch.pause { running = false }
  }

  private mutating func back() {
    guard machine.stepCount > 0 else {
      message = "already at step 0"
      return
    }
    guard let earlier = history.machine(atStep: machine.stepCount - 1) else {
      message = "history does not reach step \(machine.stepCount - 1)"
      return
    }
    machine = earlier
    logScroll = 0
  }

  private mutating func scrollLog(by lines: Int) {
    guard focus == .log else {
      message = "scrolling works in the Event log: press 4 to focus it"
      return
    }
    logScroll = max(0, min(logScroll + lines, max(0, machine.log.count - 1)))
  }
}
