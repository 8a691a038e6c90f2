/// Every call a scenario can make, each declared once (`CallRegistry+*.swift`, one file per
/// section of README's reference).
public enum CallRegistry {
  /// The sections of the reference, in README order, with their titles.
  public static let sections: [(title: String, calls: [CallDeclaration])] = [
    ("Channels and the dmaengine client flow", channels),
    ("Allocations", allocations),
    ("Streaming mappings, masks and scatter-gather", streaming),
    ("CPU accesses, barriers and memory attributes", cpuAndMemory),
    ("Devices", devices),
  ]

  /// Every call, in reference order.
  public static let all: [CallDeclaration] = sections.flatMap(\.calls)

  /// Every call name, in reference order.
  public static let names: [String] = all.map(\.name)

  private static let byName: [String: CallDeclaration] = Dictionary(
    all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

  /// The declaration of a call.
  public static func declaration(named name: String) -> CallDeclaration? { byName[name] }

  /// README's call tables: one `*Title:*` heading and a `| Call | What it does |` table per
  /// section. `LanguageReferenceTests` requires README to contain exactly this text.
  public static func referenceMarkdown() -> String {
    sections.map { section in
      "*\(section.title):*\n\n| Call | What it does |\n|---|---|\n"
        + section.calls.map {
          "| `\($0.signature.replacingPipes())` | \($0.summary.replacingPipes()) |\n"
        }.joined()
    }.joined(separator: "\n")
  }

  /// The calls as plain text for `dmascope check --help`: one `signature  summary` line each,
  /// under each section title.
  public static func helpText() -> String {
    sections.map { section in
      section.title + ":\n"
        + section.calls.map { "  \($0.signature)\n      \($0.summary)\n" }.joined()
    }.joined(separator: "\n")
  }
}

extension String {
  /// `|` escaped for a Markdown table cell.
  fileprivate func replacingPipes() -> String {
    var out = ""
    for character in self { out += character == "|" ? "\\|" : String(character) }
    return out
  }
}
