import ArgumentParser

/// A byte count on the command line: decimal or `0x` hexadecimal, with an optional `K`/`KiB`,
/// `M`/`MiB` or `G`/`GiB` suffix (powers of 1024).
struct ByteCount: ExpressibleByArgument, Equatable {
  var value: Int

  init(_ value: Int) { self.value = value }

  init?(argument: String) {
    var text = argument.lowercased()
    var scale = 1
    for (suffix, factor) in [
      ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("k", 1 << 10), ("m", 1 << 20),
      ("g", 1 << 30),
    ] where text.hasSuffix(suffix) {
      text.removeLast(suffix.count)
      scale = factor
      break
    }
    let parsed = text.hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text, radix: 10)
    guard let number = parsed, number >= 0 else { return nil }
    let (product, overflow) = number.multipliedReportingOverflow(by: scale)
    guard !overflow else { return nil }
    value = product
  }

  var defaultValueDescription: String { "\(value)" }
}
