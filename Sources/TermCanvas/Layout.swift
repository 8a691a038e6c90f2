/// Splits a rectangle into consecutive parts along one direction.
///
/// `split(_:)` always returns one rectangle per constraint, in order, laid
/// out from the leading edge with `spacing` cells between neighbours. Space
/// is granted by priority using integer arithmetic only:
///
/// 1. `length` constraints, in order;
/// 2. `percentage` constraints, each a percentage of the space to split (the
///    area minus the spacing), in order;
/// 3. `min` constraints, in order;
/// 4. the remaining space, divided among `fill` constraints in proportion to
///    their weights (rounded down; the rounding remainder goes to the last
///    fill). Without `fill` constraints the remaining space is divided
///    equally among the `min` constraints (remainder to the last one);
///    without either it stays unused after the last part.
///
/// When space runs short, later constraints of a priority class shrink first
/// (down to zero). Sizes are never negative, and every part lies inside the
/// area.
public struct Layout: Hashable, Sendable {
  /// The axis along which a layout splits.
  public enum Direction: Hashable, Sendable {
    /// Parts side by side, left to right.
    case horizontal
    /// Parts stacked, top to bottom.
    case vertical
  }

  /// The split axis.
  public var direction: Direction
  /// One constraint per part.
  public var constraints: [Constraint]
  /// Cells left empty between neighbouring parts (negative counts as 0).
  public var spacing: Int

  /// Creates a layout.
  public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
    self.direction = direction
    self.constraints = constraints
    self.spacing = spacing
  }

  /// A top-to-bottom layout.
  public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(.vertical, constraints, spacing: spacing)
  }

  /// A left-to-right layout.
  public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
    Layout(.horizontal, constraints, spacing: spacing)
  }

  /// Splits `rect` into `constraints.count` rectangles.
  public func split(_ rect: Rect) -> [Rect] {
    let horizontal = direction == .horizontal
    let start = horizontal ? rect.x : rect.y
    let total = horizontal ? rect.width : rect.height
    let gap = max(0, spacing)
    let sizes = Layout.sizes(for: constraints, total: total, spacing: gap)
    var position = start
    var result: [Rect] = []
    result.reserveCapacity(sizes.count)
    for size in sizes {
      let offset = min(position, start + total)
      let length = min(size, start + total - offset)
      if horizontal {
        result.append(Rect(x: offset, y: rect.y, width: length, height: rect.height))
      } else {
        result.append(Rect(x: rect.x, y: offset, width: rect.width, height: length))
      }
      position = offset + length + gap
    }
    return result
  }

  /// The length of each part for a total extent and spacing.
  static func sizes(for constraints: [Constraint], total: Int, spacing: Int) -> [Int] {
    let count = constraints.count
    guard count > 0 else { return [] }
    let gaps = spacing.multipliedReportingOverflow(by: count - 1)
    let available = gaps.overflow ? 0 : max(0, total - gaps.partialValue)
    var sizes = Array(repeating: 0, count: count)
    var remaining = available

    func grant(_ index: Int, _ wanted: Int) {
      let amount = Swift.min(Swift.max(0, wanted), remaining)
      sizes[index] += amount
      remaining -= amount
    }

    for (index, constraint) in constraints.enumerated() {
      if case .length(let length) = constraint { grant(index, length) }
    }
    for (index, constraint) in constraints.enumerated() {
      if case .percentage(let percent) = constraint {
        // floor(available * p / 100) without risking overflow.
        let p = Swift.min(Swift.max(0, percent), 100)
        grant(index, available / 100 * p + available % 100 * p / 100)
      }
    }
    for (index, constraint) in constraints.enumerated() {
      if case .min(let minimum) = constraint { grant(index, minimum) }
    }

    var weights: [(index: Int, weight: Int)] = constraints.enumerated().compactMap {
      if case .fill(let weight) = $0.element {
        return ($0.offset, Swift.min(Swift.max(0, weight), 1_000_000))
      }
      return nil
    }
    if weights.isEmpty {
      weights = constraints.enumerated().compactMap {
        if case .min = $0.element { return ($0.offset, 1) }
        return nil
      }
    }
    distribute(&remaining, among: weights, into: &sizes)
    return sizes
  }

  /// Divides `remaining` among weighted parts, remainder to the last part.
  private static func distribute(
    _ remaining: inout Int, among weights: [(index: Int, weight: Int)], into sizes: inout [Int]
  ) {
    guard let last = weights.last, remaining > 0 else { return }
    let weightSum = weights.reduce(0) { $0 + $1.weight }
    let pool = remaining
    if weightSum > 0 {
      for entry in weights {
        let share = entry.weight.multipliedFullWidth(by: pool)
        let amount = weightSum.dividingFullWidth(share).quotient
        sizes[entry.index] += amount
        remaining -= amount
      }
    }
    sizes[last.index] += remaining
    remaining = 0
  }
}
