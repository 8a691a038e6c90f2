import DMAApp
import DMAPanels
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// Issue 23: `cma_release` of more pages than `cma_alloc` gave used to underflow
/// `CMAArea.used` and kill the TUI as soon as the CMA panel drew. mm/cma.c `cma_release`
/// frees the whole range (free_contig_range WARNs "pages are still in use!"), so the panel
/// and the full frame draw afterwards with the area's count back at zero.
@Suite struct CMAOverReleaseTests {
  let source = """
    board soc8g
    p = cma_alloc(4, 0)
    cma_release(p, 8)
    expect cma_used() == 0
    """

  func finishedModel() throws -> AppModel {
    let scenario = try #require(
      ScenarioCompiler.compile(source, fileName: "cma-release.dms").scenario)
    var model = AppModel(scenario: scenario, size: Size(width: 120, height: 40))
    for _ in 0..<200 where !model.machine.isFinished { _ = model.update(.key(.character("s"))) }
    return model
  }

  @Test func cmaPanelDrawsAfterAnOverRelease() throws {
    let model = try finishedModel()
    #expect(model.machine.isFinished)
    #expect(model.machine.expectationResults.map(\.passed) == [true])
    let context = PanelContext(machine: model.machine, theme: .default, glyphs: .unicode)
    var buffer = Buffer(size: Size(width: 64, height: 18))
    buffer.render(CMAPanel(context: context), in: buffer.area)
    #expect(buffer.plainText.contains("used 0"))
    // The whole frame, with the CMA panel among the others, draws too.
    #expect(model.view().plainText.contains("step \(model.machine.stepCount)"))
  }
}
