extension Machine {
  /// Runs the calls the lesson library added: driver unbind, the dmatest module, movable
  /// pages and pins.
  mutating func executeLessonCall(_ action: Action) {
    switch action.operation {
    case .deviceReleaseDriver(let device): deviceReleaseDriver(device)
    case .dmatestRun(let options): dmatestRun(options, result: action.result)
    case .allocMovablePages(let order): allocMovablePages(order: order, result: action.result)
    case .pinUserPage(let pointer, let pin): pinUserPage(pointer, pin: pin)
    case .dmaBuf(let call): executeDMABuf(call, result: action.result)
    default: break
    }
  }

  /// `device_release_driver`: the driver's remove has run and the device is unbound. At
  /// `BUS_NOTIFY_UNBOUND_DRIVER` dma-debug counts the device's live entries and reports
  /// them (check 22); the leaked mappings stay, with their swiotlb slots or IOVAs.
  mutating func deviceReleaseDriver(_ device: String) {
    guard let spec = board.device(named: device) else { return }
    let live = mappings.filter { $0.device == device }.count
    log(
      .kernel, "device_release_driver",
      "\(spec.driverName) \(spec.kernelName): driver unbound; \(live) streaming mapping"
        + "\(live == 1 ? "" : "s") still live",
      detail: "Whatever the driver mapped and did not unmap stays mapped: nobody holds the "
        + "handles any more, so the slots, IOVAs or cache lines are lost until reboot.")
    logDebug(dmaDebug.driverUnbound(device: debugDevice(device)))
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
