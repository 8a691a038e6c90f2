import DMAApp
import TermCanvas
import Testing

/// The key help at the supported sizes: every line reachable at 80x24 by scrolling like
/// `less`, every line at once where the screen is large enough.
@Suite struct HelpScrollTests {
  private func openHelp(_ width: Int, _ height: Int) throws -> AppModel {
    var model = try AppFixtures.model(size: Size(width: width, height: height))
    _ = model.update(.key(.character("?")))
    return model
  }

  private func missing(_ text: String, _ model: AppModel) -> [String] {
    model.keyMap.bindings.map(\.help).filter { !text.contains($0) }
  }

  @Test func everyLineIsReachableAt80x24() throws {
    var model = try openHelp(80, 24)
    var seen = model.view().plainText
    #expect(seen.contains("-- more ↓ -- 1-19/"))
    #expect(!missing(seen, model).isEmpty)
    for _ in 0..<10 {
      _ = model.update(.key(.pageDown))
      seen += model.view().plainText
    }
    #expect(missing(seen, model).isEmpty)
    let last = model.view().plainText
    #expect(last.contains("-- end --"))
    #expect(last.contains("quit"))
    #expect(model.showHelp)
    // Up a line, then back to the top a page at a time; the first line shows again.
    _ = model.update(.key(.up))
    #expect(model.view().plainText.contains("-- more ↓ --"))
    for _ in 0..<10 { _ = model.update(.key(.pageUp)) }
    #expect(model.helpScroll == 0)
    #expect(model.view().plainText.contains("step one simulation event"))
    // Any other key still closes the help.
    _ = model.update(.key(.character("s")))
    #expect(!model.showHelp)
    #expect(model.helpScroll == 0)
  }

  @Test(arguments: [(120, 40), (200, 60)])
  func everythingFitsWhole(size: (Int, Int)) throws {
    var model = try openHelp(size.0, size.1)
    let text = model.view().plainText
    #expect(missing(text, model).isEmpty)
    #expect(!text.contains("-- more"))
    _ = model.update(.key(.pageDown))
    #expect(model.helpScroll == 0)
    #expect(model.showHelp)
  }
}
