/// One line of the benchmark table.
struct BenchRow {
  var figure: String
  var value: String
  var target: String
  var pass: Bool?

  static func printTable(_ rows: [BenchRow]) {
    let widths = [
      max(6, rows.map(\.figure.count).max() ?? 0), max(5, rows.map(\.value.count).max() ?? 0),
      max(6, rows.map(\.target.count).max() ?? 0),
    ]
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(0, width - text.count))
    }
    print(
      pad("figure", widths[0]) + "  " + pad("value", widths[1]) + "  " + pad("target", widths[2])
        + "  result")
    for row in rows {
      let result = row.pass.map { $0 ? "pass" : "FAIL" } ?? "-"
      print(
        pad(row.figure, widths[0]) + "  " + pad(row.value, widths[1]) + "  "
          + pad(row.target, widths[2]) + "  " + result)
    }
  }
}
