/// dmatest's buffer patterns (drivers/dma/dmatest.c): each byte encodes its role and index.
enum DmatestPatterns {
  static let source: UInt8 = 0x80
  static let destination: UInt8 = 0x00
  static let copy: UInt8 = 0x40
  static let overwrite: UInt8 = 0x20
  static let countMask: UInt8 = 0x1f

  /// `dmatest_init_srcs`: source bytes, with the copy bit inside the window.
  static func sourceBuffer(size: Int, start: Int, length: Int) -> [UInt8] {
    (0..<size).map { index in
      let inWindow = index >= start && index < start + length
      return source | (inWindow ? copy : 0) | (~UInt8(truncatingIfNeeded: index) & countMask)
    }
  }

  /// `dmatest_init_dsts`: destination bytes, with the overwrite bit inside the window.
  static func destinationBuffer(size: Int, start: Int, length: Int) -> [UInt8] {
    (0..<size).map { index in
      let inWindow = index >= start && index < start + length
      return destination | (inWindow ? overwrite : 0)
        | (~UInt8(truncatingIfNeeded: index) & countMask)
    }
  }
}
