import DMASim

extension LogEntry {
  /// The entry as one JSON object (for `--json`), keys in a fixed order, addresses as integers.
  public var jsonLine: String {
    var fields = [
      "\"step\":\(step)", "\"tick\":\(tick)", "\"kind\":\(JSONText.string(kind))",
      "\"source\":\(JSONText.string(source.rawValue))",
      "\"function\":\(JSONText.string(function))", "\"line\":\(line)",
    ]
    if !addresses.isEmpty {
      let pairs = addresses.map { "\(JSONText.string($0.name)):\($0.value)" }
      fields.append("\"addresses\":{" + pairs.joined(separator: ",") + "}")
    }
    fields.append("\"message\":\(JSONText.string(message))")
    if let detail { fields.append("\"detail\":\(JSONText.string(detail))") }
    return "{" + fields.joined(separator: ",") + "}"
  }
}
