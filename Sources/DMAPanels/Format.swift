import enum DMASim.ByteText
import enum DMASim.Hex
import struct TermCanvas.Glyphs
import struct TermCanvas.Line

/// Short formatting helpers shared by the panels (so a panel file needs no simulator import).
enum Format {
  /// An address as 8 hex digits when it fits in 32 bits, else 16.
  static func address(_ value: UInt64) -> String {
    value <= 0xffff_ffff ? Hex.format(value, digits: 8) : Hex.format(value, digits: 16)
  }

  /// A value as `digits` lowercase hex digits (more when it needs them).
  static func hex(_ value: UInt64, digits: Int) -> String { Hex.format(value, digits: digits) }

  /// A value as `0x…`.
  static func prefixed(_ value: UInt64) -> String { Hex.prefixed(value) }

  /// One byte as a single printable column: 0x00 as the glyph set's `zeroByte` (`·`, or `_`
  /// under `--ascii`), so zeros never read as full stops; `.` for any other unprintable byte.
  static func glyph(_ byte: UInt8, _ glyphs: Glyphs) -> Character {
    byte == 0 ? glyphs.zeroByte : ByteText.glyph(byte)
  }

  /// Pads or cuts text to exactly `width` columns; a cut ends in `ellipsis` and never leaves
  /// part of an address (`Line.fitted(width:ellipsis:)`).
  static func fit(_ text: String, _ width: Int, ellipsis: Character) -> String {
    fit(Line(text).fitted(width: max(0, width), ellipsis: ellipsis).plainText, width)
  }

  /// Pads or cuts text to exactly `width` columns.
  static func fit(_ text: String, _ width: Int) -> String {
    let characters = Array(text)
    if characters.count >= width { return String(characters.prefix(max(0, width))) }
    return text + String(repeating: " ", count: width - characters.count)
  }

  /// A size as `128 B`, `4 KiB`.
  static func size(_ bytes: UInt64) -> String {
    let text = Hex.size(bytes)
    return text.hasSuffix(" bytes") ? "\(bytes) B" : text
  }
}
