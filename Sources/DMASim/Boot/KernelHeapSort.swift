/// lib/sort.c `sort_r`: the kernel's bottom-up heapsort, which is not stable. Reproduced
/// because the order it leaves equal elements in is visible (v6.1 places dynamic
/// reserved-memory regions in that order).
enum KernelHeapSort {
  /// The permutation `sort` leaves `count` elements in: element `i` of the result is the
  /// original index of what ends at position `i`. `compare` returns <0, 0 or >0 on original
  /// indices.
  static func order(count: Int, compare: (Int, Int) -> Int) -> [Int] {
    var items = Array(0..<count)
    var a = count / 2
    var n = count
    guard a > 0 else { return items }
    func parent(_ index: Int) -> Int { (index - 1) / 2 }
    while true {
      if a > 0 {
        a -= 1
      } else {
        n -= 1
        guard n > 0 else { break }
        items.swapAt(0, n)
      }
      var b = a
      var c = 0
      var d = 0
      while true {
        c = 2 * b + 1
        d = c + 1
        guard d < n else { break }
        b = compare(items[c], items[d]) >= 0 ? c : d
      }
      if d == n { b = c }
      while b != a, compare(items[a], items[b]) >= 0 { b = parent(b) }
      c = b
      while b != a {
        b = parent(b)
        items.swapAt(b, c)
      }
    }
    return items
  }
}
