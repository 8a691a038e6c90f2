import Testing

@testable import TermCanvas

@Suite("Size and Rect")
struct GeometryTests {
  @Test func negativeDimensionsClampToZero() {
    let rect = Rect(x: 3, y: 4, width: -5, height: -1)
    #expect(rect.width == 0 && rect.height == 0 && rect.isEmpty)
    var size = Size(width: -2, height: 7)
    #expect(size == Size(width: 0, height: 7))
    size.height = -3
    #expect(size.height == 0)
    var mutable = Rect(x: 0, y: 0, width: 2, height: 2)
    mutable.width -= 10
    #expect(mutable.width == 0)
  }

  @Test func edgesAndContainment() {
    let rect = Rect(x: 2, y: 3, width: 4, height: 5)
    #expect(rect.maxX == 6 && rect.maxY == 8)
    #expect(rect.contains(x: 2, y: 3))
    #expect(rect.contains(x: 5, y: 7))
    #expect(!rect.contains(x: 6, y: 7))
    #expect(!rect.contains(x: 1, y: 3))
    #expect(!Rect.zero.contains(x: 0, y: 0))
  }

  @Test func insetNeverGoesNegative() {
    #expect(
      Rect(x: 0, y: 0, width: 10, height: 4).inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 2))
    #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
    #expect(
      Rect(x: 5, y: 5, width: 2, height: 2).inset(by: -1) == Rect(x: 4, y: 4, width: 4, height: 4))
  }

  @Test func intersection() {
    let a = Rect(x: 0, y: 0, width: 10, height: 10)
    let b = Rect(x: 5, y: 8, width: 10, height: 10)
    #expect(a.intersection(b) == Rect(x: 5, y: 8, width: 5, height: 2))
    #expect(a.intersection(Rect(x: 20, y: 0, width: 3, height: 3)) == .zero)
    #expect(a.intersection(Rect(x: 10, y: 0, width: 3, height: 3)) == .zero)
  }

  @Test func rowSlices() {
    let rect = Rect(x: 1, y: 2, width: 3, height: 2)
    #expect(rect.row(1) == Rect(x: 1, y: 3, width: 3, height: 1))
    #expect(rect.row(2).isEmpty)
    #expect(rect.row(-1).isEmpty)
  }
}
