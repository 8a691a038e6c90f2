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
  public internal(set) var running = false {
    didSet { if !running { fastForward = nil } }
  }
  /// A lecture run's faster pace over a long stretch (nil: the chosen speed).
  public internal(set) var fastForward: FastForward?
  /// Index into `speeds`: 10 steps a second by default, slow enough to follow a transfer.
  public internal(set) var speedIndex = 3
  /// How Space runs (`:set pacing lecture|free`); `r` always runs freely.
  public internal(set) var pacing: Pacing = .lecture
  /// How the current run goes: a lecture run stops at the next narration.
  public internal(set) var runPacing: Pacing = .lecture
  /// The focused panel.
  public internal(set) var focus: PanelID = .addressSpaces {
    didSet {
      // On layouts with four slots, a slot shows the last focused of its two panels.
      switch focus {
      case .addressSpaces, .pageTable: topLeft = focus
      case .queues, .cma: bottomLeft = focus
      default: break
      }
    }
  }
  /// What the top-left slot of the four-panel layout shows (address spaces or page tables).
  public internal(set) var topLeft: PanelID = .addressSpaces
  /// What the bottom-left slot of the four-panel layout shows (channel queues or CMA).
  public internal(set) var bottomLeft: PanelID = .queues
  /// The buffer the address-space and page-table panels show (an `Allocation.id`); nil
  /// follows the newest live buffer.
  public internal(set) var selectedBufferID: Int?
  /// The CMA strip's zoom level (0: the whole area fits).
  public internal(set) var cmaZoom = 0
  /// The zoom level of the address-space panel's to-scale map (0: every region fits).
  public internal(set) var addressZoom = 0
  /// The CMA page under the cursor (offset in the area); nil follows the selected buffer.
  public internal(set) var cmaCursor: UInt64?
  /// Whether the focused panel fills the body.
  public internal(set) var zoomed = false
  /// Whether the key help is shown.
  public internal(set) var showHelp = false {
    didSet {
      if !showHelp {
        helpScroll = 0
        helpShowsLegend = false
      }
    }
  }
  /// Whether the open help shows the focused panel's legend (the second `?`) rather than
  /// the keys.
  public internal(set) var helpShowsLegend = false
  /// The first help line shown when the help scrolls.
  public internal(set) var helpScroll = 0
  /// A transient status message.
  public internal(set) var message: String?
  /// The detail of a breakpoint stop's message (`message` is the whole), shown whole in the
  /// key-hint row when the status bar cuts the message; ignored once another message replaces it.
  var messageDetail: (message: String, detail: String)?
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

  /// Creates the model for a scenario at a terminal size; going back keeps at most
  /// `historyByteBudget` bytes of checkpoints (the run's `--memory-limit` sets it).
  public init(
    scenario: Scenario, size: Size, theme: Theme = .default, glyphs: Glyphs = .unicode,
    keyMap: KeyMap = .standard, historyByteBudget: Int = History.defaultByteBudget
  ) {
    self.scenario = scenario
    debugger = Debugger(
      machine: Machine(board: scenario.board, program: scenario.program),
      historyByteBudget: historyByteBudget)
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
  public var tickIntervalMilliseconds: Int {
    fastForward?.tickMilliseconds ?? max(20, 1000 / stepsPerSecond)
  }

  /// How many steps one `.tick` advances.
  public var stepsPerTick: Int { fastForward?.stepsPerTick ?? max(1, stepsPerSecond / 50) }

  /// The buffer the panels show: the selected one while it lives, else the newest.
  public var selectedBuffer: Allocation? {
    if let id = selectedBufferID,
      let found = machine.allocators.allocations.first(where: { $0.id == id })
    {
      return found
    }
    return machine.allocators.allocations.last
  }

  /// The CMA page the cursor is on: the chosen page, else the selected buffer's first page
  /// when it lies in the first area, else the first page.
  public var cmaCursorPage: UInt64 {
    guard let area = machine.allocators.cmaAreas.first else { return 0 }
    if let cursor = cmaCursor { return min(cursor, area.count - 1) }
    if let buffer = selectedBuffer, buffer.cmaArea == area.name,
      buffer.physical.pfn >= area.basePFN
    {
      return buffer.physical.pfn - area.basePFN
    }
    return 0
  }

  /// The `/` query being typed, nil when the find line is closed.
  public internal(set) var findLine: String?
  /// What the last `/` found, in order.
  public internal(set) var findMatches: [FindMatch] = []
  /// Which of `findMatches` is selected.
  public internal(set) var findIndex = 0
  /// The descriptor the queue panel's `w` explains (set by find), nil for the newest.
  public internal(set) var selectedDescriptor: FindMatch?
  /// An open text box (the `w` answer), nil when closed.
  public internal(set) var popup: Popup?
  /// The verdict and explanation of the question just closed, shown under it in the narration
  /// area until the next step.
  public internal(set) var quizRecap: [String]?
  /// Which entries the event log shows (`:log`), nil for all.
  public internal(set) var logFilter: LogFilter?
  /// How many narrations back the narration area shows (`<`, `>`); 0 is the current one.
  public internal(set) var narrationBack = 0
  /// Where `:record start` is recording to, nil when it is not.
  public internal(set) var recordingPath: String?
  /// Lines entered at the `:` prompt, for Up/Down.
  public internal(set) var commandHistory = InputHistory()
  /// Queries entered at the `/` prompt, for Up/Down.
  public internal(set) var findHistory = InputHistory()

  /// The context panels draw from.
  var panelContext: PanelContext { PanelContext(machine: machine, theme: theme, glyphs: glyphs) }
  /// How the panels draw (the app builds each panel's model from `machine`).
  var panelLook: PanelLook { PanelLook(theme: theme, glyphs: glyphs) }
}
