import Testing

@testable import DMASim

@Suite struct TransferTests {
  func channel(_ machine: Machine) -> VirtualChannel {
    machine.engine.controllers[0].virtualChannels[0]
  }

  @Test func descriptorMovesThroughTheVirtDMALists() throws {
    var machine = Machine(board: .minimal, program: TestPrograms.transfer())
    let reached1 = machine.run(until: { channel($0).allocated.count == 1 })
    #expect(reached1)
    let id = try #require(channel(machine).allocated.first)
    #expect(channel(machine).descriptors[id]?.cookie == 0)

    machine.step()  // dmaengine_submit
    #expect(channel(machine).submitted == [id])
    #expect(channel(machine).descriptors[id]?.cookie == 2)
    #expect(channel(machine).cookie == 2)
    #expect(channel(machine).cookieStatus(2) == .inProgress)

    machine.step()  // dma_async_issue_pending: spliced onto desc_issued
    #expect(channel(machine).submitted.isEmpty)
    #expect(channel(machine).issued == [id])
    machine.step()  // the driver's start routine takes the head of desc_issued
    #expect(channel(machine).issued.isEmpty)
    #expect(channel(machine).active == id)

    let reached2 = machine.run(until: { channel($0).completed == [id] })
    #expect(reached2)
    #expect(channel(machine).completedCookie == 2)
    #expect(channel(machine).descriptors[id]?.cookie == 0)
    #expect(channel(machine).cookieStatus(2) == .complete)

    // The tasklet runs the callback and frees the descriptor (a FIFO shift may come first).
    let reachedTasklet = machine.run(until: { channel($0).completed.isEmpty })
    #expect(reachedTasklet)
    #expect(channel(machine).completed.isEmpty)
    #expect(channel(machine).descriptors[id] == nil)
    #expect(machine.cpu.completions == [2])
  }

  @Test func mapCleansTheDirtyLinesSoTheDeviceSendsTheCPUsBytes() {
    var machine = Machine(board: .minimal, program: TestPrograms.transfer())
    let reached3 = machine.run(until: { $0.dma.mappings.count == 1 })
    #expect(reached3)
    let physical = machine.dma.mappings[0].physical
    #expect(machine.memory.ram.read(physical, count: 128) == TestPrograms.message)
    for offset in stride(from: 0, to: 128, by: 64) {
      let slot = machine.memory.cache.lookup(physical.advanced(by: UInt64(offset)))
      #expect(slot.map { machine.memory.cache.line($0).state } == .clean)
    }
    machine.runToEnd()
    #expect(machine.peripherals[0].output == TestPrograms.message)
    #expect(machine.dma.mappings.isEmpty)
    #expect(machine.allocators.allocations.isEmpty)
    #expect(machine.log.entries.allSatisfy { $0.source != .debug })
  }

  @Test func withoutTheMapTheDeviceSendsStaleRAM() {
    var machine = Machine(board: .minimal, program: TestPrograms.transfer(map: false))
    machine.runToEnd()
    #expect(machine.peripherals[0].output == [UInt8](repeating: 0, count: 128))
    let dirty = machine.memory.cache.lines.filter { $0.state == .dirty }
    #expect(dirty.count == 2)
  }

  @Test func uncheckedMappingIsReportedAtUnmap() {
    var machine = Machine(board: .minimal, program: TestPrograms.transfer(checkError: false))
    machine.runToEnd()
    let warnings = machine.log.entries.filter { $0.source == .debug }.map(\.message)
    #expect(
      warnings == [
        "DMA-API: ssp-pl022 9060000.spi: device driver failed to check map error[device "
          + "address=0x0000000042000000] [size=128 bytes] [mapped as single]"
      ])
  }

  @Test func waitingForACallbackThatNeverComesIsAHang() {
    var machine = Machine(board: .minimal, program: TestPrograms.transfer(interrupt: false))
    machine.runToEnd()
    #expect(machine.cpu.finished)
    #expect(
      machine.log.entries.contains { $0.function == "wait_for_completion" && $0.source == .debug })
    // The data still went out: only the notification was missing.
    #expect(machine.peripherals[0].output == TestPrograms.message)
  }

  @Test func requestLineThrottlesTheChannel() {
    var machine = Machine(board: .minimal, program: TestPrograms.transfer())
    var sawWait = false
    while machine.step() {
      let fifo = machine.peripherals[0]
      #expect(fifo.fifo.count <= fifo.spec.fifo?.depth ?? 0)
      if machine.engine.controllers[0].physicalChannels[0].state == .waitingForRequest {
        sawWait = true
      }
    }
    #expect(sawWait)
  }

  @Test func sameProgramSameStates() {
    var first = Machine(board: .minimal, program: TestPrograms.transfer())
    var second = first
    var snapshots: [Machine] = [first]
    while first.step() { snapshots.append(first) }
    var index = 0
    while second.step() {
      index += 1
      #expect(second == snapshots[index])
    }
    #expect(index == snapshots.count - 1)
  }
}

@Suite struct HistoryTests {
  @Test func steppingBackRestoresEveryEarlierStateExactly() {
    var machine = Machine(board: .minimal, program: TestPrograms.transfer())
    var history = History(initial: machine, interval: 4, capacity: 8)
    var forward: [Machine] = [machine]
    while machine.step() {
      history.record(machine)
      forward.append(machine)
    }
    #expect(history.count <= 9)
    for (step, expected) in forward.enumerated().reversed() {
      #expect(history.machine(atStep: step) == expected)
    }
    #expect(history.machine(atStep: forward.count + 5) == nil)
  }
}

@Suite struct EventLogTests {
  func entry(_ step: Int) -> LogEntry {
    LogEntry(
      step: step, tick: UInt64(step), source: .kernel, function: "f", message: "\(step)", line: 0)
  }

  @Test func keepsTheNewestEntriesAndCountsAll() {
    var log = EventLog(retainedChunks: 2)
    for step in 0..<1000 { log.append(entry(step)) }
    #expect(log.count == 1000)
    #expect(log.retainedCount == 2 * EventLog.chunkSize + 1000 % EventLog.chunkSize)
    #expect(log.suffix(3).map(\.step) == [997, 998, 999])
    #expect(log.entries.first?.step == 1000 - log.retainedCount)
    #expect(log.suffix(300).map(\.step) == Array(700..<1000))
    #expect(log.last?.step == 999)
  }

  @Test func copiesAreIndependentAndEqualWhenTheySawTheSame() {
    var first = EventLog()
    for step in 0..<300 { first.append(entry(step)) }
    var second = first
    #expect(first == second)
    second.append(entry(300))
    #expect(first != second)
    #expect(first.count == 300)
  }
}
