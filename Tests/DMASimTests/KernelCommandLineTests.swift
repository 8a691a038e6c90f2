import Testing

@testable import DMASim

@Suite struct KernelCommandLineTests {
  typealias CMA = KernelCommandLine.CMA

  @Test func memparseSuffixesAndBases() {
    let cases: [(String, UInt64, Int)] = [
      ("64M", 64 << 20, 3), ("64m", 64 << 20, 3), ("1G", 1 << 30, 2), ("2k", 2048, 2),
      ("1T", 1 << 40, 2), ("1p", 1 << 50, 2), ("1E", 1 << 60, 2), ("0x100000", 1 << 20, 8),
      ("010", 8, 3), ("0x10M", 16 << 20, 5), ("123", 123, 3), ("4096@", 4096, 4), ("09", 0, 1),
      ("0xg", 0, 1),
    ]
    for (text, value, consumed) in cases {
      let result = MemParse.parse(text[...])
      #expect(result.value == value, "\(text)")
      #expect(result.consumed == consumed, "\(text)")
    }
    #expect(MemParse.parse("abc").consumed == 0)
    #expect(MemParse.parse("16E").overflowed)
  }

  @Test func cmaForms() throws {
    #expect(try KernelCommandLine("cma=64M").cma == CMA(size: 64 << 20))
    #expect(try KernelCommandLine("cma=0").cma == CMA(size: 0))
    let fixed = try KernelCommandLine("console=ttyS0 cma=32M@0x60000000 quiet").cma
    #expect(fixed == CMA(size: 32 << 20, base: 0x6000_0000, limit: 0x6200_0000))
    #expect(fixed?.isFixed == true)
    let window = try KernelCommandLine("cma=256M@4G-6G").cma
    #expect(window == CMA(size: 256 << 20, base: 4 << 30, limit: 6 << 30))
    #expect(window?.isFixed == false)
    #expect(try KernelCommandLine("cma=1M cma=2M").cma?.size == 2 << 20)
    #expect(try KernelCommandLine("cma").cmaWithoutValue)
    #expect(try KernelCommandLine("quiet").cma == nil)
  }

  @Test func badCmaValuesAreExplained() {
    let cases: [(String, String)] = [
      ("cma=", "cma=: expected a size such as 64M, found ''"),
      ("cma=big", "cma=big: expected a size such as 64M, found 'big'"),
      ("cma=64Q", "cma=64Q: unexpected 'Q' after the size"),
      ("cma=64M@", "cma=64M@: expected a base address after '@', found ''"),
      ("cma=64M@1G+2G", "cma=64M@1G+2G: unexpected '+2G' after the base"),
      ("cma=64M@1G-", "cma=64M@1G-: expected a limit address after '-', found ''"),
      ("cma=64M@1G-2Gx", "cma=64M@1G-2Gx: unexpected 'x' after the limit"),
      (
        "cma=99999999999999999999",
        "cma=99999999999999999999: '99999999999999999999' does not "
          + "fit in 64 bits"
      ),
      ("mem=lots", "mem=lots: expected a size such as 512M, found 'lots'"),
      ("swiotlb=64,x", "swiotlb=64,x: unexpected 'x'"),
    ]
    for (text, message) in cases {
      do {
        _ = try KernelCommandLine(text)
        Issue.record("\(text) was accepted")
      } catch let error as CommandLineError {
        #expect(error.description.hasPrefix(message), "\(text): \(error.description)")
        #expect(error.hint != nil)
      } catch {
        Issue.record("\(error)")
      }
    }
  }

  @Test func memAndSwiotlb() throws {
    #expect(try KernelCommandLine("mem=512M").memoryLimit == 512 << 20)
    #expect(try KernelCommandLine("mem=1000").memoryLimit == 0)
    let swiotlb = try KernelCommandLine("swiotlb=1000,3,force").swiotlb
    #expect(swiotlb?.slots == 1024)
    #expect(swiotlb?.areas == 4)
    #expect(swiotlb?.force == true)
    #expect(try KernelCommandLine("swiotlb=noforce").swiotlb?.disabled == true)
    #expect(try KernelCommandLine("swiotlb=65536").swiotlb?.slots == 65536)
    #expect(try KernelCommandLine("swiotlb=0x80").swiotlb?.slots == 128)
  }
}

@Suite struct MemblockTests {
  @Test func topDownBottomUpAndNoMap() {
    var memblock = Memblock()
    memblock.add(base: 0x4000_0000, size: 0x1000_0000)
    memblock.add(base: 0x5000_0000, size: 0x1000_0000)
    #expect(memblock.memory.count == 1)
    memblock.reserve(base: 0x5f00_0000, size: 0x100_0000)
    #expect(
      memblock.allocate(size: 0x20_0000, align: 0x20_0000, start: 0, end: Memblock.anywhere)
        == 0x5ee0_0000)
    memblock.setNoMap(true, base: 0x4000_0000, size: 0x10_0000)
    #expect(memblock.memory.count == 2)
    memblock.bottomUp = true
    #expect(
      memblock.allocate(size: 0x1000, align: 0x1000, start: 0, end: Memblock.anywhere)
        == 0x4010_0000)
    #expect(memblock.isReserved(base: 0x4010_0800, size: 1))
    #expect(
      memblock.freeRanges().map { [$0.start, $0.end] } == [
        [0x4010_1000, 0x5ee0_0000]
      ])
    #expect(memblock.allocate(size: 1 << 30, align: 4096, start: 0, end: Memblock.anywhere) == 0)
  }

  @Test func theFirstPageIsNeverAllocated() {
    var memblock = Memblock()
    memblock.add(base: 0, size: 0x10_0000)
    memblock.bottomUp = true
    #expect(memblock.allocate(size: 4096, align: 4096, start: 0, end: Memblock.anywhere) == 4096)
  }
}
