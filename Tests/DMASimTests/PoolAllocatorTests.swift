import Testing

@testable import DMASim

@Suite struct DMAPoolTests {
  @Test func boundaryCarvingGivesTenBlocksPerKibibyte() throws {
    let pool = try #require(DMAPool(name: "cb", size: 96, align: 32, boundary: 1024))
    let offsets = pool.carve()
    #expect(offsets.count == 40)
    #expect(Array(offsets.prefix(11)) == [0, 96, 192, 288, 384, 480, 576, 672, 768, 864, 1024])
    #expect(offsets.allSatisfy { $0 / 1024 == ($0 + 95) / 1024 })
  }

  @Test func roundingAndCreationRules() throws {
    #expect(try #require(DMAPool(name: "a", size: 128, align: 0, boundary: 0)).carve().count == 32)
    #expect(try #require(DMAPool(name: "b", size: 4, align: 1, boundary: 0)).size == 16)
    #expect(try #require(DMAPool(name: "c", size: 33, align: 16, boundary: 0)).size == 48)
    #expect(try #require(DMAPool(name: "d", size: 8192, align: 8, boundary: 0)).allocation == 8192)
    #expect(DMAPool(name: "e", size: 64, align: 24, boundary: 0) == nil)
    #expect(DMAPool(name: "f", size: 0, align: 8, boundary: 0) == nil)
    #expect(DMAPool(name: "g", size: 64, align: 8, boundary: 32) == nil)
    #expect(DMAPool(name: "h", size: 64, align: 8, boundary: 96) == nil)
    #expect(
      try #require(DMAPool(name: "i", size: 64, align: 8, boundary: 1 << 20)).boundary == 4096)
  }

  @Test func freeListIsLIFOAcrossChunksAndDestroyReportsBusy() throws {
    var pool = try #require(DMAPool(name: "desc", size: 2048, align: 64, boundary: 0))
    var chunks: [UInt64] = [0x8000_0000, 0x8001_0000]
    let next = { (bytes: Int) -> UInt64? in
      #expect(bytes == 4096)
      return chunks.isEmpty ? nil : chunks.removeFirst()
    }
    #expect(pool.allocate(newChunk: next) == 0x8000_0000)
    #expect(pool.allocate(newChunk: next) == 0x8000_0800)
    #expect(pool.allocate(newChunk: next) == 0x8001_0000)
    #expect(pool.free(0x8000_0000) == nil)
    #expect(pool.allocate(newChunk: next) == 0x8000_0000)
    #expect(pool.free(0x9000_0000) == "dma_pool_free desc, 0x90000000 (bad dma)")
    #expect(pool.free(0x8001_0000) == nil)
    #expect(pool.free(0x8001_0000) == "dma_pool_free desc, dma 0x80010000 already free")
    #expect(pool.poolsLine == "desc                2    4 2048  2")
    #expect(pool.destroy() == "dma_pool_destroy desc busy")
    for block: UInt64 in [0x8000_0000, 0x8000_0800] { pool.free(block) }
    #expect(pool.destroy() == nil)
    #expect(pool.chunks.isEmpty)
  }
}

@Suite struct DMACoherentPoolTests {
  @Test func ordersRoundUpAndBlocksAreNaturallyAligned() throws {
    var pool = try #require(
      DMACoherentPool(physicalBase: 0x5000_0000, deviceBase: 0x1000_0000, size: 16 << 12))
    #expect(pool.allocate(size: 4096)?.device == 0x1000_0000)
    // Three pages take an order-2 block: the first free aligned one is page 4.
    #expect(pool.allocate(size: 3 * 4096)?.physical == 0x5000_4000)
    #expect(pool.usedPages == 5)
    #expect(pool.allocate(size: 4096)?.device == 0x1000_1000)
    #expect(pool.allocate(size: 8 * 4096)?.device == 0x1000_8000)
    // Full for order 3: no fallback.
    #expect(pool.allocate(size: 8 * 4096) == nil)
    #expect(pool.allocate(size: 17 * 4096) == nil)
    #expect(pool.release(device: 0x1000_4000, size: 3 * 4096) == true)
    #expect(pool.release(device: 0x2000_0000, size: 4096) == false)
    #expect(pool.allocate(size: 2 * 4096)?.device == 0x1000_2000)
    #expect(DMACoherentPool(physicalBase: 0, deviceBase: 0, size: 0) == nil)
  }
}
