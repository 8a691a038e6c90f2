import DMATrace

/// `dmascope trace --check`: the findings, what is still live at the end, what was skipped.
enum TraceReport {
  static func text(analysis: TraceAnalysis, reader: TraceReader, fileName: String) -> String {
    var lines: [String] = []
    let events = analysis.events
    lines.append(
      "\(fileName): \(events.count) events, \(analysis.devices.count) devices, "
        + "\(analysis.lifetimes.count) mappings and allocations, \(reader.errorCount) lines "
        + "unreadable")
    for finding in analysis.findings {
      lines.append(finding.rendered(fileName: fileName))
    }
    lines.append(
      analysis.findings.isEmpty
        ? "checks: no findings"
        : "checks: \(analysis.findings.count) findings")
    let final = analysis.final
    for device in analysis.devices {
      let live = final.liveMappings(of: device)
      guard !live.isEmpty else { continue }
      var kinds: [String: Int] = [:]
      for mapping in live { kinds[mapping.kind.rawValue, default: 0] += 1 }
      let list = kinds.keys.sorted().map { "\(kinds[$0] ?? 0) \($0)" }.joined(separator: ", ")
      lines.append(
        "live at the end: \(device): \(live.count) (\(list)); first at line \(live.map(\.line).min() ?? 0)"
          + (final.devices[device]?.removed == true
            ? " (reported above, at its remove_device_from_group)"
            : " (not a finding: the trace does not show \(device) released)"))
    }
    for (cpu, count) in reader.lost.sorted(by: { $0.key < $1.key }) {
      lines.append("lost: CPU \(cpu): \(count) events the ring buffer dropped")
    }
    for entry in reader.skippedSummary { lines.append("skipped: \(entry)") }
    return lines.joined(separator: "\n")
  }
}
