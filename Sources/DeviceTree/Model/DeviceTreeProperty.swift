/// One property of a node: a name and a value of raw bytes, with typed views of the value.
public struct DeviceTreeProperty: Hashable, Sendable {
  /// The property name (`reg`, `#address-cells`, `compatible`).
  public var name: String
  /// The value bytes, big-endian cells as stored in a `.dtb`.
  public var value: [UInt8]

  /// Creates a property.
  public init(name: String, value: [UInt8] = []) {
    self.name = name
    self.value = value
  }

  /// Creates a property holding 32-bit cells.
  public init(name: String, cells: [UInt32]) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(cells.count * 4)
    for cell in cells {
      bytes.append(contentsOf: DeviceTreeProperty.bigEndianBytes(UInt64(cell), count: 4))
    }
    self.init(name: name, value: bytes)
  }

  /// Creates a property holding a NUL-terminated string list.
  public init(name: String, strings: [String]) {
    var bytes: [UInt8] = []
    for string in strings {
      bytes.append(contentsOf: Array(string.utf8))
      bytes.append(0)
    }
    self.init(name: name, value: bytes)
  }

  /// Whether the property has no value (a boolean flag such as `no-map`).
  public var isEmpty: Bool { value.isEmpty }

  /// The value as 32-bit big-endian cells; nil unless the length is a multiple of 4.
  public var cells: [UInt32]? {
    guard value.count % 4 == 0 else { return nil }
    var result: [UInt32] = []
    result.reserveCapacity(value.count / 4)
    var index = 0
    while index < value.count {
      result.append(UInt32(truncatingIfNeeded: readBigEndian(at: index, count: 4)))
      index += 4
    }
    return result
  }

  /// The value as one 32-bit cell; nil unless it is exactly 4 bytes.
  public var u32: UInt32? {
    guard value.count == 4 else { return nil }
    return UInt32(truncatingIfNeeded: readBigEndian(at: 0, count: 4))
  }

  /// The value as one 64-bit number; nil unless it is exactly 8 bytes (two cells).
  public var u64: UInt64? {
    guard value.count == 8 else { return nil }
    return readBigEndian(at: 0, count: 8)
  }

  /// The value as a list of NUL-terminated strings; nil if it is empty or not terminated.
  public var strings: [String]? {
    guard let last = value.last, last == 0 else { return nil }
    var result: [String] = []
    var start = 0
    for index in value.indices where value[index] == 0 {
      result.append(String(decoding: value[start..<index], as: UTF8.self))
      start = index + 1
    }
    return result
  }

  /// The first string of the value, if it holds strings.
  public var string: String? { strings?.first }

  /// Whether the value holds only printable NUL-terminated strings (for display).
  public var looksLikeStrings: Bool {
    guard let last = value.last, last == 0, value.first != 0 else { return false }
    var previousWasNul = false
    for byte in value {
      if byte == 0 {
        if previousWasNul { return false }
        previousWasNul = true
      } else {
        guard byte >= 0x20, byte < 0x7f else { return false }
        previousWasNul = false
      }
    }
    return true
  }

  private func readBigEndian(at offset: Int, count: Int) -> UInt64 {
    var result: UInt64 = 0
    for index in offset..<(offset + count) {
      result = (result << 8) | UInt64(value[index])
    }
    return result
  }

  /// The `count` low bytes of `value`, most significant first.
  static func bigEndianBytes(_ value: UInt64, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * (count - 1 - $0))) }
  }
}
