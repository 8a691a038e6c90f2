import DMAScenario
import Testing

@testable import DMASim

/// Boards from device-tree text for machine tests, and a compile-and-build helper.
enum BoardMachineSupport {
  /// A UART and a PL330 behind a bus whose `dma-ranges` reach only 16 MiB (bus 0 = CPU 0),
  /// and a second bus whose devices see CPU 0x40000000 as bus address 0.
  static let trees: [String: String] = [
    "limited.dts": """
    /dts-v1/;
    / {
      #address-cells = <1>; #size-cells = <1>; model = "limited";
      chosen { bootargs = "cma=4M swiotlb=1024"; };
      memory@0 { device_type = "memory"; reg = <0x0 0x10000000>; };
      bus@10000000 {
        compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>;
        ranges = <0x0 0x10000000 0x100000>;
        dma-ranges = <0x0 0x0 0x1000000>;
        dma: dma-controller@0 { compatible = "arm,pl330"; reg = <0x0 0x1000>;
          #dma-cells = <1>; dma-channels = <2>; };
        uart0: serial@1000 { compatible = "arm,pl011"; reg = <0x1000 0x1000>;
          dmas = <&dma 1>, <&dma 2>; dma-names = "tx", "rx"; };
      };
    };
    """,
    "offset.dts": """
    /dts-v1/;
    / {
      #address-cells = <1>; #size-cells = <1>; model = "offset";
      memory@40000000 { device_type = "memory"; reg = <0x40000000 0x10000000>; };
      bus@9000000 {
        compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>;
        ranges = <0x9000000 0x9000000 0x100000>;
        dma-ranges = <0x0 0x40000000 0x10000000>;
        dma: dma-controller@9000000 { compatible = "arm,pl330"; reg = <0x9000000 0x1000>;
          #dma-cells = <1>; dma-channels = <2>; };
        uart0: serial@9001000 { compatible = "arm,pl011"; reg = <0x9001000 0x1000>;
          dmas = <&dma 1>, <&dma 2>; dma-names = "tx", "rx"; };
      };
    };
    """,
  ]

  struct Missing: Error {}

  static let resolver = BoardResolver { path in
    guard let text = trees[path] else { throw Missing() }
    return Array(text.utf8)
  }

  /// Compiles a scenario (with the test trees available) and builds its machine.
  static func machine(_ source: String) throws -> Machine {
    let result = ScenarioCompiler.compile(source, fileName: "t.dms", boards: resolver)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.rendered))")
    let scenario = try #require(result.scenario)
    return Machine(board: scenario.board, program: scenario.program)
  }

  /// Log messages from a function.
  static func messages(_ machine: Machine, _ function: String) -> [String] {
    machine.log.entries.filter { $0.function == function }.map(\.message)
  }
}
