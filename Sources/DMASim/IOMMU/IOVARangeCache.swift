/// One order's `struct iova_rcache` seen from a single CPU: the CPU's loaded and previous
/// magazines and the depot of full magazines (drivers/iommu/iova.c).
public struct IOVARangeCache: Hashable, Sendable {
  /// The loaded magazine's pfns, oldest first.
  public private(set) var loaded: [UInt64] = []
  /// The previous magazine's pfns.
  public private(set) var previous: [UInt64] = []
  /// Full magazines in the depot, newest last.
  public private(set) var depot: [[UInt64]] = []

  /// Creates an empty cache.
  public init() {}

  /// Whether no pfn is cached.
  public var isEmpty: Bool { loaded.isEmpty && previous.isEmpty && depot.isEmpty }

  /// Every cached pfn.
  public var all: [UInt64] { loaded + previous + depot.flatMap { $0 } }

  /// `__iova_rcache_insert`: into the loaded magazine; when it is full, swap with an empty
  /// previous one, or push it to the depot and start a new one.
  mutating func push(_ pfn: UInt64) {
    if loaded.count >= IOVADomain.magazineSize {
      if previous.isEmpty {
        swap(&loaded, &previous)
      } else {
        depot.append(loaded)
        loaded = []
      }
    }
    loaded.append(pfn)
  }

  /// `__iova_rcache_get` + `iova_magazine_pop`: the newest pfn at or below the limit, from the
  /// loaded magazine (after swapping in the previous one or a depot magazine if it is empty).
  mutating func pop(limitPFN: UInt64) -> UInt64? {
    if loaded.isEmpty {
      if !previous.isEmpty {
        swap(&loaded, &previous)
      } else if let magazine = depot.popLast() {
        loaded = magazine
      } else {
        return nil
      }
    }
    guard let index = loaded.lastIndex(where: { $0 <= limitPFN }) else { return nil }
    let pfn = loaded[index]
    // The kernel swaps the last pfn into the hole.
    let last = loaded.removeLast()
    if index < loaded.count { loaded[index] = last }
    return pfn
  }
}
