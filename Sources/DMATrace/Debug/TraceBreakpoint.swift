/// A breakpoint on a trace: an event name (or `*` for any, `finding` for any event a check
/// fires on), with an optional condition `if FIELD == VALUE` or `!=` on `dev`, `task`, `dir`,
/// `cpu` or `addr` (an address inside the event's DMA, IOVA or physical range).
///
///     :break dma_unmap_page if dev == 0000:00:01.0
///     :break finding
///     :break * if addr == 0xfffbe000
public struct TraceBreakpoint: Hashable, Sendable {
  /// The event name, `*` or `finding`.
  public var event: String
  /// The condition, if any.
  public var condition: Condition?

  /// `FIELD OP VALUE`.
  public struct Condition: Hashable, Sendable {
    /// The field compared.
    public enum Field: String, Hashable, Sendable, CaseIterable {
      /// The device name.
      case dev
      /// The task's `comm`.
      case task
      /// The direction (`TO_DEVICE`, ...).
      case dir
      /// The CPU.
      case cpu
      /// An address inside the event's ranges.
      case addr
    }
    /// The field.
    public var field: Field
    /// `==` (true) or `!=` (false).
    public var equal: Bool
    /// The value as written.
    public var value: String
  }

  /// A problem in a `:break` line: the column (1-based, in the text after `:break `) and what
  /// is wrong.
  public struct Problem: Error, Hashable, Sendable {
    /// Where.
    public var column: Int
    /// What.
    public var message: String
  }

  /// Reads `EVENT [if FIELD ==|!= VALUE]`.
  public static func parse(_ text: String) throws(Problem) -> TraceBreakpoint {
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let event = words.first else {
      throw Problem(column: 1, message: "break on what? `:break EVENT [if dev == NAME]`")
    }
    guard event == "*" || event == "finding" || TraceEventDecoder.knownEvents.contains(event) else {
      throw Problem(
        column: 1,
        message: "no event `\(event)`: dmascope trace reads dma_*, cma_*, swiotlb_bounced, "
          + "map, unmap, *_device_to_group (or use * or finding)")
    }
    guard words.count > 1 else { return TraceBreakpoint(event: event, condition: nil) }
    guard words.count == 5, words[1] == "if" else {
      throw Problem(
        column: event.count + 2, message: "expected `if FIELD == VALUE` after the event name")
    }
    guard let field = Condition.Field(rawValue: words[2]) else {
      throw Problem(
        column: event.count + 5,
        message: "no field `\(words[2])`: use dev, task, dir, cpu or addr")
    }
    guard words[3] == "==" || words[3] == "!=" else {
      throw Problem(column: event.count + 6 + words[2].count, message: "expected == or !=")
    }
    if field == .addr, TraceQuery.address(words[4]) == nil {
      throw Problem(
        column: text.count - words[4].count + 1, message: "\(words[4]) is not an address")
    }
    return TraceBreakpoint(
      event: event, condition: Condition(field: field, equal: words[3] == "==", value: words[4]))
  }

  /// Whether the event at `index` stops here.
  public func matches(_ event: TraceEvent, index: Int, in analysis: TraceAnalysis) -> Bool {
    switch self.event {
    case "*": break
    case "finding": guard !analysis.findings(at: index).isEmpty else { return false }
    default: guard event.name == self.event else { return false }
    }
    guard let condition else { return true }
    let holds: Bool
    switch condition.field {
    case .dev: holds = event.device == condition.value
    case .task: holds = event.task == condition.value
    case .dir: holds = TraceQuery.direction(of: event)?.rawValue == condition.value
    case .cpu: holds = String(event.cpu) == condition.value
    case .addr:
      holds = TraceQuery.address(condition.value).map { TraceQuery.touches(event, $0) } ?? false
    }
    return holds == condition.equal
  }

  /// How `:break` lists it.
  public var description: String {
    guard let condition else { return event }
    return
      "\(event) if \(condition.field.rawValue) \(condition.equal ? "==" : "!=") \(condition.value)"
  }
}
