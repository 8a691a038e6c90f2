import Foundation
import Testing

@testable import DMASim

/// The soak's random driver programs as goldens: for each seed, a fingerprint of every log
/// entry (step, tick, source, function, message, line, addresses) and the final step count,
/// compared with `Tests/golden/soak.txt`. A refactor must keep them identical; a deliberate
/// behaviour change regenerates the file with `DMASCOPE_UPDATE_GOLDENS=1 swift test --filter
/// GoldenSoakTests` in a commit that says what changed.
@Suite struct GoldenSoakTests {
  static let seeds: [UInt64] = Array(1...12)
  static let goldenURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("golden/soak.txt")

  /// FNV-1a over the text of every entry the run logs.
  static func fingerprint(seed: UInt64) -> String {
    var generator = RandomScenario(seed: seed)
    var machine = Machine(board: .soc, program: generator.program(transactions: 12))
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var seen = 0
    func mix(_ text: String) {
      for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
      }
    }
    var steps = 0
    while steps < 200_000, machine.step() {
      steps += 1
      let fresh = machine.log.count - seen
      for entry in machine.log.suffix(fresh) {
        // Spelled as `LogAddress`'s synthesized description read when the goldens were
        // recorded, so the fingerprint does not depend on how the struct stores its name.
        let addresses = entry.addresses.map {
          "LogAddress(name: \"\($0.name)\", value: \($0.value))"
        }.joined(separator: ",")
        mix(
          "\(entry.step)|\(entry.tick)|\(entry.source)|\(entry.function)|\(entry.message)|"
            + "\(entry.line)|\(entry.detail ?? "")|\(addresses)\n")
      }
      seen = machine.log.count
    }
    return "seed \(seed): steps \(machine.stepCount) tick \(machine.clock) log "
      + String(hash, radix: 16)
  }

  @Test func soakSeedsLogExactlyAsBefore() throws {
    let lines = Self.seeds.map { Self.fingerprint(seed: $0) }
    let text = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["DMASCOPE_UPDATE_GOLDENS"] == "1" {
      try text.write(to: Self.goldenURL, atomically: true, encoding: .utf8)
      return
    }
    let golden = try String(contentsOf: Self.goldenURL, encoding: .utf8)
    #expect(text == golden)
  }
}
