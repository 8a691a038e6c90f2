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

  /// `--report`: the object `run --headless --report` writes (file, steps, passed, findings
  /// with line, step, kind, function, message; no expectations), keys in a fixed order.
  static func json(_ analysis: TraceAnalysis, fileName: String) -> String {
    let quote = TraceJSON.quote
    let objects = analysis.findings.map { finding in
      "{\"line\":\(finding.lines.first ?? 0),\"step\":\(finding.eventIndex + 1),"
        + "\"kind\":\(quote(finding.check.rawValue)),"
        + "\"function\":\(quote(analysis.events[finding.eventIndex].name)),"
        + "\"message\":\(quote(finding.message))}"
    }
    return "{\"file\":\(quote(fileName)),\"steps\":\(analysis.events.count),"
      + "\"passed\":\(analysis.findings.isEmpty),\"findings\":["
      + objects.joined(separator: ",") + "],\"expectations\":[]}\n"
  }

  /// `--junit`: one failing test case per finding, or one passing case.
  static func junit(_ analysis: TraceAnalysis, fileName: String) -> String {
    func xml(_ text: String) -> String {
      var out = ""
      for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(character)
        }
      }
      return out
    }
    var cases: [String] = []
    for (number, finding) in analysis.findings.enumerated() {
      let name =
        "finding \(number + 1), line \(finding.lines.first ?? 0): \(finding.check.rawValue)"
      cases.append(
        "    <testcase classname=\"\(xml(fileName))\" name=\"\(xml(name))\">\n"
          + "      <failure type=\"\(finding.check.rawValue)\" message=\"\(xml(finding.message))\"/>\n"
          + "    </testcase>")
    }
    if cases.isEmpty {
      cases.append("    <testcase classname=\"\(xml(fileName))\" name=\"no DMA-API findings\"/>")
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\""
      + xml(fileName) + "\" tests=\"\(cases.count)\" failures=\"\(analysis.findings.count)\">\n"
      + cases.joined(separator: "\n") + "\n  </testsuite>\n</testsuites>\n"
  }
}
