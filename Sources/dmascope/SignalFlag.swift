import Foundation
import Synchronization

/// The last termination signal received (0 for none). Signal handlers only store into it.
let pendingSignal = Atomic<Int32>(0)

/// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT that record the signal, so the main
/// loop can restore the terminal and exit cleanly. SIGQUIT (Ctrl-\\) is caught like SIGTERM: left
/// to its default it would start Swift's crash backtracer inside the raw-mode terminal.
enum SignalFlag {
  /// Installs the handlers.
  static func install() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
      signal(signalNumber) { received in pendingSignal.store(received, ordering: .relaxed) }
    }
  }

  /// The signal received, if any.
  static var received: Int32? {
    let value = pendingSignal.load(ordering: .relaxed)
    return value == 0 ? nil : value
  }
}
