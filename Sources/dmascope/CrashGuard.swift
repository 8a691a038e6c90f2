import Foundation

/// What a crash inside the terminal UI does: the terminal first, then a report in a file.
///
/// While armed (from just before ncurses starts until just after it ends), standard error goes
/// to a report file (`$TMPDIR/dmascope-crash-PID.txt`), so nothing the Swift runtime prints
/// before a trap (`Fatal error: …`) lands on the full-screen display. A fatal signal (SIGILL or
/// SIGTRAP from a Swift runtime trap, SIGABRT, SIGSEGV, SIGBUS, SIGFPE) then runs a handler that
/// restores the saved `termios` and writes the terminal's own restore strings, appends the
/// signal, a backtrace and the memory map to the report, points standard error back at the
/// terminal, names the report there, and dies of the same signal. The handler replaces Swift's
/// crash backtracer for those signals, so no interactive backtracer runs inside the TUI. It
/// uses only async-signal-safe calls on memory prepared while arming. On a normal exit,
/// `disarm()` puts standard error back, copies anything written to it meanwhile to the
/// terminal, and removes the file.
enum CrashGuard {
  /// Everything the handler needs, prepared in advance (the handler allocates nothing).
  struct State {
    var savedTerminal = termios()
    var hasSavedTerminal = false
    var restore: UnsafeMutableBufferPointer<UInt8>?
    var reportFD: Int32 = -1
    var terminalStderr: Int32 = -1
    var reportPath = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    var frames = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 128)
    var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    var backtrace: Backtrace?
    var backtraceSymbols: BacktraceSymbols?
    var previous: [Int32: sigaction] = [:]
    var alternateStack: UnsafeMutableRawPointer?
  }

  /// glibc's `backtrace(3)`.
  typealias Backtrace =
    @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?, Int32)
    -> Int32
  /// glibc's `backtrace_symbols_fd(3)`.
  typealias BacktraceSymbols =
    @convention(c) (
      UnsafePointer<UnsafeMutableRawPointer?>?, Int32, Int32
    ) -> Void

  /// The signals a crash raises.
  static let fatalSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

  /// The armed state; nil when disarmed. Written only outside the handler.
  nonisolated(unsafe) static var state: UnsafeMutablePointer<State>?

  /// Saves the terminal, opens the report file, sends standard error there and installs the
  /// handlers. Call before the terminal UI starts.
  static func arm() {
    guard state == nil else { return }
    let pointer = UnsafeMutablePointer<State>.allocate(capacity: 1)
    pointer.initialize(to: State())
    pointer.pointee.hasSavedTerminal = tcgetattr(STDIN_FILENO, &pointer.pointee.savedTerminal) == 0
    let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
    let path = "\(directory ?? "/tmp")/dmascope-crash-\(getpid()).txt"
    unlink(path)
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd >= 0 {
      pointer.pointee.reportFD = fd
      let bytes = Array(path.utf8)
      pointer.pointee.reportPath = .allocate(capacity: bytes.count)
      _ = pointer.pointee.reportPath.initialize(from: bytes)
      pointer.pointee.terminalStderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
      if pointer.pointee.terminalStderr >= 0 { dup2(fd, STDERR_FILENO) }
    }
    if let library = dlopen(nil, RTLD_NOW) {
      if let symbol = dlsym(library, "backtrace") {
        pointer.pointee.backtrace = unsafeBitCast(symbol, to: Backtrace.self)
        // The first call loads libgcc's unwinder; do it now, not inside the handler.
        _ = pointer.pointee.backtrace?(pointer.pointee.frames, 128)
      }
      if let symbol = dlsym(library, "backtrace_symbols_fd") {
        pointer.pointee.backtraceSymbols = unsafeBitCast(symbol, to: BacktraceSymbols.self)
      }
    }
    // A stack overflow needs a stack of its own to run the handler on.
    let stackSize = 1 << 16
    if let stack = malloc(stackSize) {
      var alternate = stack_t(ss_sp: stack, ss_flags: 0, ss_size: stackSize)
      if sigaltstack(&alternate, nil) == 0 { pointer.pointee.alternateStack = stack }
    }
    state = pointer
    for signalNumber in fatalSignals {
      var action = sigaction()
      action.__sigaction_handler.sa_sigaction = crashHandler
      action.sa_flags = SA_SIGINFO | SA_ONSTACK | Int32(bitPattern: UInt32(SA_RESETHAND))
      sigemptyset(&action.sa_mask)
      var previous = sigaction()
      sigaction(signalNumber, &action, &previous)
      pointer.pointee.previous[signalNumber] = previous
    }
  }

  /// Hands the handler the terminal's restore strings (known once ncurses has started).
  static func setTerminalRestore(_ bytes: [UInt8]) {
    guard let state, state.pointee.restore == nil, !bytes.isEmpty else { return }
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    _ = buffer.initialize(from: bytes)
    state.pointee.restore = buffer
  }

  /// The normal end: the previous handlers back, standard error back at the terminal (with
  /// anything written to it meanwhile), the report file removed.
  static func disarm() {
    guard let pointer = state else { return }
    for (signalNumber, previous) in pointer.pointee.previous {
      var previous = previous
      sigaction(signalNumber, &previous, nil)
    }
    state = nil
    let reportFD = pointer.pointee.reportFD
    if pointer.pointee.terminalStderr >= 0 {
      dup2(pointer.pointee.terminalStderr, STDERR_FILENO)
      close(pointer.pointee.terminalStderr)
    }
    if reportFD >= 0 {
      let path = String(decoding: pointer.pointee.reportPath, as: UTF8.self)
      pointer.pointee.reportPath.deallocate()
      if let written = FileManager.default.contents(atPath: path), !written.isEmpty {
        FileHandle.standardError.write(written)
      }
      close(reportFD)
      unlink(path)
    }
    if let stack = pointer.pointee.alternateStack {
      var disable = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
      sigaltstack(&disable, nil)
      free(stack)
    }
    pointer.pointee.restore?.deallocate()
    pointer.pointee.frames.deallocate()
    pointer.pointee.scratch.deallocate()
    pointer.deinitialize(count: 1)
    pointer.deallocate()
  }

  /// The signal's name and what usually raises it, for the report and the notice.
  static func describe(_ signalNumber: Int32) -> StaticString {
    switch signalNumber {
    case SIGILL: "SIGILL (a Swift runtime trap: overflow, bounds, unwrap of nil)"
    case SIGTRAP: "SIGTRAP (a Swift runtime trap)"
    case SIGABRT: "SIGABRT (abort)"
    case SIGSEGV: "SIGSEGV (invalid memory access or stack overflow)"
    case SIGBUS: "SIGBUS (bus error)"
    case SIGFPE: "SIGFPE (arithmetic exception)"
    default: "a fatal signal"
    }
  }
}

/// The crash handler itself (a C function pointer: it captures nothing).
private let crashHandler:
  @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signalNumber, _, _ in
    guard let state = CrashGuard.state else {
      signal(signalNumber, SIG_DFL)
      raise(signalNumber)
      return
    }
    // 1. The terminal, before anything is printed.
    if state.pointee.hasSavedTerminal {
      tcsetattr(STDIN_FILENO, TCSANOW, &state.pointee.savedTerminal)
    }
    if let restore = state.pointee.restore, let base = restore.baseAddress {
      _ = write(STDOUT_FILENO, base, restore.count)
    }
    // 2. The report: signal, backtrace, memory map (for addr2line).
    let report = state.pointee.reportFD >= 0 ? state.pointee.reportFD : STDERR_FILENO
    CrashWriter.write(report, "\ndmascope crash report\nsignal: ")
    CrashWriter.write(report, CrashGuard.describe(signalNumber))
    CrashWriter.write(report, "\n\nbacktrace (innermost first):\n")
    if let backtrace = state.pointee.backtrace, let symbols = state.pointee.backtraceSymbols {
      let count = backtrace(state.pointee.frames, 128)
      symbols(state.pointee.frames, count, report)
    }
    CrashWriter.write(
      report,
      "\nmemory map (resolve a frame with addr2line -f -e FILE OFFSET, then swift demangle):\n")
    CrashWriter.copy(path: "/proc/self/maps", to: report, buffer: state.pointee.scratch)
    // 3. Standard error back at the terminal, and the report named there.
    if state.pointee.terminalStderr >= 0 {
      dup2(state.pointee.terminalStderr, STDERR_FILENO)
      CrashWriter.write(STDERR_FILENO, "\ndmascope: crashed with ")
      CrashWriter.write(STDERR_FILENO, CrashGuard.describe(signalNumber))
      CrashWriter.write(STDERR_FILENO, "; the terminal was restored; the crash report is in ")
      let path = state.pointee.reportPath
      if let base = path.baseAddress { _ = write(STDERR_FILENO, base, path.count) }
      CrashWriter.write(STDERR_FILENO, "\n")
    }
    // 4. Die of the same signal (delivered when the handler returns).
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
  }

/// `write(2)` helpers for the crash handler: no allocation, no locks.
enum CrashWriter {
  /// Writes a static string.
  static func write(_ fd: Int32, _ text: StaticString) {
    _ = Glibc.write(fd, text.utf8Start, text.utf8CodeUnitCount)
  }

  /// Copies a file with `open`/`read`/`write` through `buffer` (4096 bytes).
  static func copy(path: StaticString, to fd: Int32, buffer: UnsafeMutablePointer<UInt8>) {
    // A StaticString's UTF-8 is NUL-terminated.
    let source = open(
      UnsafeRawPointer(path.utf8Start).assumingMemoryBound(to: CChar.self), O_RDONLY)
    guard source >= 0 else { return }
    while true {
      let count = read(source, buffer, 4096)
      if count <= 0 { break }
      _ = Glibc.write(fd, buffer, count)
    }
    close(source)
  }
}
