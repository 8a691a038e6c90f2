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

  @Test func everyDirectiveIsDocumented() throws {
    let reference = try Self.reference()
    let missing = KernelFunctions.directives.filter { !reference.contains("`\($0)") }
    #expect(missing.isEmpty, "README's language reference lacks \(missing)")
  }
}
