@testable import DMASim

/// Programs built directly from actions, so core tests do not depend on the scenario parser.
enum TestPrograms {
  static let message: [UInt8] = {
    let text = Array("Hello from the CPU! ".utf8)
    var bytes: [UInt8] = []
    while bytes.count < 128 { bytes += text }
    return Array(bytes.prefix(128))
  }()

  /// The first-transfer flow; `map: false` leaves out the map (the classic missing-clean bug).
  static func transfer(map: Bool = true, checkError: Bool = true, interrupt: Bool = true)
    -> Program
  {
    var actions: [Action] = [
      Action(operation: .dmaRequestChan(device: "spi0", name: "tx"), result: "chan"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("chan"), config: SlaveConfig(dstAddrWidth: 4, dstMaxBurst: 4))),
      Action(operation: .kmalloc(size: 128, flags: .kernel), result: "buf"),
      Action(operation: .cpuWrite(pointer: .variable("buf"), offset: 0, bytes: message)),
    ]
    if map {
      actions.append(
        Action(
          operation: .dmaMapSingle(
            device: "spi0", pointer: .variable("buf"), size: 128, direction: .toDevice),
          result: "handle"))
    } else {
      // A driver that hands the physical address to the device without mapping it.
      actions.append(Action(operation: .virtToPhys(pointer: .variable("buf")), result: "handle"))
    }
    if checkError && map {
      actions.append(
        Action(operation: .dmaMappingError(device: "spi0", handle: .variable("handle"))))
    }
    actions += [
      Action(
        operation: .prepSlaveSingle(
          channel: .variable("chan"), buffer: .variable("handle"), length: 128,
          direction: .memToDev, flags: interrupt ? .prepInterrupt : []),
        result: "desc"),
      Action(operation: .submit(descriptor: .variable("desc")), result: "cookie"),
      Action(operation: .issuePending(channel: .variable("chan"))),
      Action(operation: .waitForCompletion(cookie: .variable("cookie"))),
    ]
    if map {
      actions.append(
        Action(
          operation: .dmaUnmapSingle(
            device: "spi0", handle: .variable("handle"), size: 128, direction: .toDevice)))
    }
    actions.append(Action(operation: .kfree(.variable("buf"))))
    return Program(title: "test transfer", actions: actions)
  }
}

extension Machine {
  /// Steps until `predicate` holds or the machine stops; returns whether it held.
  @discardableResult
  mutating func run(until predicate: (Machine) -> Bool, limit: Int = 10_000) -> Bool {
    for _ in 0..<limit {
      if predicate(self) { return true }
      if !step() { return predicate(self) }
    }
    return predicate(self)
  }

  /// Steps until nothing is left.
  mutating func runToEnd(limit: Int = 100_000) {
    for _ in 0..<limit where !step() { return }
  }
}

extension TestPrograms {
  /// `count` transfers of `size` bytes each through the same channel: thousands of steps.
  static func bigTransfers(count: Int, size: UInt64) -> Program {
    var actions: [Action] = [
      Action(operation: .dmaRequestChan(device: "spi0", name: "tx"), result: "chan"),
      Action(
        operation: .dmaengineSlaveConfig(
          channel: .variable("chan"), config: SlaveConfig(dstAddrWidth: 4, dstMaxBurst: 4))),
      Action(operation: .kmalloc(size: size, flags: .kernel), result: "buf"),
    ]
    for round in 0..<count {
      let fill = [UInt8](repeating: UInt8(0x41 + round), count: Int(size))
      actions += [
        Action(operation: .cpuWrite(pointer: .variable("buf"), offset: 0, bytes: fill), line: 10),
        Action(
          operation: .dmaMapSingle(
            device: "spi0", pointer: .variable("buf"), size: size, direction: .toDevice),
          result: "handle", line: 11),
        Action(operation: .dmaMappingError(device: "spi0", handle: .variable("handle")), line: 12),
        Action(
          operation: .prepSlaveSingle(
            channel: .variable("chan"), buffer: .variable("handle"), length: size,
            direction: .memToDev, flags: .prepInterrupt),
          result: "desc", line: 13),
        Action(operation: .submit(descriptor: .variable("desc")), result: "cookie", line: 14),
        Action(operation: .issuePending(channel: .variable("chan")), line: 15),
        Action(operation: .waitForCompletion(cookie: .variable("cookie")), line: 16),
        Action(
          operation: .dmaUnmapSingle(
            device: "spi0", handle: .variable("handle"), size: size, direction: .toDevice),
          line: 17),
      ]
    }
    actions.append(Action(operation: .kfree(.variable("buf"))))
    return Program(title: "big transfers", actions: actions)
  }
}
