import Testing

@testable import DMASim

@Suite struct DMADebugTests {
  typealias F = DebugFixture

  static let cases = DMADebugCase.unmapAndSync + DMADebugCase.mapAndRelease

  @Test(arguments: cases)
  func checkFiresWithTheKernelTextOnTheWrongSequence(_ item: DMADebugCase) {
    var debug = DMADebug()
    let reports = item.wrong(&debug)
    #expect(reports.map(\.text) == item.expected)
    #expect(reports.contains { $0.check == item.check })
    #expect(reports.allSatisfy { $0.shown })
  }

  @Test(arguments: cases)
  func checkStaysSilentOnTheRightSequence(_ item: DMADebugCase) {
    var debug = DMADebug()
    #expect(item.right(&debug).isEmpty)
    #expect(debug.errorCount == 0)
  }

  @Test func everyCheckHasACase() {
    let covered = Set(Self.cases.map(\.check))
    #expect(covered == Set(DMADebugReport.Check.allCases))
  }

  @Test func kernelDefaultShowsOnlyTheFirstErrorButCountsAll() {
    var debug = DMADebug(options: DMADebug.Options(allErrors: false, numErrors: 1))
    let first = F.unmap(&debug, .toDevice)
    let second = F.unmap(&debug, .toDevice)
    #expect(first.map(\.shown) == [true])
    #expect(second.map(\.shown) == [false])
    #expect(debug.errorCount == 2)
    #expect(debug.errorsLeftToShow == 0)
  }

  @Test func driverFilterHidesOtherDriversButStillUsesUpNumErrors() {
    var debug = DMADebug(options: DMADebug.Options(allErrors: false, driverFilter: "other"))
    #expect(F.unmap(&debug, .toDevice).map(\.shown) == [false])
    #expect(debug.errorsLeftToShow == 0)
  }

  @Test func unmapPicksThePerfectFitAmongMappingsOfOneAddress() {
    var debug = DMADebug()
    _ = F.map(&debug, .toDevice, size: 128, id: 1)
    _ = F.map(&debug, .toDevice, size: 64, id: 2)
    let outcome = debug.unmapPage(
      device: F.spi, dmaAddress: F.handle, size: 64, direction: .toDevice)
    #expect(outcome.reports.isEmpty)
    #expect(outcome.entry?.id == 2)
    #expect(debug.entries.map(\.id) == [1])
  }

  @Test func severalImperfectMatchesCountAsNotFound() {
    var debug = DMADebug()
    _ = F.map(&debug, .toDevice, size: 128, checked: false, id: 1)
    _ = F.map(&debug, .toDevice, size: 64, checked: false, id: 2)
    let reports = F.unmap(&debug, .toDevice, size: 32)
    #expect(reports.map(\.check) == [.freeNotAllocated])
    // Like the kernel, the failed lookup's dma_mapping_error() marked the first entry checked.
    #expect(debug.entries.map(\.mapErrorState) == [.checked, .notChecked])
  }

  @Test func syncFindsTheContainingMappingInAnEarlierBucket() {
    var debug = DMADebug()
    _ = F.map(&debug, .fromDevice, at: DMAAddr(0x4200_1f00), size: 0x400)
    let outcome = debug.syncSingle(
      forCPU: true, device: F.spi, dmaAddress: DMAAddr(0x4200_2100), size: 0x40,
      direction: .fromDevice)
    #expect(outcome.reports.isEmpty)
    #expect(outcome.entry?.dmaAddress == DMAAddr(0x4200_1f00))
  }

  @Test func mappingErrorMarksTheFirstUncheckedEntry() {
    var debug = DMADebug()
    _ = F.map(&debug, .toDevice, checked: false, id: 1)
    _ = F.map(&debug, .toDevice, size: 64, checked: false, id: 2)
    debug.mappingError(device: F.spi, dmaAddress: F.handle)
    #expect(debug.entries.map(\.mapErrorState) == [.checked, .notChecked])
  }

  @Test func failedMappingsAreNotTracked() {
    var debug = DMADebug()
    _ = F.map(&debug, .toDevice, at: .mappingError)
    #expect(debug.entries.isEmpty)
  }
}
