import DMASim

extension LogEntry {
  /// The entry as one JSON object (for `--json`), keys in a fixed order, addresses as integers.
  public var jsonLine: String {
    var fields = [
      "\"step\":\(step)", "\"tick\":\(tick)", "\"kind\":\(AsciicastWriter.json(kind))",
      "\"source\":\(AsciicastWriter.json(source.rawValue))",
      "\"function\":\(AsciicastWriter.json(function))", "\"line\":\(line)",
    ]
    if !addresses.isEmpty {
      let pairs = addresses.map { "\(AsciicastWriter.json($0.name)):\($0.value)" }
      fields.append("\"addresses\":{" + pairs.joined(separator: ",") + "}")
    }
    fields.append("\"message\":\(AsciicastWriter.json(message))")
    if let detail { fields.append("\"detail\":\(AsciicastWriter.json(detail))") }
    return "{" + fields.joined(separator: ",") + "}"
  }
}
