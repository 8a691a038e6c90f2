/// One hardware linked-list item (LLI) as it sits in memory: four little-endian 32-bit words,
/// source, destination, next LLI and control, in the order of the ARM PL080's LLI.
///
/// The control word keeps PL080's bit positions for the flags (source increment at bit 26,
/// destination increment at bit 27, terminal-count interrupt enable at bit 31) but holds the
/// length in bytes in bits 0–23 (the PL080 counts source-width transfers in 12 bits).
public struct LinkedListItem: Hashable, Sendable {
  /// Bytes one LLI occupies in memory.
  public static let size = 16
  /// Source address increment (`SI`).
  public static let sourceIncrement: UInt32 = 1 << 26
  /// Destination address increment (`DI`).
  public static let destinationIncrement: UInt32 = 1 << 27
  /// Terminal-count interrupt enable (`I`): raise the interrupt when this item is done.
  public static let interruptEnable: UInt32 = 1 << 31
  /// Mask of the length field.
  public static let lengthMask: UInt32 = 0x00ff_ffff

  /// Source bus address.
  public var source: UInt32
  /// Destination bus address.
  public var destination: UInt32
  /// Bus address of the next LLI, 0 for the last.
  public var next: UInt32
  /// Control word: flags and length.
  public var control: UInt32

  /// Creates an item from its four words.
  public init(source: UInt32, destination: UInt32, next: UInt32, control: UInt32) {
    self.source = source
    self.destination = destination
    self.next = next
    self.control = control
  }

  /// Decodes an item from 16 bytes read from memory (missing bytes read as zero).
  public init(bytes: [UInt8]) {
    func word(_ index: Int) -> UInt32 {
      (0..<4).reduce(UInt32(0)) { value, byte in
        let offset = index * 4 + byte
        let part = offset < bytes.count ? UInt32(bytes[offset]) : 0
        return value | part << (8 * UInt32(byte))
      }
    }
    self.init(source: word(0), destination: word(1), next: word(2), control: word(3))
  }

  /// The 16 bytes the CPU stores.
  public var bytes: [UInt8] {
    [source, destination, next, control].flatMap { word in
      (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) }
    }
  }

  /// Bytes this item moves.
  public var length: UInt64 { UInt64(control & Self.lengthMask) }

  /// The four words as the log prints them.
  public var text: String {
    "src \(Hex.prefixed(UInt64(source))) dst \(Hex.prefixed(UInt64(destination))) "
      + "lli \(Hex.prefixed(UInt64(next))) ctrl \(Hex.prefixed(UInt64(control)))"
  }
}
