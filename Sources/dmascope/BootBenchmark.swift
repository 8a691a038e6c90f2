import DMABoards
import DMASim
import DeviceTree

/// Timings for early memory setup and CMA on a large board: boot time of an 8 GiB board with a
/// 1 GiB CMA area, and `cma_alloc`/`cma_release` calls per second on that area. `dmascope
/// boot --bench` prints them; a future `dmascope bench` can call `measure`.
enum BootBenchmark {
  /// The measured figures.
  struct Figures {
    var bootsTimed: Int
    var bootMicroseconds: Double
    var sourceBootMicroseconds: Double
    var cmaCalls: Int
    var cmaCallsPerSecond: Double
    var failedAllocations: Int
    var cmaAreaPages: UInt64
  }

  /// The benchmark board as source: 8 GiB of DRAM at 0x40000000, a 1 GiB CMA area.
  static let source = """
    /dts-v1/;
    / {
      model = "dmascope benchmark board (8 GiB)";
      #address-cells = <2>;
      #size-cells = <2>;
      chosen { bootargs = "cma=1G"; };
      memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x2 0x0>; };
    };
    """

  /// The benchmark board as a boot description.
  static var description: BootDescription {
    BootDescription(
      model: "dmascope benchmark board (8 GiB)", rootAddressCells: 2, rootSizeCells: 2,
      memory: [MemoryBank(node: "/memory@40000000", base: 0x4000_0000, size: 8 << 30)],
      memoryReservations: [], reservedMemory: nil, controllers: [], consumers: [],
      maximumDMACPUAddress: nil, commandLine: "cma=1G")
  }

  /// Runs the measurements.
  static func measure(profile: BootProfile = .arm64) -> Figures {
    let clock = ContinuousClock()
    let boots = 200
    var result: BootResult?
    let bootTime = clock.measure {
      for _ in 0..<boots { result = try? EarlyBoot.run(description, profile: profile) }
    }
    let sourceTime = clock.measure {
      for _ in 0..<boots {
        guard let tree = try? DeviceTreeSource.parse(source, fileName: "bench.dts") else {
          continue
        }
        result = try? EarlyBoot.run(BootDescriptionBuilder.build(tree), profile: profile)
      }
    }
    var area = result?.cmaAreas.first ?? CMAArea(name: "reserved", base: 1 << 32, size: 1 << 30)
    var rng: UInt64 = 0x5EED_CA11
    var live: [(pfn: UInt64, pages: UInt64)] = []
    var calls = 0
    var failed = 0
    let cmaTime = clock.measure {
      for _ in 0..<200_000 {
        rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let pages = UInt64(1) << ((rng >> 33) % 9)
        if live.count > 256 || (!live.isEmpty && (rng >> 20) % 3 == 0) {
          let victim = Int((rng >> 40) % UInt64(live.count))
          let block = live.remove(at: victim)
          area.release(pfn: block.pfn, pages: block.pages)
        } else if let pfn = area.allocate(
          pages: pages, align: min(pages.trailingZeroBitCount, 8), noWarn: true)
        {
          live.append((pfn, pages))
        } else {
          failed += 1
        }
        calls += 1
      }
    }
    return Figures(
      bootsTimed: boots, bootMicroseconds: seconds(bootTime) * 1e6 / Double(boots),
      sourceBootMicroseconds: seconds(sourceTime) * 1e6 / Double(boots),
      cmaCalls: calls, cmaCallsPerSecond: Double(calls) / seconds(cmaTime),
      failedAllocations: failed, cmaAreaPages: area.count)
  }

  /// Prints the figures.
  static func run(profile: BootProfile) {
    let figures = measure(profile: profile)
    print("boot: 8 GiB DRAM, cma=1G (\(figures.cmaAreaPages) pages, one bit each)")
    print(
      "  early memory setup: \(format(figures.bootMicroseconds)) us per boot "
        + "(mean of \(figures.bootsTimed))")
    print(
      "  .dts parse + boot description + setup: \(format(figures.sourceBootMicroseconds)) us "
        + "per boot")
    print(
      "  cma_alloc/cma_release: \(Int(figures.cmaCallsPerSecond)) calls per second "
        + "(\(figures.cmaCalls) calls, 1-256 pages, \(figures.failedAllocations) failed)")
    print("  peak resident memory: \(ProcessMemory.peakResidentBytes() >> 20) MiB")
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  private static func format(_ value: Double) -> String {
    String(Double(Int(value * 10)) / 10)
  }
}
