/// "Did you mean …?" suggestions for misspelled names.
public enum NameSuggestion {
  /// The candidate closest to `name`, or `nil` if none is close enough.
  ///
  /// Closeness is the optimal-string-alignment Damerau–Levenshtein distance, ignoring case.
  /// The default `maxDistance` is `max(2, name.count / 3)`. Among equally close candidates the
  /// first one in `candidates` wins, so the answer is deterministic.
  public static func nearest(
    to name: String, in candidates: [String], maxDistance: Int? = nil
  ) -> String? {
    let target = Array(name.lowercased())
    let limit = maxDistance ?? max(2, name.count / 3)
    guard limit >= 0 else { return nil }
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let other = Array(candidate.lowercased())
      guard abs(other.count - target.count) <= limit else { continue }
      let distance = optimalAlignmentDistance(target, other)
      if distance <= limit, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  /// The case-insensitive optimal-string-alignment distance between two strings: the number
  /// of single-character insertions, deletions, substitutions and adjacent transpositions
  /// needed to turn one into the other (no substring is edited twice).
  public static func distance(_ lhs: String, _ rhs: String) -> Int {
    optimalAlignmentDistance(Array(lhs.lowercased()), Array(rhs.lowercased()))
  }

  private static func optimalAlignmentDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
    if lhs.isEmpty { return rhs.count }
    if rhs.isEmpty { return lhs.count }
    var twoRowsBack = [Int](repeating: 0, count: rhs.count + 1)
    var previousRow = Array(0...rhs.count)
    var currentRow = [Int](repeating: 0, count: rhs.count + 1)
    for row in 1...lhs.count {
      currentRow[0] = row
      for column in 1...rhs.count {
        let cost = lhs[row - 1] == rhs[column - 1] ? 0 : 1
        var value = min(
          previousRow[column] + 1, currentRow[column - 1] + 1, previousRow[column - 1] + cost)
        if row > 1, column > 1, lhs[row - 1] == rhs[column - 2], lhs[row - 2] == rhs[column - 1] {
          value = min(value, twoRowsBack[column - 2] + 1)
        }
        currentRow[column] = value
      }
      twoRowsBack = previousRow
      previousRow = currentRow
    }
    return previousRow[rhs.count]
  }
}
