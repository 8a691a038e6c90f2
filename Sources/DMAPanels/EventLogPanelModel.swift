/// What the event log shows: the newest entries (oldest first) and the current step.
public struct EventLogPanelModel: Hashable, Sendable {
  /// Who wrote an entry.
  public enum Source: Hashable, Sendable {
    /// A kernel function.
    case kernel
    /// The simulated hardware.
    case hardware
    /// A dma-debug or coherency check.
    case debug
    /// The lesson's `say` or `ask`.
    case narration
  }

  /// One log entry as the panel draws it.
  public struct Entry: Hashable, Sendable {
    /// The step it was logged in.
    public var step: Int
    /// Who wrote it.
    public var source: Source
    /// The kernel function or hardware action.
    public var function: String
    /// The message, in the kernel's words.
    public var message: String

    /// Creates an entry.
    public init(step: Int, source: Source, function: String, message: String) {
      self.step = step
      self.source = source
      self.function = function
      self.message = message
    }
  }

  /// The newest entries, oldest first (at least the panel's height plus `scrollBack`).
  public var entries: [Entry]
  /// The current step: its entries are marked and wrap.
  public var currentStep: Int
  /// How many entries to skip back from the newest (0 shows the newest).
  public var scrollBack: Int
  /// Whether every entry wraps in full (the zoomed log), not only the current step's.
  public var wrapsEveryEntry = false

  /// Creates a model.
  public init(entries: [Entry], currentStep: Int, scrollBack: Int = 0) {
    self.entries = entries
    self.currentStep = currentStep
    self.scrollBack = scrollBack
  }
}
