/// The words of an event's TP_printk text: `key=value` pairs and bare words, each with its
/// column, so a decoder can point at the one it cannot read.
struct TraceFields {
  /// One word.
  struct Word {
    /// The text before `=`, or nil for a bare word.
    var key: Substring?
    /// The text after `=` (the whole word for a bare word).
    var value: Substring
    /// The 1-based column of the word on its line.
    var column: Int
  }

  /// The words in order.
  var words: [Word] = []
  /// The column just past the body (for a missing field).
  var endColumn: Int

  /// Splits `body` (starting at `column`) at spaces.
  init(_ body: Substring, column: Int) {
    var words: [Word] = []
    var offset = 0
    var start: String.Index?
    var startOffset = 0
    var index = body.startIndex
    func close(_ end: String.Index) {
      guard let begin = start else { return }
      let word = body[begin..<end]
      if let equals = word.firstIndex(of: "=") {
        words.append(
          Word(
            key: word[word.startIndex..<equals], value: word[word.index(after: equals)...],
            column: column + startOffset))
      } else {
        words.append(Word(key: nil, value: word, column: column + startOffset))
      }
      start = nil
    }
    while index < body.endIndex {
      if body[index] == " " {
        close(index)
      } else if start == nil {
        start = index
        startOffset = offset
      }
      offset += 1
      index = body.index(after: index)
    }
    close(body.endIndex)
    self.words = words
    endColumn = column + offset
  }

  /// The first word with this key.
  func word(_ key: String) -> Word? { words.first { $0.key.map { $0 == key } ?? false } }

  /// The bare words in order.
  var bare: [Word] { words.filter { $0.key == nil } }
}
