import DeviceTree
import Testing

@Suite struct FlattenedDeviceTreeErrorTests {
  func parseError(_ bytes: [UInt8]) -> DeviceTreeError? {
    do {
      _ = try FlattenedDeviceTree.parse(bytes, fileName: "board.dtb")
      return nil
    } catch let error as DeviceTreeError {
      return error
    } catch {
      return nil
    }
  }

  func setU32(_ bytes: inout [UInt8], at offset: Int, _ value: UInt32) {
    for index in 0..<4 {
      bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index))
    }
  }

  @Test func badMagicNamesTheOffsetAndExpectation() throws {
    var bytes = try Fixtures.bytes("arm64-dma24-soc.dtb")
    bytes[0] = 0
    let error = parseError(bytes)
    #expect(error?.byteOffset == 0)
    #expect(error?.description.hasPrefix("board.dtb: byte 0 (0x0): expected the FDT magic") == true)
    #expect(error?.hint != nil)
  }

  @Test func truncatedBlobSaysSo() throws {
    let bytes = try Fixtures.bytes("arm64-dma24-soc.dtb")
    let error = parseError(Array(bytes.prefix(bytes.count - 1)))
    #expect(error?.byteOffset == 4)
    #expect(error?.message.contains("truncated") == true)
  }

  @Test func oldVersionsAndCorruptOffsetsAreRejected() throws {
    var old = try Fixtures.bytes("arm64-dma24-soc.dtb")
    setU32(&old, at: 20, 3)
    #expect(parseError(old)?.message == "expected format version 16 or later, found 3")
    var structure = try Fixtures.bytes("arm64-dma24-soc.dtb")
    setU32(&structure, at: 8, 0xffff_fff0)
    #expect(parseError(structure)?.byteOffset == 8)
    var strings = try Fixtures.bytes("arm64-dma24-soc.dtb")
    setU32(&strings, at: 32, 0x7fff_ffff)
    #expect(parseError(strings)?.byteOffset == 12)
  }

  @Test func version16WithoutStructSizeIsRead() throws {
    var bytes = try Fixtures.bytes("arm64-dma24-soc.dtb")
    setU32(&bytes, at: 20, 16)
    setU32(&bytes, at: 24, 16)
    let tree = try FlattenedDeviceTree.parse(bytes)
    #expect(tree.version == 16)
    #expect(tree.node(at: "/memory@0") != nil)
  }

  @Test func corruptTokenIsReportedAtItsOffset() throws {
    var bytes = try Fixtures.bytes("arm64-dma24-soc.dtb")
    let structOffset =
      Int(bytes[8]) << 24 | Int(bytes[9]) << 16 | Int(bytes[10]) << 8
      | Int(bytes[11])
    setU32(&bytes, at: structOffset, 7)
    let error = parseError(bytes)
    #expect(error?.byteOffset == structOffset)
    #expect(error?.message.contains("found 0x7") == true)
  }

  @Test func deepNestingHitsTheLimit() throws {
    // A hand-built blob: 100 nested FDT_BEGIN_NODE tokens.
    var structure: [UInt8] = []
    func u32(_ value: UInt32) -> [UInt8] {
      (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }
    for _ in 0..<100 { structure += u32(1) + [0x61, 0, 0, 0] }
    structure += u32(9)
    let header = 40
    let reservations = header
    let structStart = reservations + 16
    let stringsStart = structStart + structure.count
    var blob = u32(0xd00d_feed) + u32(UInt32(stringsStart)) + u32(UInt32(structStart))
    blob += u32(UInt32(stringsStart)) + u32(UInt32(reservations)) + u32(17) + u32(16) + u32(0)
    blob += u32(0) + u32(UInt32(structure.count)) + [UInt8](repeating: 0, count: 16) + structure
    let error = parseError(blob)
    #expect(error?.message.contains("deeper than 64") == true)
  }
}
