import Testing

@testable import TermCanvas

@Suite("Layout")
struct LayoutTests {
  private let screen = Rect(x: 0, y: 0, width: 80, height: 24)

  private func widths(_ constraints: [Constraint], _ width: Int, spacing: Int = 0) -> [Int] {
    Layout.horizontal(constraints, spacing: spacing)
      .split(Rect(x: 0, y: 0, width: width, height: 1)).map(\.width)
  }

  @Test func headerBodyFooter() {
    let parts = Layout.vertical([.length(3), .fill(1), .length(1)]).split(screen)
    #expect(
      parts == [
        Rect(x: 0, y: 0, width: 80, height: 3),
        Rect(x: 0, y: 3, width: 80, height: 20),
        Rect(x: 0, y: 23, width: 80, height: 1),
      ])
  }

  @Test func percentagesRoundDown() {
    let parts = Layout.horizontal([.percentage(25), .fill(1)])
      .split(Rect(x: 2, y: 1, width: 81, height: 5))
    #expect(
      parts == [
        Rect(x: 2, y: 1, width: 20, height: 5),
        Rect(x: 22, y: 1, width: 61, height: 5),
      ])
  }

  @Test func fillWeightsWithRemainderToLastFill() {
    #expect(widths([.fill(1), .fill(2)], 10) == [3, 7])
    #expect(widths([.fill(1), .length(2), .fill(1)], 9) == [3, 2, 4])
    #expect(widths([.fill(0), .fill(0)], 6) == [0, 6])
  }

  @Test func minGrowsWhenThereIsNoFill() {
    #expect(widths([.min(5), .length(3)], 20) == [17, 3])
    #expect(widths([.min(5), .fill(1)], 20) == [5, 15])
    #expect(widths([.min(2), .min(2)], 9) == [4, 5])
  }

  @Test func leftoverStaysUnusedWithoutFillOrMin() {
    let parts = Layout.horizontal([.length(2), .length(3)]).split(
      Rect(x: 0, y: 0, width: 10, height: 1))
    #expect(parts.map(\.x) == [0, 2])
    #expect(parts.map(\.width) == [2, 3])
  }

  @Test func shortSpaceShrinksLastRectsFirst() {
    #expect(widths([.length(5), .length(5), .length(5)], 12) == [5, 5, 2])
    #expect(widths([.percentage(50), .length(8)], 10) == [2, 8])
    #expect(widths([.length(4), .min(4), .fill(1)], 6) == [4, 2, 0])
  }

  @Test func spacingSeparatesParts() {
    let parts = Layout.horizontal([.length(2), .fill(1), .length(2)], spacing: 1)
      .split(Rect(x: 0, y: 0, width: 10, height: 1))
    #expect(parts.map(\.x) == [0, 3, 8])
    #expect(parts.map(\.width) == [2, 4, 2])
  }

  @Test func tinyAndZeroAreas() {
    let tiny = Layout.vertical([.length(1), .fill(1), .length(1)])
      .split(Rect(x: 0, y: 0, width: 4, height: 1))
    #expect(tiny.map(\.height) == [1, 0, 0])
    #expect(tiny.map(\.y) == [0, 1, 1])
    let zero = Layout.horizontal([.length(3), .percentage(50), .min(2), .fill(1)], spacing: 2)
      .split(Rect(x: 5, y: 5, width: 0, height: 0))
    #expect(zero.count == 4)
    #expect(zero.allSatisfy { $0 == Rect(x: 5, y: 5, width: 0, height: 0) })
    #expect(Layout.vertical([]).split(screen).isEmpty)
  }

  @Test(arguments: [
    [Constraint.length(3), .fill(1), .length(1)],
    [.percentage(30), .percentage(80), .fill(2), .min(4)],
    [.min(10), .min(10), .length(-4), .percentage(-5), .fill(-1)],
    [.fill(3), .fill(1), .fill(1), .percentage(150)],
  ])
  func invariantsHoldForAnyWidth(constraints: [Constraint]) {
    for spacing in 0...2 {
      for width in 0...40 {
        let area = Rect(x: 3, y: 7, width: width, height: 2)
        let parts = Layout.horizontal(constraints, spacing: spacing).split(area)
        #expect(parts.count == constraints.count)
        var previousEnd = area.x
        for part in parts {
          #expect(part.width >= 0 && part.height == 2 && part.y == 7)
          #expect(part.x >= previousEnd && part.maxX <= area.maxX)
          previousEnd = part.maxX
        }
        if spacing == 0
          && constraints.contains(where: { if case .fill = $0 { true } else { false } })
        {
          #expect(parts.last?.maxX == area.maxX)
        }
      }
    }
  }
}
