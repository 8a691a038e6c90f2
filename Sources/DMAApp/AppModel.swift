import DMAPanels
import DMAScenario
import DMASim
import TermCanvas

/// The whole state of the interactive app: the simulation, its history and the UI around it.
///
/// `update` and `view` are pure: the runtime feeds messages in and draws what `view` returns,
/// so the same scenario, size and messages give the same frames, byte for byte.
public struct AppModel: Sendable {
  /// The smallest terminal the layout supports.
  public static let minimumSize = Size(width: 80, height: 24)
  /// Run speeds in steps per second.
  public static let speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

  /// The scenario being shown.
  public let scenario: Scenario
  /// The machine, its history and the breakpoints.
  public internal(set) var debugger: Debugger
  /// The terminal size.
  public internal(set) var size: Size
  /// Whether the simulation runs on its own.
  public internal(set) var running = false
  /// Index into `speeds`.
  public internal(set) var speedIndex = 3
  /// The focused panel.
  public internal(set) var focus: PanelID = .addressSpaces
  /// Whether the focused panel fills the body.
  public internal(set) var zoomed = false
  /// Whether the key help is shown.
  public internal(set) var showHelp = false
  /// A transient status message.
  public internal(set) var message: String?
  /// How far the log is scrolled back.
  public internal(set) var logScroll = 0
  /// The selected row of the cache panel (among valid lines).
  public internal(set) var cacheSelection = 0
  /// The `:` command being typed, nil when the command line is closed.
  public internal(set) var commandLine: String?
  /// The open `ask` prompt, nil when none is open.
  public internal(set) var quiz: Quiz?
  /// Right answers and questions asked so far.
  public internal(set) var quizScore = QuizScore()
  /// The `ask` actions already answered or skipped (action indices), so stepping back and
  /// forward again does not ask twice.
  var answeredQuestions: [Int] = []
  /// Colours by role.
  public var theme: Theme
  /// Box and symbol characters.
  public var glyphs: Glyphs
  /// Key bindings.
  public let keyMap: KeyMap

  /// Creates the model for a scenario at a terminal size.
  public init(
    scenario: Scenario, size: Size, theme: Theme = .default, glyphs: Glyphs = .unicode,
    keyMap: KeyMap = .standard
  ) {
    self.scenario = scenario
    debugger = Debugger(machine: Machine(board: scenario.board, program: scenario.program))
    self.size = size
    self.theme = theme
    self.glyphs = glyphs
    self.keyMap = keyMap
  }

  /// The current machine state.
  public var machine: Machine { debugger.machine }

  /// Shows a transient message in the status bar (the runtime reports file results this way).
  public mutating func show(message text: String) { message = text }

  /// Steps per second at the current speed.
  public var stepsPerSecond: Int { Self.speeds[speedIndex] }

  /// How often the runtime should send `.tick` while running, in milliseconds.
  public var tickIntervalMilliseconds: Int { max(20, 1000 / stepsPerSecond) }

  /// How many steps one `.tick` advances.
  public var stepsPerTick: Int { max(1, stepsPerSecond / 50) }

  /// The context panels draw from.
  var panelContext: PanelContext { PanelContext(machine: machine, theme: theme, glyphs: glyphs) }
}
