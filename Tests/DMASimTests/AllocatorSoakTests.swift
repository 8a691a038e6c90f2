import Foundation
import Testing

@testable import DMASim

/// Random cma_alloc / cma_release / movable lending on a CMA area, with the bitmap checked
/// against its owners after every operation; random kernel command lines never crash the
/// parser. DMASCOPE_SOAK_STEPS / DMASCOPE_FUZZ_CASES run longer.
@Suite struct AllocatorSoakTests {
  @Test func cmaBitmapStaysConsistentWithItsOwners() {
    let operations =
      (Int(ProcessInfo.processInfo.environment["DMASCOPE_SOAK_STEPS"] ?? "") ?? 120_000) / 40
    var area = CMAArea(name: "reserved", base: 0x8000_0000, size: 64 << 20)
    var random = SplitMix64(seed: 5)
    var owned: [(pfn: UInt64, pages: UInt64)] = []
    var problems: [String] = []
    for step in 0..<operations where problems.isEmpty {
      switch random.next() % 5 {
      case 0, 1:
        let pages = 1 + random.next() % 512
        let align = Int(random.next() % 9)
        if let pfn = area.allocate(pages: pages, align: align, noWarn: true) {
          if pfn % (1 << UInt64(align)) != 0 { problems.append("step \(step): misaligned \(pfn)") }
          owned.append((pfn, pages))
        }
      case 2:
        guard !owned.isEmpty else { continue }
        let index = Int(random.next() % UInt64(owned.count))
        let chunk = owned.remove(at: index)
        if !area.release(pfn: chunk.pfn, pages: chunk.pages) {
          problems.append("step \(step): release refused")
        }
      case 3:
        let pfn = (0x8000_0000 >> 12) + random.next() % (16384)
        area.lend(pfn: pfn, pinned: random.next() % 8 == 0)
      default:
        if let pfn = area.borrowed.sorted().first { area.returnBorrowed(pfn: pfn) }
      }
      problems += violations(area, owned, step: step)
    }
    #expect(problems.isEmpty, "\(problems.prefix(3))")
    #expect(operations == 0 || !owned.isEmpty || area.used == 0)
  }

  private func violations(_ area: CMAArea, _ owned: [(pfn: UInt64, pages: UInt64)], step: Int)
    -> [String]
  {
    var problems: [String] = []
    let ownedPages = owned.reduce(0) { $0 + $1.pages }
    if UInt64(area.bitmap.population) != ownedPages {
      problems.append(
        "step \(step): bitmap has \(area.bitmap.population) bits, owners hold \(ownedPages)")
    }
    if area.used != ownedPages {
      problems.append("step \(step): used \(area.used) != \(ownedPages)")
    }
    let sorted = owned.sorted { $0.pfn < $1.pfn }
    for (first, second) in zip(sorted, sorted.dropFirst())
    where first.pfn + first.pages > second.pfn {
      problems.append("step \(step): chunks at \(first.pfn) and \(second.pfn) overlap")
    }
    for chunk in owned {
      for pfn in chunk.pfn..<chunk.pfn + chunk.pages where area.borrowed.contains(pfn) {
        problems.append("step \(step): borrowed page \(pfn) inside an allocation")
      }
    }
    return problems
  }

  @Test func mutatedCommandLinesParseOrExplain() {
    let cases = Int(ProcessInfo.processInfo.environment["DMASCOPE_FUZZ_CASES"] ?? "") ?? 2_000
    let valid = Array("console=ttyAMA0 cma=64M@0x80000000-0xc0000000 mem=2G swiotlb=1024,4,force")
    let alphabet = Array("cma=memswiotlb@-,0x123456789abcdefKMGTPExz force noforce ")
    var random = SplitMix64(seed: 17)
    for _ in 0..<cases {
      var text = valid
      for _ in 0..<Int(1 + random.next() % 5) {
        let at = Int(random.next() % UInt64(text.count + 1))
        let character = alphabet[Int(random.next() % UInt64(alphabet.count))]
        if random.next() % 3 == 0, at < text.count {
          text.remove(at: at)
        } else {
          text.insert(character, at: at)
        }
      }
      do {
        _ = try KernelCommandLine(String(text))
      } catch {
        #expect(!"\(error)".isEmpty)
      }
    }
  }
}
