import DMAApp
import DMASim
import TermCanvas
import Testing

/// The update/view loop driven by keys, as a user would drive it.
@Suite struct UpdateTests {
  @Test func step12ShowsTheSubmittedDescriptorAndTheCleanedLines() throws {
    let text = try AppFixtures.model(steps: 12).view().plainText
    #expect(text.contains("issued    [d1 #2 M2D 128 B]"))
    #expect(text.contains("dma0chan0 cookie 2 done 1"))
    #expect(text.contains("00.0 C 42000000"))
    #expect(text.contains("01.0 C 42000040"))
    #expect(text.contains("step 12"))
  }

  @Test func cpuWriteDirtiesLinesBeforeTheMap() throws {
    let model = try AppFixtures.model(steps: 5)
    let text = model.view().plainText
    #expect(text.contains("00.0 D 42000000"))
    #expect(text.contains("01.0 D 42000040"))
  }

  @Test func stepBackGivesTheScreenSeenGoingForward() throws {
    var model = try AppFixtures.model()
    var frames = [model.view()]
    for _ in 0..<3 {
      _ = model.update(.key(.character("s")))
      frames.append(model.view())
    }
    #expect(model.machine.stepCount == 3)
    _ = model.update(.key(.character("S")))
    #expect(model.machine.stepCount == 2)
    #expect(model.view() == frames[2])
  }

  @Test func stepBackAtTheStartSaysSo() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character("S")))
    #expect(model.machine.stepCount == 0)
    #expect(model.view().plainText.contains("at step 0: nothing earlier"))
  }

  @Test func rRunsUntilTheEndThenStops() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character("r")))
    let started = model.running
    #expect(started)
    var ticks = 0
    while model.running, ticks < 10_000 {
      _ = model.update(.tick)
      ticks += 1
    }
    let stopped = !model.running && model.machine.isFinished
    #expect(stopped)
    #expect(model.view().plainText.contains("finished"))
  }

  @Test func quitAndUnknownKeys() throws {
    var model = try AppFixtures.model()
    #expect(model.update(.key(.character("Y"))) == [])
    #expect(model.view().plainText.contains("unknown key Y"))
    #expect(model.update(.key(.character("q"))) == [.quit])
    #expect(model.update(.key(.control("c"))) == [.quit])
  }

  @Test func qClosesHelpBeforeQuitting() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character("?")))
    let opened = model.showHelp
    #expect(opened)
    #expect(model.update(.key(.character("q"))) == [])
    let closed = !model.showHelp
    #expect(closed)
  }

  @Test func focusZoomAndResize() throws {
    var model = try AppFixtures.model(steps: 20)
    _ = model.update(.key(.tab))
    _ = model.update(.key(.tab))
    _ = model.update(.key(.tab))
    _ = model.update(.key(.enter))
    let zoomed = model.view().plainText
    #expect(zoomed.contains("4 Event log"))
    #expect(!zoomed.contains("2 Cache"))
    _ = model.update(.resize(Size(width: 120, height: 40)))
    #expect(model.view().size == Size(width: 120, height: 40))
    _ = model.update(.key(.escape))
    #expect(model.view().plainText.contains("2 Cache"))
  }

  @Test func helpIsGeneratedFromTheKeyMap() throws {
    var model = try AppFixtures.model(size: Size(width: 100, height: 40))
    _ = model.update(.key(.character("?")))
    let text = model.view().plainText
    for binding in model.keyMap.bindings {
      #expect(text.contains(binding.help))
    }
  }
}
