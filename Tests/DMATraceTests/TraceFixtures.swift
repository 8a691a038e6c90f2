import DMATrace
import Foundation

/// The real traces under Tests/trace/fixtures (recorded by Tests/trace/record.sh) and their
/// hand-edited variants, read the way `dmascope trace` reads them: line by line.
enum TraceFixtures {
  static func path(_ name: String, filePath: String = #filePath) -> String {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("trace/fixtures/\(name).trace").path
  }

  static func text(_ name: String) -> String {
    (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
  }

  static func reader(_ name: String) -> TraceReader {
    TraceReader.read(text(name), fileName: "\(name).trace")
  }

  static func analysis(_ name: String) -> TraceAnalysis {
    TraceAnalysis(events: reader(name).events, checkpointInterval: 64)
  }
}
