/// Reads self-contained device tree source (`.dts`): `/dts-v1/;`, `/memreserve/`, nodes with
/// unit addresses and labels, `<cells>` with `&label` phandles and `(expressions)`, strings,
/// string lists, `[byte strings]`, `/bits/`, `&label { ... };` extensions,
/// `/delete-node/`, `/delete-property/` and `/omit-if-no-ref/`.
///
/// Files that need the C preprocessor (`#include`, `#define`) or `/include/` are rejected
/// with `file:line:column` and a hint to compile them with dtc first.
public enum DeviceTreeSource {
  /// Parses source text into a tree. Errors carry `file:line:column`.
  public static func parse(
    _ text: String, fileName: String = "<dts>", limits: DeviceTreeLimits = .standard
  ) throws -> DeviceTree {
    guard text.utf8.count <= limits.maximumBytes else {
      throw DeviceTreeError(
        fileName: fileName, location: .whole,
        message: "the source is \(text.utf8.count) bytes; at most \(limits.maximumBytes) "
          + "are read")
    }
    var parser = DTSParser(text: text, fileName: fileName, limits: limits)
    let file = try parser.parseFile()
    var builder = DTSTreeBuilder(scanner: parser.scanner)
    for item in file.items {
      try builder.apply(item)
    }
    guard let assembled = builder.root else {
      throw parser.scanner.error(at: 0, "no root node")
    }
    var resolver = DTSResolver(scanner: parser.scanner, root: assembled)
    let root = try resolver.resolve()
    return DeviceTree(
      root: root,
      reservations: file.reservations.map {
        MemoryReservation(address: $0.address, size: $0.size)
      })
  }
}
