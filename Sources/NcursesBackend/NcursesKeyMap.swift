import CNcursesw
import TermCanvas

/// Translation of `wget_wch` results into `Key`s.
enum NcursesKeyMap {
  /// The key for a `KEY_CODE_YES` code (a decoded function key), or `nil`.
  static func functionKey(_ code: Int32) -> Key? {
    let table: [(Int32, Key)] = [
      (cnc_key_up(), .up), (cnc_key_down(), .down), (cnc_key_left(), .left),
      (cnc_key_right(), .right), (cnc_key_npage(), .pageDown), (cnc_key_ppage(), .pageUp),
      (cnc_key_home(), .home), (cnc_key_end(), .end), (cnc_key_btab(), .backTab),
      (cnc_key_backspace(), .backspace), (cnc_key_dc(), .delete), (cnc_key_enter(), .enter),
    ]
    if let match = table.first(where: { $0.0 == code }) { return match.1 }
    let functionZero = cnc_key_f(0)
    if code > functionZero && code <= cnc_key_f(63) {
      return .function(Int(code - functionZero))
    }
    return nil
  }

  /// The key for a plain character code: 9 Tab, 10/13 Enter, 27 Esc,
  /// 8/127 Backspace, other C0 codes `.control` (letters in lower case),
  /// printable characters `.character`; `nil` for C1 controls and invalid
  /// scalars.
  static func characterKey(_ code: UInt32) -> Key? {
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 0: return .control("@")
    case 1...26: return Unicode.Scalar(code + 96).map { .control(Character($0)) }
    case 28...31: return Unicode.Scalar(code + 64).map { .control(Character($0)) }
    case 0x80..<0xa0: return nil
    default: return Unicode.Scalar(code).map { .character(Character($0)) }
    }
  }
}
