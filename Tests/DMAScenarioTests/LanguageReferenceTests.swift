import DMAScenario
import Foundation
import Testing

/// README's scenario-language reference names every call and directive `dmascope check` knows.
@Suite struct LanguageReferenceTests {
  static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

  /// The reference section: from its heading to the next heading of the same or a higher level.
  static func reference() throws -> String {
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: "#### Scenario language reference"))
    let rest = text[start.upperBound...]
    let end = rest.range(of: "\n#")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  @Test func everyCallIsDocumented() throws {
    let reference = try Self.reference()
    let missing = KernelFunctions.callNames.filter { !reference.contains("`\($0)(") }
    #expect(missing.isEmpty, "README's language reference lacks \(missing)")
  }

  /// The call tables are exactly what the registry renders: a call added, removed or changed in
  /// `CallRegistry` without README (or the other way round) fails here, and so CI.
  @Test func callTablesAreTheRegistrys() throws {
    let reference = try Self.reference()
    let tables = CallRegistry.referenceMarkdown()
    #expect(reference.contains(tables), "README's call tables differ from CallRegistry:\n\(tables)")
  }

  @Test func registryDeclaresEachCallOnce() {
    #expect(Set(CallRegistry.names).count == CallRegistry.names.count)
    #expect(CallRegistry.all.allSatisfy { !$0.summary.isEmpty && !$0.summary.contains("\n") })
  }

  @Test func helpListsEveryCall() {
    let help = CallRegistry.helpText()
    let missing = CallRegistry.all.filter { !help.contains("  \($0.signature)\n") }
    #expect(missing.isEmpty, "\(missing.map(\.name))")
  }

  /// Every function `expect` reads is named in the README (`name(`), and the value
  /// expressions are documented (`.residue`, arithmetic between addresses).
  @Test func everyExpectFunctionIsDocumented() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    // The descriptor lists are written once, as `desc_allocated|submitted|…|terminated(chan)`.
    let lists = "`desc_allocated|submitted|issued|completed|terminated(chan)`"
    let missing = KernelFunctions.expectFunctionNames.filter { name in
      !text.contains("`\(name)(") && !(name.hasPrefix("desc_") && text.contains(lists))
    }
    #expect(missing.isEmpty, "README lacks the expect functions \(missing)")
    for phrase in ["tx_status(chan, cookie).residue", "`.last`", "`.used`", "pa(b) - pa(a)"] {
      #expect(text.contains(phrase), "README lacks \(phrase)")
    }
  }

  @Test func everyDirectiveIsDocumented() throws {
    let reference = try Self.reference()
    let missing = KernelFunctions.directives.filter { !reference.contains("`\($0)") }
    #expect(missing.isEmpty, "README's language reference lacks \(missing)")
  }
}
