extension Buffer {
  /// A 64-bit FNV-1a hash of every cell (symbol, colours, attributes) and the size.
  ///
  /// Equal buffers always have equal fingerprints; recordings store it per frame so a replay
  /// can prove it drew the same frames without storing them.
  public var fingerprint: UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: UInt64) {
      var remaining = value
      for _ in 0..<8 {
        hash ^= remaining & 0xff
        hash = hash &* 0x0000_0100_0000_01b3
        remaining >>= 8
      }
    }
    mix(UInt64(size.width))
    mix(UInt64(size.height))
    for cell in cells {
      for scalar in cell.symbol.unicodeScalars { mix(UInt64(scalar.value)) }
      mix(Self.code(cell.style.foreground) | Self.code(cell.style.background) << 16)
      mix(UInt64(cell.style.attributes.rawValue))
    }
    return hash
  }

  private static func code(_ color: Color) -> UInt64 {
    if let index = color.paletteIndex { return UInt64(index) + 1 }
    return 0
  }
}
