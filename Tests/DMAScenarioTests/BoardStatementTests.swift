import DMAScenario
import DMASim
import Testing

/// `board` with device-tree boards and files, and `cmdline`.
@Suite struct BoardStatementTests {
  static let tinyTree = """
    /dts-v1/;
    / {
      #address-cells = <1>; #size-cells = <1>; model = "tiny";
      memory@80000000 { device_type = "memory"; reg = <0x80000000 0x10000000>; };
      dma: dma-controller@1000 { compatible = "arm,pl330"; reg = <0x1000 0x100>;
        #dma-cells = <1>; dma-channels = <2>; };
      serial@2000 { compatible = "arm,pl011"; reg = <0x2000 0x100>;
        dmas = <&dma 1>; dma-names = "tx"; };
    };
    """

  static let files = BoardResolver { path in
    guard path == "boards/tiny.dts" else { throw MissingFile(path: path) }
    return Array(Self.tinyTree.utf8)
  }

  struct MissingFile: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path): no such file" }
  }

  func compile(_ source: String, boards: BoardResolver = .builtIn) -> CompileResult {
    ScenarioCompiler.compile(source, fileName: "lessons/t.dms", boards: boards)
  }

  @Test func builtInDeviceTreeBoard() throws {
    let result = compile("board arm64-cma-soc\nbuf = kmalloc(64, GFP_KERNEL)\n")
    let scenario = try #require(result.scenario)
    #expect(scenario.board.name == "arm64-cma-soc")
    #expect(scenario.board.devices.map(\.name).contains("uart0"))
    #expect(scenario.board.cmaAreas.first?.size == 64 << 20)
  }

  @Test func commandLineOverridesBootargsEitherOrder() throws {
    for source in [
      "board arm64-cma-soc\ncmdline \"cma=16M\"\n", "cmdline \"cma=16M\"\nboard arm64-cma-soc\n",
    ] {
      let scenario = try #require(compile(source).scenario)
      #expect(scenario.board.cmaAreas.map(\.size) == [16 << 20])
    }
  }

  @Test func fileRelativeToTheScenario() throws {
    let direct = try #require(
      ScenarioCompiler.compile("board \"tiny.dts\"\n", fileName: "boards/t.dms", boards: Self.files)
        .scenario)
    #expect(direct.board.model == "tiny")
    #expect(direct.board.devices.map(\.kernelName) == ["1000.dma-controller", "2000.serial"])
  }

  @Test func errorsPointAtTheStatement() {
    #expect(
      compile("board arm64-cma-sox\n").diagnostics.map(\.rendered) == [
        """
        lessons/t.dms:1:7: error: unknown board `arm64-cma-sox`
            1 | board arm64-cma-sox
              |       ^~~~~~~~~~~~~
        hint: did you mean `arm64-cma-soc`?
        """
      ])
    #expect(
      compile("board \"x.dtb\"\n").diagnostics.map(\.message) == [
        "cannot read board file `x.dtb` here"
      ])
    #expect(
      compile("board \"x.dtb\"\n", boards: Self.files).diagnostics.map(\.message) == [
        "cannot read board file `lessons/x.dtb`: lessons/x.dtb: no such file"
      ])
    let badTree = BoardResolver { _ in Array("/dts-v1/;\n/ { oops\n".utf8) }
    let bad = compile("board \"bad.dts\"\n", boards: badTree).diagnostics
    #expect(bad.count == 1)
    #expect(bad.first?.message.hasPrefix("bad device tree: bad.dts:") == true)
    #expect(bad.first?.location.column == 7)
    let command = compile("board arm64-cma-soc\ncmdline \"cma=16Q\"\n").diagnostics
    #expect(command.map(\.location.line) == [2])
    #expect(command.first?.message.hasPrefix("bad kernel command line") == true)
    #expect(command.first?.hint != nil)
    #expect(
      compile("board soc\ncmdline \"cma=16M\"\n").diagnostics.map(\.message) == [
        "board `soc` is built by hand and has no kernel command line"
      ])
  }
}
