import Foundation
import Synchronization

/// The last termination signal received (0 for none). Signal handlers only store into it.
let pendingSignal = Atomic<Int32>(0)

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that record the signal, so the main loop can
/// restore the terminal and exit cleanly.
enum SignalFlag {
  /// Installs the handlers.
  static func install() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber) { received in pendingSignal.store(received, ordering: .relaxed) }
    }
  }

  /// The signal received, if any.
  static var received: Int32? {
    let value = pendingSignal.load(ordering: .relaxed)
    return value == 0 ? nil : value
  }
}
