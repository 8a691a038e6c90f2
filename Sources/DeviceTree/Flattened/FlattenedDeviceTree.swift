/// Reads flattened device tree blobs (`.dtb`, format versions 16 and 17).
///
/// Every offset and length is checked against the blob; a truncated or corrupt blob gives a
/// `DeviceTreeError` naming the byte offset, what was expected and a hint. Nesting depth and
/// node, property and reservation counts are bounded by `DeviceTreeLimits`.
public enum FlattenedDeviceTree {
  /// Structure block tokens.
  enum Token: UInt32 {
    case beginNode = 1
    case endNode = 2
    case property = 3
    case nop = 4
    case end = 9
  }

  /// Whether `bytes` start with the FDT magic.
  public static func hasMagic(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 4 && bytes[0] == 0xd0 && bytes[1] == 0x0d && bytes[2] == 0xfe
      && bytes[3] == 0xed
  }

  /// Parses a blob into a tree.
  public static func parse(
    _ bytes: [UInt8], fileName: String = "<dtb>", limits: DeviceTreeLimits = .standard
  ) throws -> DeviceTree {
    guard bytes.count <= limits.maximumBytes else {
      throw DeviceTreeError(
        fileName: fileName, location: .whole,
        message: "the blob is \(bytes.count) bytes; at most \(limits.maximumBytes) are read",
        hint: "device trees are normally well under 1 MiB")
    }
    var reader = FDTByteReader(bytes: bytes, fileName: fileName)
    guard bytes.count >= 4 else {
      throw reader.error(
        at: bytes.count, "expected the 4-byte FDT magic, but the file has \(bytes.count) bytes",
        hint: "the file is empty or truncated")
    }
    let header = try FDTHeader.read(reader)
    reader.limit = Int(header.totalSize)
    let reservations = try readReservations(reader, header: header, limits: limits)
    var structure = FDTStructureParser(reader: reader, header: header, limits: limits)
    let root = try structure.parse()
    return DeviceTree(
      root: root, reservations: reservations, bootCPU: header.bootCPU, version: header.version)
  }

  private static func readReservations(
    _ reader: FDTByteReader, header: FDTHeader, limits: DeviceTreeLimits
  ) throws -> [MemoryReservation] {
    var result: [MemoryReservation] = []
    var offset = Int(header.reservationsOffset)
    while true {
      let address = try reader.u64(at: offset, expected: "a memory reservation address")
      let size = try reader.u64(at: offset + 8, expected: "a memory reservation size")
      if address == 0 && size == 0 { return result }
      guard result.count < limits.maximumReservations else {
        throw reader.error(
          at: offset,
          "expected the memory reservation block to end with a 0,0 entry within "
            + "\(limits.maximumReservations) entries",
          hint: "the reservation block is corrupt (missing terminator)")
      }
      result.append(MemoryReservation(address: address, size: size))
      offset += 16
    }
  }
}
