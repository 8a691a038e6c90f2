import DMAApp
import DMAScenario
import DMASim
import TermCanvas
import Testing

/// `:break` conditions, temporaries, `:ignore`, `:condition`, the three watch kinds, command
/// and find history, Tab completion and every refused input, driven by keys with no terminal.
@Suite struct BreakpointCommandTests {
  /// Two streaming maps of one buffer, one per direction: a condition on `dir` must tell
  /// them apart.
  static let twoDirections = """
    board minimal
    buf = kmalloc(64, GFP_KERNEL)
    cpu_write(buf, 0, "abcd")
    h = dma_map_single(spi0, buf, 64, DMA_TO_DEVICE)
    dma_unmap_single(spi0, h, 64, DMA_TO_DEVICE)
    h2 = dma_map_single(spi0, buf, 64, DMA_FROM_DEVICE)
    dma_unmap_single(spi0, h2, 64, DMA_FROM_DEVICE)
    kfree(buf)
    """

  func model(_ source: String) throws -> AppModel {
    let scenario = try #require(
      ScenarioCompiler.compile(source, fileName: "two.dms").scenario)
    return AppModel(scenario: scenario, size: Size(width: 120, height: 40))
  }

  func command(_ text: String, _ model: inout AppModel) {
    _ = model.update(.key(.character(":")))
    AppFixtures.type(text, into: &model)
    _ = model.update(.key(.enter))
  }

  func press(_ character: Character, _ model: inout AppModel) {
    _ = model.update(.key(.character(character)))
  }

  /// The scenario line of the statement about to run.
  func upcomingLine(_ model: AppModel) -> Int? {
    model.machine.upcomingActionIndex.map { model.machine.program.actions[$0].line }
  }

  @Test func conditionStopsOnlyOnTheMatchingCall() throws {
    var model = try model(Self.twoDirections)
    command("break dma_map_single if dir == DMA_FROM_DEVICE", &model)
    #expect(model.message == "Breakpoint 1: break dma_map_single if dir == DMA_FROM_DEVICE")
    press("c", &model)
    #expect(upcomingLine(model) == 6)
    #expect(model.message?.hasPrefix("Breakpoint 1, before dma_map_single (line 6), step") == true)
    #expect(model.debugger.hits(of: 1) == 1)
    press("c", &model)
    #expect(model.machine.isFinished)
    #expect(model.debugger.hits(of: 1) == 1)
  }

  @Test func conditionSetAndCleared() throws {
    var model = try model(Self.twoDirections)
    command("break dma_map_single", &model)
    command("condition 1 dir == DMA_FROM_DEVICE", &model)
    #expect(model.message == "Breakpoint 1: stops only if dir == DMA_FROM_DEVICE")
    press("c", &model)
    #expect(upcomingLine(model) == 6)
    press("C", &model)
    #expect(model.machine.stepCount == 0)
    command("condition 1", &model)
    #expect(model.message == "Breakpoint 1 now unconditional")
    press("c", &model)
    #expect(upcomingLine(model) == 4)
    press("c", &model)
    #expect(upcomingLine(model) == 6)
  }

  @Test func temporaryBreakpointHitsOnceThenIsGone() throws {
    var model = try model(Self.twoDirections)
    command("tbreak dma_map_single", &model)
    #expect(model.message == "Temporary breakpoint 1: tbreak dma_map_single")
    press("c", &model)
    #expect(upcomingLine(model) == 4)
    #expect(model.message?.hasPrefix("Temporary breakpoint 1, before dma_map_single") == true)
    #expect(model.debugger.breakpoints.isEmpty)
    press("c", &model)
    #expect(model.machine.isFinished)
  }

  @Test func ignoreLetsTheNextHitsPass() throws {
    var model = try model(Self.twoDirections)
    command("break dma_map_single", &model)
    command("ignore 1 1", &model)
    #expect(model.message == "Will ignore next 1 crossing of breakpoint 1.")
    press("c", &model)
    #expect(upcomingLine(model) == 6)
    #expect(model.debugger.hits(of: 1) == 2)
    command("ignore 1 0", &model)
    #expect(model.message == "Will ignore next 0 crossings of breakpoint 1.")
    press("g", &model)
    press("c", &model)
    #expect(upcomingLine(model) == 4)
  }

  @Test func infoTableShowsConditionIgnoreAndDisposition() throws {
    var model = try model(Self.twoDirections)
    command("break dma_map_single if dir == DMA_FROM_DEVICE", &model)
    command("tbreak 5", &model)
    command("ignore 2 3", &model)
    command("disable 1", &model)
    command("info", &model)
    let popup = try #require(model.popup)
    #expect(popup.title == "Breakpoints")
    #expect(
      popup.lines == [
        "Num  Type        Disp  Enb  Hits  What",
        "1    breakpoint  keep  n    0     break dma_map_single  if dir == DMA_FROM_DEVICE",
        "2    breakpoint  del   y    0     break line 5  (ignore next 3)",
      ])
  }

  // MARK: Watch kinds on the default lesson (buf assigned on line 11, filled on line 14).

  /// The default lesson stopped before line 14's `cpu_write`, `buf` live but still zero.
  func beforeTheFill() throws -> AppModel {
    var model = try AppFixtures.model(size: Size(width: 120, height: 40))
    command("tbreak 14", &model)
    press("c", &model)
    #expect(upcomingLine(model) == 14)
    return model
  }

  @Test func watchStopsOnTheCPUsWriteWithOldAndNewBytes() throws {
    var model = try beforeTheFill()
    command("watch buf", &model)
    #expect(model.message == "Hardware watchpoint 2: watch 0x42000000 128")
    press("c", &model)
    let text = try #require(model.message)
    #expect(text.hasPrefix("Hardware watchpoint 2 (watch 0x42000000 128) at step "))
    #expect(text.contains("CPU"))
    #expect(text.contains("wrote"))
    #expect(text.contains("VA 0x"))
    #expect(text.contains("→ PA 0x42000000"))
    #expect(text.contains("old 00 00 00 00 00 00 00 00 …, new 48 65 6c 6c 6f 2c 20 44 …"))
  }

  /// At 120 columns the status bar cuts a watch hit's message; the key-hint row shows its
  /// detail instead (accessor and bytes first), and the hints come back with the next key.
  @Test func aCutWatchHitShowsItsDetailInTheKeyHintRow() throws {
    var model = try beforeTheFill()
    command("watch buf", &model)
    press("c", &model)
    let rows = model.view().plainText.split(separator: "\n", omittingEmptySubsequences: false)
    let footer = try #require(rows.last)
    #expect(
      footer.hasPrefix(
        " CPU store wrote 64 bytes: old 00 00 00 00 00 00 00 00 …, new 48 65 6c 6c 6f 2c 20 44 …"),
      "\(footer)")
    #expect(!(rows.first ?? "").contains("new 48"))
    _ = model.update(.key(.tab))  // a key that stops nowhere clears the message
    #expect(model.message == nil)
    #expect(model.view().plainText.contains("s step  S back"))
  }

  @Test func watchByDeviceIgnoresTheCPUAndTheDevicesReads() throws {
    var model = try beforeTheFill()
    command("watch buf device", &model)
    #expect(model.message == "Hardware watchpoint 2: watch 0x42000000 128 device")
    press("c", &model)
    // spi0 only reads buf (DMA_TO_DEVICE): no device write ever lands on it.
    #expect(model.machine.isFinished)
    #expect(model.debugger.hits(of: 2) == 0)
  }

  @Test func rwatchStopsOnTheDevicesReadNamingItAndTheBusAddress() throws {
    var model = try beforeTheFill()
    command("rwatch buf", &model)
    #expect(model.message == "Hardware read watchpoint 2: rwatch 0x42000000 128")
    press("c", &model)
    let text = try #require(model.message)
    #expect(text.hasPrefix("Hardware read watchpoint 2 (rwatch 0x42000000 128) at step "))
    #expect(text.contains("spi0"))
    #expect(text.contains(" read "))
    #expect(text.contains("bus 0x"))
    #expect(text.contains("→ PA 0x420000"))
    #expect(text.contains("value 48 65 6c 6c"))
    #expect(!text.contains("wrote"))
  }

  @Test func rwatchByCPUIgnoresTheCPUsWrites() throws {
    var model = try beforeTheFill()
    command("rwatch buf cpu", &model)
    press("c", &model)
    // The lesson's CPU writes buf and never reads it back.
    #expect(model.machine.isFinished)
    #expect(model.debugger.hits(of: 2) == 0)
  }

  @Test func awatchStopsOnTheWriteThenOnTheRead() throws {
    var model = try beforeTheFill()
    command("awatch buf", &model)
    #expect(
      model.message == "Hardware access (read/write) watchpoint 2: awatch 0x42000000 128")
    press("c", &model)
    let first = try #require(model.message)
    #expect(first.contains("CPU") && first.contains("wrote"))
    var read = ""
    for _ in 0..<50 where !read.contains(" read ") {
      press("c", &model)
      read = model.message ?? ""
    }
    #expect(read.contains("spi0") && read.contains("value 48 65 6c 6c"))
  }

  // MARK: Refused input, each with its exact message.

  @Test func refusedInputSaysWhy() throws {
    var model = try AppFixtures.model(size: Size(width: 120, height: 40))
    let cases: [(String, String)] = [
      (
        "break nosuchfunc",
        "no function `nosuchfunc` in this scenario or the kernel calls dmascope models"
      ),
      (
        "break dma_map_singel",
        "no function `dma_map_singel` in this scenario or the kernel calls dmascope models; "
          + "nearest: `dma_map_single`, `dma_unmap_single` or `dma_map_page`"
      ),
      ("break 9", "line 9 holds no statement; the nearest statements are on line 8 or 10"),
      ("break line x", "usage: :break line N"),
      ("break", "usage: :break FUNCTION|LINE|line N|violation|complete|evict [if EXPR]"),
      ("break dma_map_single if", "`if` needs a condition, e.g. `if dir == DMA_FROM_DEVICE`"),
      (
        "watch buf",
        "`buf` is not assigned yet: line 11 assigns it; step past it (`:tbreak 12` then `c`) "
          + "and watch again"
      ),
      ("watch bfu", "no variable or address `bfu`; nearest: `buf`"),
      (
        "watch 0x42000000 zero",
        "unexpected `zero`; usage: :watch BUFFER|ADDR [SIZE] [cpu|device] | dirty BUFFER | differs BUFFER [SIZE]"
      ),
      ("watch 0x42000000 0", "`0` is not a size in bytes"),
      ("frobnicate", "unknown command :frobnicate (:help lists them)"),
      (
        "breka main", "unknown command :breka; did you mean `break` or `tbreak`? (:help lists them)"
      ),
      ("help nosuch", "no command :nosuch"),
      ("ignore 1 many", "usage: :ignore N COUNT"),
      ("ignore 1 -2", "usage: :ignore N COUNT"),
      ("ignore 7 1", "no breakpoint 7"),
      ("condition x", "usage: :condition N [EXPR]"),
      ("condition 7 ret == 0", "no breakpoint 7"),
      ("info watchpoints", "info: only breakpoints (`:info` or `:i b`)"),
      ("delete 9", "no breakpoint 9"),
      ("goto x", "usage: :goto STEP"),
    ]
    for (input, expected) in cases {
      command(input, &model)
      #expect(model.message == expected, "\(input)")
    }
    #expect(model.debugger.breakpoints.isEmpty)
  }

  @Test func badConditionExpressionIsRefusedWithTheCompilersMessage() throws {
    var model = try AppFixtures.model(size: Size(width: 120, height: 40))
    command("break dma_map_single if dir === 3", &model)
    let refused = try #require(model.message)
    #expect(refused.hasPrefix("condition `dir === 3`: "))
    command("break dma_map_single if nosuchvar == 1", &model)
    let unknown = try #require(model.message)
    #expect(unknown.hasPrefix("condition `nosuchvar == 1`: "))
    #expect(unknown.contains("nosuchvar"))
    command("break dma_map_single", &model)
    command("condition 1 dir ==", &model)
    #expect(model.message?.hasPrefix("condition `dir ==`: ") == true)
    #expect(model.debugger.breakpoints.count == 1)
    #expect(model.debugger.breakpoints[0].condition == nil)
  }

  // MARK: History and completion.

  @Test func commandHistoryWalksWithUpAndDown() throws {
    var model = try AppFixtures.model()
    command("goto 3", &model)
    command("goto 5", &model)
    _ = model.update(.key(.character(":")))
    AppFixtures.type("go", into: &model)
    _ = model.update(.key(.up))
    #expect(model.commandLine == "goto 5")
    _ = model.update(.key(.up))
    #expect(model.commandLine == "goto 3")
    _ = model.update(.key(.up))
    #expect(model.commandLine == "goto 3")
    _ = model.update(.key(.down))
    #expect(model.commandLine == "goto 5")
    _ = model.update(.key(.down))
    #expect(model.commandLine == "go")
    _ = model.update(.key(.escape))
    #expect(model.commandHistory.lines == ["goto 3", "goto 5"])
  }

  @Test func findHistoryWalksWithUpAndDown() throws {
    var model = try AppFixtures.model(steps: 40)
    for query in ["buf", "cookie 2"] {
      _ = model.update(.key(.character("/")))
      AppFixtures.type(query, into: &model)
      _ = model.update(.key(.enter))
    }
    _ = model.update(.key(.character("/")))
    _ = model.update(.key(.up))
    #expect(model.findLine == "cookie 2")
    _ = model.update(.key(.up))
    #expect(model.findLine == "buf")
    _ = model.update(.key(.down))
    _ = model.update(.key(.down))
    #expect(model.findLine == "")
    _ = model.update(.key(.escape))
    #expect(model.findHistory.lines == ["buf", "cookie 2"])
  }

  @Test func tabCompletesCommandsFunctionsAndVariables() throws {
    var model = try AppFixtures.model()
    _ = model.update(.key(.character(":")))
    AppFixtures.type("tb", into: &model)
    _ = model.update(.key(.tab))
    #expect(model.commandLine == "tbreak ")
    AppFixtures.type("dma_map_si", into: &model)
    _ = model.update(.key(.tab))
    #expect(model.commandLine == "tbreak dma_map_single ")
    AppFixtures.type("if h", into: &model)
    _ = model.update(.key(.tab))
    #expect(model.commandLine == "tbreak dma_map_single if handle ")
    _ = model.update(.key(.escape))

    _ = model.update(.key(.character(":")))
    AppFixtures.type("rwatch b", into: &model)
    _ = model.update(.key(.tab))
    #expect(model.commandLine == "rwatch buf ")
    AppFixtures.type("d", into: &model)
    _ = model.update(.key(.tab))
    #expect(model.commandLine == "rwatch buf device ")
    _ = model.update(.key(.escape))

    // Several fit: the common prefix, and the candidates on the status line.
    _ = model.update(.key(.character(":")))
    AppFixtures.type("d", into: &model)
    _ = model.update(.key(.tab))
    #expect(model.commandLine == "d")
    #expect(model.message == "delete disable")
    _ = model.update(.key(.escape))

    _ = model.update(.key(.character("/")))
    AppFixtures.type("coo", into: &model)
    _ = model.update(.key(.tab))
    #expect(model.findLine == "cookie ")
  }
}
