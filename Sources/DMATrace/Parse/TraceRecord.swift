/// One ftrace event line split into the context ftrace prints before every event
/// (kernel/trace/trace_output.c `trace_print_context`, `lat_print_generic`) and its body.
///
/// The `trace` and `trace_pipe` files print `TASK-PID [CPU] FLAGS TIMESTAMP: EVENT: BODY`, with
/// an optional `(TGID)` after the PID (the `record-tgid` option) and without FLAGS when the
/// `irq-info` option is off; `trace-cmd report` prints `TASK-PID [CPU] TIMESTAMP: EVENT: BODY`
/// (FLAGS only with `-l`) and pads the event name. All of these read the same.
public struct TraceRecord: Hashable, Sendable {
  /// The task's `comm` (may hold spaces and dashes).
  public var task: String
  /// The task's PID.
  public var pid: Int
  /// The CPU the event was recorded on.
  public var cpu: Int
  /// The latency flags (`d`, `N`, `h`, `s`, ... or `.`), empty when the trace has none.
  public var flags: String
  /// The timestamp in nanoseconds (ftrace prints seconds with 6 or 9 decimals).
  public var nanoseconds: UInt64
  /// The event's name (`dma_map_page`, `map`, ...).
  public var event: String
  /// The event's TP_printk text.
  public var body: Substring
  /// The 1-based column where the body starts on its line.
  public var bodyColumn: Int
}
