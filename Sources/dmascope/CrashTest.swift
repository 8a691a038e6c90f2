import ArgumentParser
import DMAScenario
import Foundation
import TermCanvas

/// `dmascope __crash-test`: a hidden developer command that opens the terminal UI on the tour
/// and crashes on purpose at the first key, to check that a crash restores the terminal before
/// anything is printed and leaves its report in a file named on standard error
/// (`Tests/reliability/check.sh` drives it in tmux).
struct CrashTest: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "__crash-test",
    abstract: "Developer check: open the UI and crash at the first key (see CrashGuard).",
    shouldDisplay: false)

  /// How to crash.
  enum Kind: String, ExpressibleByArgument, CaseIterable {
    /// A Swift runtime trap: integer overflow (SIGILL on x86-64, SIGTRAP on arm64).
    case overflow
    /// `abort()` (SIGABRT).
    case abort
  }

  @Option(help: "How to crash: overflow (a Swift runtime trap) or abort.")
  var kind: Kind = .overflow

  func run() throws {
    guard Environment.hasTerminal else {
      throw UsageError(
        "no terminal: __crash-test needs a TTY", hint: "run it inside a terminal or tmux")
    }
    let loaded = try ScenarioLoader.loadWithSource(nil)
    let session = InteractiveSession(
      scenario: loaded.scenario, theme: Environment.theme(named: nil), glyphs: .unicode,
      source: loaded.source, fileName: loaded.fileName, crashOnKey: kind)
    if let signal = try session.run() { throw ExitCode(128 + signal) }
  }

  /// Crashes the way `kind` says. The overflow's operand comes from the command line, so the
  /// compiler cannot fold it away.
  static func crash(_ kind: Kind) {
    switch kind {
    case .overflow:
      let sum = overflow(CommandLine.arguments.count)
      print(sum)
    case .abort:
      Foundation.abort()
    }
  }

  @inline(never)
  static func overflow(_ operand: Int) -> Int { Int.max - 1 + operand }
}
