import DMASim

/// What `run --headless --report FILE.json` and `--junit FILE.xml` write: every finding and
/// every expectation result of a run.
public struct RunReport: Sendable {
  /// The scenario file (or lesson) name.
  public var fileName: String
  /// Driver bugs the run found.
  public var findings: [RunFinding]
  /// Every `expect` (and `run until` check) reached, in order.
  public var expectations: [ExpectationResult]
  /// Steps run.
  public var steps: Int

  /// Creates a report.
  public init(
    fileName: String, findings: [RunFinding], expectations: [ExpectationResult], steps: Int
  ) {
    self.fileName = fileName
    self.findings = findings
    self.expectations = expectations
    self.steps = steps
  }

  /// Whether nothing failed: no finding and every expectation passed.
  public var passed: Bool { findings.isEmpty && expectations.allSatisfy(\.passed) }

  /// The report as one JSON object, keys in a fixed order.
  public var json: String {
    let findingObjects = findings.map {
      "{\"line\":\($0.line),\"step\":\($0.step),\"kind\":\(JSONText.string($0.kind)),"
        + "\"function\":\(JSONText.string($0.function)),"
        + "\"message\":\(JSONText.string($0.message))}"
    }
    let expectationObjects = expectations.map {
      "{\"line\":\($0.line),\"step\":\($0.step),\"text\":\(JSONText.string($0.text)),"
        + "\"passed\":\($0.passed),\"actual\":\(JSONText.string($0.actual)),"
        + "\"expected\":\(JSONText.string($0.expected))}"
    }
    return "{\"file\":\(JSONText.string(fileName)),\"steps\":\(steps),\"passed\":\(passed),"
      + "\"findings\":[" + findingObjects.joined(separator: ",") + "],"
      + "\"expectations\":[" + expectationObjects.joined(separator: ",") + "]}\n"
  }

  /// The report as a JUnit XML test suite: one test case per expectation and per finding
  /// (a failure each), or one passing case when the run found nothing.
  public var junit: String {
    var cases: [String] = []
    for result in expectations {
      let name = xml("line \(result.line): expect \(result.text)")
      cases.append(
        result.passed
          ? "    <testcase classname=\"\(xml(fileName))\" name=\"\(name)\"/>"
          : "    <testcase classname=\"\(xml(fileName))\" name=\"\(name)\">\n"
            + "      <failure message=\"\(xml("actual \(result.actual), expected \(result.expected)"))\"/>\n"
            + "    </testcase>")
    }
    for (number, finding) in findings.enumerated() {
      let name =
        "finding \(number + 1), line \(finding.line): \(finding.kind) at step \(finding.step)"
      cases.append(
        "    <testcase classname=\"\(xml(fileName))\" name=\"\(xml(name))\">\n"
          + "      <failure type=\"\(xml(finding.kind))\" message=\"\(xml(finding.message))\"/>\n"
          + "    </testcase>")
    }
    if findings.isEmpty {
      cases.append("    <testcase classname=\"\(xml(fileName))\" name=\"no driver findings\"/>")
    }
    let failures = findings.count + expectations.filter { !$0.passed }.count
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<testsuites>\n  <testsuite name=\"\(xml(fileName))\" tests=\"\(cases.count)\" "
      + "failures=\"\(failures)\">\n" + cases.joined(separator: "\n") + "\n  </testsuite>\n"
      + "</testsuites>\n"
  }

  private func xml(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default:
        if scalar.value < 0x20, scalar != "\n", scalar != "\t" {
          result += " "
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
