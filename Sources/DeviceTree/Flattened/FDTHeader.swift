/// The header of a flattened device tree blob (all fields big-endian 32-bit).
public struct FDTHeader: Hashable, Sendable {
  /// `0xd00dfeed`.
  public static let magic: UInt32 = 0xd00d_feed
  /// The oldest format version this reader accepts.
  public static let oldestSupportedVersion: UInt32 = 16
  /// The newest format version this reader implements.
  public static let newestVersion: UInt32 = 17

  /// Total size of the blob in bytes, header included.
  public var totalSize: UInt32
  /// Offset of the structure block.
  public var structOffset: UInt32
  /// Offset of the strings block.
  public var stringsOffset: UInt32
  /// Offset of the memory reservation block.
  public var reservationsOffset: UInt32
  /// Format version.
  public var version: UInt32
  /// Oldest version this blob stays compatible with.
  public var lastCompatibleVersion: UInt32
  /// Physical ID of the boot CPU.
  public var bootCPU: UInt32
  /// Size of the strings block.
  public var stringsSize: UInt32
  /// Size of the structure block (version 17); for version 16 the block runs to the end.
  public var structSize: UInt32?

  /// The header length for a version: 40 bytes for 17, 36 for 16.
  public static func length(forVersion version: UInt32) -> Int { version >= 17 ? 40 : 36 }

  /// Reads and checks a header: magic, versions, and every offset and size inside the blob.
  static func read(_ reader: FDTByteReader) throws -> FDTHeader {
    let magic = try reader.u32(at: 0, expected: "the FDT magic 0xd00dfeed")
    guard magic == Self.magic else {
      throw reader.error(
        at: 0, "expected the FDT magic 0xd00dfeed, found 0x\(String(magic, radix: 16))",
        hint: "this is not a flattened device tree (.dtb); a .dts source starts with /dts-v1/;")
    }
    let version = try reader.u32(at: 20, expected: "the version field")
    let lastCompatible = try reader.u32(at: 24, expected: "the last_comp_version field")
    guard version >= oldestSupportedVersion else {
      throw reader.error(
        at: 20, "expected format version 16 or later, found \(version)",
        hint: "recompile the source with a current dtc (dtc -I dts -O dtb)")
    }
    guard lastCompatible <= newestVersion else {
      throw reader.error(
        at: 24, "expected last_comp_version at most 17, found \(lastCompatible)",
        hint: "the blob needs a newer reader; convert it with dtc -I dtb -O dtb")
    }
    let headerLength = length(forVersion: version)
    var header = FDTHeader(
      totalSize: try reader.u32(at: 4, expected: "the totalsize field"),
      structOffset: try reader.u32(at: 8, expected: "the off_dt_struct field"),
      stringsOffset: try reader.u32(at: 12, expected: "the off_dt_strings field"),
      reservationsOffset: try reader.u32(at: 16, expected: "the off_mem_rsvmap field"),
      version: version, lastCompatibleVersion: lastCompatible,
      bootCPU: try reader.u32(at: 28, expected: "the boot_cpuid_phys field"),
      stringsSize: try reader.u32(at: 32, expected: "the size_dt_strings field"),
      structSize: nil)
    if version >= 17 {
      header.structSize = try reader.u32(at: 36, expected: "the size_dt_struct field")
    }
    try header.check(reader, headerLength: headerLength)
    return header
  }

  private func check(_ reader: FDTByteReader, headerLength: Int) throws {
    let total = Int(totalSize)
    guard total >= headerLength else {
      throw reader.error(
        at: 4, "totalsize \(total) is smaller than the \(headerLength)-byte header",
        hint: "the header is corrupt")
    }
    guard total <= reader.bytes.count else {
      throw reader.error(
        at: 4,
        "totalsize says \(total) bytes but the file has \(reader.bytes.count): the blob is "
          + "truncated",
        hint: "copy the whole .dtb again")
    }
    try checkBlock(
      reader, fieldAt: 16, name: "memory reservation block", offset: Int(reservationsOffset),
      size: 16, alignment: 8, headerLength: headerLength)
    let structLength = structSize.map(Int.init) ?? (total - Int(structOffset))
    try checkBlock(
      reader, fieldAt: 8, name: "structure block", offset: Int(structOffset),
      size: max(structLength, 0), alignment: 4, headerLength: headerLength)
    try checkBlock(
      reader, fieldAt: 12, name: "strings block", offset: Int(stringsOffset),
      size: Int(stringsSize), alignment: 1, headerLength: headerLength)
  }

  private func checkBlock(
    _ reader: FDTByteReader, fieldAt field: Int, name: String, offset: Int, size: Int,
    alignment: Int, headerLength: Int
  ) throws {
    let total = Int(totalSize)
    guard offset >= headerLength, offset <= total, size <= total - offset else {
      throw reader.error(
        at: field,
        "expected the \(name) (offset \(offset), \(size) bytes) inside the blob "
          + "(\(headerLength)..<\(total))",
        hint: "the header is corrupt or the blob is truncated")
    }
    guard offset % alignment == 0 else {
      throw reader.error(
        at: field, "expected the \(name) offset \(offset) to be \(alignment)-byte aligned",
        hint: "the header is corrupt")
    }
  }
}
