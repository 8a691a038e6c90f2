import Foundation
import Testing

/// Compares text with a snapshot stored in `__Snapshots__/<name>.txt` next to this file.
///
/// A missing snapshot is recorded and the test fails ("recorded new snapshot"), except on CI
/// (`CI` set), where nothing is ever written. `DMASCOPE_RECORD_SNAPSHOTS=1` re-records.
func assertTraceSnapshot(
  _ text: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("__Snapshots__")
  let file = directory.appendingPathComponent("\(name).txt")
  let environment = ProcessInfo.processInfo.environment
  let onCI = !(environment["CI"] ?? "").isEmpty
  let record = environment["DMASCOPE_RECORD_SNAPSHOTS"] == "1"
  let existing = try? String(contentsOf: file, encoding: .utf8)
  if (existing == nil || record) && !onCI {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try? text.write(to: file, atomically: true, encoding: .utf8)
    Issue.record(
      "recorded new snapshot \(name).txt; run the tests again", sourceLocation: sourceLocation)
    return
  }
  guard let existing else {
    Issue.record("missing snapshot \(name).txt (CI never records)", sourceLocation: sourceLocation)
    return
  }
  if existing != text {
    let old = existing.split(separator: "\n", omittingEmptySubsequences: false)
    let new = text.split(separator: "\n", omittingEmptySubsequences: false)
    var report: [String] = []
    for index in 0..<max(old.count, new.count) {
      let before = index < old.count ? String(old[index]) : "<none>"
      let after = index < new.count ? String(new[index]) : "<none>"
      if before != after { report.append("line \(index + 1):\n  - \(before)\n  + \(after)") }
      if report.count >= 12 { break }
    }
    let details = report.joined(separator: "\n")
    Issue.record("snapshot \(name).txt differs:\n\(details)", sourceLocation: sourceLocation)
  }
}
