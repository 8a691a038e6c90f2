/// Helpers for fitting text into a number of columns.
enum TextFit {
  /// `text` cut to at most `width` columns; when cut, the last column shows
  /// `ellipsis`.
  static func truncate(_ text: String, width: Int, ellipsis: Character) -> String {
    guard width > 0 else { return "" }
    guard text.count > width else { return text }
    guard width > 1 else { return String(ellipsis) }
    return String(text.prefix(width - 1)) + String(ellipsis)
  }
}
