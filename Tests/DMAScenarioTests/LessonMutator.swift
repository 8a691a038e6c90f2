/// Mutates a lesson's source the way a careless author might (and worse), for the checker fuzz:
/// whole lines dropped, duplicated or swapped, tokens replaced, arguments swapped, call names
/// misspelt or exchanged, constants made huge or negative, text truncated mid-token and random
/// bytes (control characters, invalid UTF-8) inserted.
struct LessonMutator {
  let source: String
  let tokens: [String]
  let callNames: [String]

  /// Identifiers, numbers, strings and operators to put in place of a token.
  static let replacements = [
    "x", "c", "dev", "chan", "desc", "buf", "handle", "spi0", "uart0", "DMA_TO_DEVICE",
    "DMA_FROM_DEVICE", "DMA_BIDIRECTIONAL", "DMA_NONE", "GFP_KERNEL", "GFP_ATOMIC",
    "DMA_PREP_INTERRUPT",
    "0", "1", "-1", "4096", "4K", "0x0", "0xFFFFFFFFFFFFFFFF", "18446744073709551616", "1E",
    "9999999999999999999999", "-9223372036854775808", "\"\"", "\"spi0\"", "\"tx\"", "\"x\\n\"",
    "(", ")", "[", "]", ",", "=", "==", "!=", "<", ">=", "&&", "||", "!", "-", "+", "*", "/", "|",
    "&", ".", "until", "complete", "idle", "ticks", "cache", "device", "expect", "run", "say",
  ]

  /// Extreme constants.
  static let extremes = [
    "0", "-1", "-4096", "18446744073709551615", "18446744073709551616", "9223372036854775807",
    "-9223372036854775808", "0xFFFFFFFFFFFFFFFF", "0x8000000000000000", "4294967296", "1T",
    "16E", "65536", "1000000000000",
  ]

  init(source: String) {
    self.source = source
    let all = Self.tokenize(source)
    tokens = all
    callNames = Array(
      Set(
        all.indices.compactMap { index -> String? in
          guard index + 1 < all.count, all[index + 1] == "(", Self.isIdentifier(all[index])
          else { return nil }
          return all[index]
        })
    ).sorted()
  }

  /// One mutant: one mutation of the lesson half of the time (so more mutants get past the
  /// parser into the lowering and the machine), otherwise two to five.
  func mutant(using rng: inout SplitMix64) -> String {
    var current = tokens
    let count = rng.next() % 2 == 0 ? 1 : 2 + rng.next() % 4
    for _ in 0..<count {
      current = mutate(current, using: &rng)
    }
    return current.joined()
  }

  private func mutate(_ tokens: [String], using rng: inout SplitMix64) -> [String] {
    var tokens = tokens
    guard !tokens.isEmpty else { return ["x"] }
    let position = Int(rng.next() % UInt64(tokens.count))
    switch rng.next() % 11 {
    case 0:  // Drop, duplicate or swap whole lines.
      var lines = tokens.joined().split(separator: "\n", omittingEmptySubsequences: false).map(
        String.init)
      let first = Int(rng.next() % UInt64(lines.count))
      let second = Int(rng.next() % UInt64(lines.count))
      switch rng.next() % 3 {
      case 0: lines.remove(at: first)
      case 1: lines.insert(lines[first], at: second)
      default: lines.swapAt(first, second)
      }
      return Self.tokenize(lines.joined(separator: "\n"))
    case 1:  // Replace a token.
      tokens[position] = Self.replacements[Int(rng.next() % UInt64(Self.replacements.count))]
    case 2:  // Truncate mid-token.
      let token = tokens[position]
      let keep = token.isEmpty ? 0 : Int(rng.next() % UInt64(token.count))
      return Array(tokens[..<position]) + [String(token.prefix(keep))]
    case 3:  // Insert random bytes, control characters included.
      var bytes: [UInt8] = []
      for _ in 0...(rng.next() % 6) {
        bytes.append(
          rng.next() % 2 == 0
            ? UInt8(truncatingIfNeeded: rng.next()) : UInt8(truncatingIfNeeded: rng.next() % 32))
      }
      tokens.insert(String(decoding: bytes, as: UTF8.self), at: position)
    case 4:  // Swap two arguments of a call.
      return swapArguments(tokens, near: position, using: &rng)
    case 5:  // A near name: one character changed, dropped or doubled.
      guard let index = nearestIdentifier(tokens, from: position) else { return tokens }
      tokens[index] = misspell(tokens[index], using: &rng)
    case 6:  // A far name: another call of the lesson.
      guard let index = nearestIdentifier(tokens, from: position), !callNames.isEmpty else {
        return tokens
      }
      tokens[index] = callNames[Int(rng.next() % UInt64(callNames.count))]
    case 7, 8:  // A constant made huge, negative or zero.
      let numbers = tokens.indices.filter { Self.isNumber(tokens[$0]) }
      guard !numbers.isEmpty else { return tokens }
      let index = numbers[Int(rng.next() % UInt64(numbers.count))]
      tokens[index] = Self.extremes[Int(rng.next() % UInt64(Self.extremes.count))]
    case 9:  // Delete a token.
      tokens.remove(at: position)
    default:  // Duplicate a token.
      tokens.insert(tokens[position], at: position)
    }
    return tokens
  }

  private func nearestIdentifier(_ tokens: [String], from position: Int) -> Int? {
    tokens.indices[position...].first { Self.isIdentifier(tokens[$0]) }
      ?? tokens.indices[..<position].last { Self.isIdentifier(tokens[$0]) }
  }

  private func misspell(_ name: String, using rng: inout SplitMix64) -> String {
    var characters = Array(name)
    guard !characters.isEmpty else { return "x" }
    let index = Int(rng.next() % UInt64(characters.count))
    switch rng.next() % 3 {
    case 0: characters[index] = Character(Unicode.Scalar(UInt8(97 + rng.next() % 26)))
    case 1: characters.remove(at: index)
    default: characters.insert(characters[index], at: index)
    }
    return String(characters)
  }

  private func swapArguments(
    _ tokens: [String], near position: Int, using rng: inout SplitMix64
  ) -> [String] {
    // The argument list after the nearest `(` at or before `position`.
    guard let open = tokens.indices[...position].last(where: { tokens[$0] == "(" }) else {
      return tokens
    }
    var depth = 0
    var commas: [Int] = []
    var close: Int?
    for index in (open + 1)..<tokens.count {
      switch tokens[index] {
      case "(", "[": depth += 1
      case ")" where depth == 0: close = index
      case ")", "]": depth -= 1
      case "," where depth == 0: commas.append(index)
      default: break
      }
      if close != nil || tokens[index] == "\n" { break }
    }
    guard let close, !commas.isEmpty else { return tokens }
    let bounds = [open] + commas + [close]
    let pieces = (0..<(bounds.count - 1)).map { Array(tokens[(bounds[$0] + 1)..<bounds[$0 + 1]]) }
    var shuffled = pieces
    let first = Int(rng.next() % UInt64(pieces.count))
    let second = Int(rng.next() % UInt64(pieces.count))
    shuffled.swapAt(first, second)
    var result = Array(tokens[...open])
    for (index, piece) in shuffled.enumerated() {
      if index > 0 { result.append(",") }
      result += piece
    }
    return result + Array(tokens[close...])
  }

  /// Splits source into tokens whose concatenation is the source: identifiers, numbers (with
  /// unit suffixes), strings, runs of spaces, newlines and single other characters.
  static func tokenize(_ source: String) -> [String] {
    var tokens: [String] = []
    var characters = Array(source)[...]
    while let first = characters.first {
      var length = 1
      if first.isLetter || first == "_" || first.isNumber {
        while length < characters.count {
          let next = characters[characters.startIndex + length]
          guard next.isLetter || next.isNumber || next == "_" else { break }
          length += 1
        }
      } else if first == "\"" {
        while length < characters.count {
          let next = characters[characters.startIndex + length]
          length += 1
          if next == "\"" || next == "\n" { break }
          if next == "\\", length < characters.count { length += 1 }
        }
      } else if first == " " {
        while length < characters.count, characters[characters.startIndex + length] == " " {
          length += 1
        }
      }
      tokens.append(String(characters.prefix(length)))
      characters = characters.dropFirst(length)
    }
    return tokens
  }

  static func isIdentifier(_ token: String) -> Bool {
    guard let first = token.first else { return false }
    return first.isLetter || first == "_"
  }

  static func isNumber(_ token: String) -> Bool {
    token.first.map { $0.isASCII && $0.isNumber } ?? false
  }
}
