extension Machine {
  /// Runs the calls the lesson library added: the dmatest module, movable pages and pins.
  mutating func executeLessonCall(_ action: Action) {
    switch action.operation {
    case .dmatestRun(let options): dmatestRun(options, result: action.result)
    case .allocMovablePages(let order): allocMovablePages(order: order, result: action.result)
    case .pinUserPage(let page, let pin): pinUserPage(page, pin: pin)
    case .dmaBuf(let call): executeDMABuf(call, result: action.result)
    default: break
    }
  }

  /// `modprobe dmatest …; echo 1 > run; cat wait`: each thread runs on a fresh machine of
  /// this board (dmatest's own buffers and channels), and its lines go to the log.
  mutating func dmatestRun(_ options: DmatestOptions, result: String?) {
    let report = Dmatest.run(board: board, options: options)
    for line in report.lines {
      log(.kernel, "dmatest", line)
    }
    assign(.integer(Int64(report.failures)), to: result)
  }
}
