import Testing

@testable import DMASim

/// Log entries carry typed subjects: the descriptor, its channel, its cookie, the cache lines
/// and CMA pages they are about, so views never read the message text.
@Suite struct LogSubjectTests {
  static func finished(_ program: Program, board: Board = .minimal) -> Machine {
    var machine = Machine(board: board, program: program)
    machine.runToEnd()
    return machine
  }

  @Test func everyListMoveOfTheDescriptorNamesIt() {
    let machine = Self.finished(TestPrograms.transfer())
    let channel = ChannelID(controller: 0, channel: 0)
    let txd = LogSubject.descriptor(DescriptorRef(channel: channel, id: 1))
    let functions = machine.log.entries.filter { $0.subjects.contains(txd) }.map(\.function)
    #expect(
      functions == [
        "dmaengine_prep_slave_single", "dmaengine_submit", "dma_async_issue_pending", "start",
        "irq", "vchan_complete",
      ])
    let submit = machine.log.entries.first { $0.function == "dmaengine_submit" }
    #expect(submit?.subjects == [.channel(channel), txd, .cookie(channel, 2)])
    // No other channel's descriptor 1 is named.
    #expect(
      !machine.log.entries.contains {
        $0.subjects.contains(
          .descriptor(DescriptorRef(channel: ChannelID(controller: 0, channel: 1), id: 1)))
      })
  }

  @Test func everyMaintenanceInstructionNamesItsLine() {
    let machine = Self.finished(TestPrograms.transfer())
    let maintenance = machine.log.entries.filter {
      $0.source == .hardware && $0.function.hasPrefix("dc ")
    }
    #expect(!maintenance.isEmpty)
    for entry in maintenance {
      let line = entry.subjects.first { if case .cacheLine = $0 { true } else { false } }
      #expect(line != nil, "\(entry.function): \(entry.message)")
    }
    // dma_map_single for a non-coherent device names the routine it runs.
    #expect(
      machine.log.entries.contains {
        $0.function == "arch_sync_dma_for_device" && $0.subjects == [.maintenance(.cleanPoC)]
      })
  }

  @Test func logAddressesKeepTheirJSONKeys() {
    #expect(
      LogAddress.Kind.allCases.map(\.rawValue) == [
        "phys", "dma_addr", "virt", "line", "iova", "orig", "bounce", "from", "to",
      ])
    #expect(LogAddress(.dmaAddr, 1).name == "dma_addr")
  }
}
