import DeviceTree
import Testing

/// Truncated and corrupted blobs must give errors or trees, never crash or hang.
@Suite("FDT fuzzing")
struct FlattenedDeviceTreeFuzzTests {
  @Test func truncationAtEveryOffsetIsAnError() throws {
    let bytes = try Fixtures.bytes("arm64-dma24-soc.dtb")
    for length in 0..<bytes.count {
      #expect(throws: DeviceTreeError.self) {
        _ = try FlattenedDeviceTree.parse(Array(bytes.prefix(length)))
      }
    }
  }

  @Test func truncationWithAdjustedTotalSizeIsAnError() throws {
    let bytes = try Fixtures.bytes("arm64-dma24-soc.dtb")
    for length in 40..<bytes.count {
      var cut = Array(bytes.prefix(length))
      let size = UInt32(length)
      for index in 0..<4 { cut[4 + index] = UInt8(truncatingIfNeeded: size >> (24 - 8 * index)) }
      #expect(throws: DeviceTreeError.self) { _ = try FlattenedDeviceTree.parse(cut) }
    }
  }

  @Test func randomByteFlipsNeverCrash() throws {
    var rng = SplitMix64(seed: 0xD00D_FEED)
    for board in Fixtures.boards {
      let original = try Fixtures.bytes(board + ".dtb")
      for _ in 0..<1500 {
        var bytes = original
        for _ in 0...(rng.next() % 6) {
          let index = Int(rng.next() % UInt64(bytes.count))
          bytes[index] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
        }
        do {
          let tree = try FlattenedDeviceTree.parse(bytes)
          _ = tree.allNodes().count
          _ = tree.phandleTable()
        } catch is DeviceTreeError {
        }
      }
    }
  }

  @Test func randomWordsInTheStructureBlockNeverCrash() throws {
    var rng = SplitMix64(seed: 42)
    let original = try Fixtures.bytes("arm64-cma-soc.dtb")
    let structOffset =
      Int(original[8]) << 24 | Int(original[9]) << 16 | Int(original[10]) << 8 | Int(original[11])
    for _ in 0..<1500 {
      var bytes = original
      let word = structOffset + Int(rng.next() % UInt64((bytes.count - structOffset) / 4)) * 4
      let value = [1, 2, 3, 4, 9, 0, 0xffff_ffff, rng.next()][Int(rng.next() % 8)]
      for index in 0..<4 where word + index < bytes.count {
        bytes[word + index] = UInt8(truncatingIfNeeded: value >> UInt64(24 - 8 * index))
      }
      _ = try? FlattenedDeviceTree.parse(bytes)
    }
  }
}
