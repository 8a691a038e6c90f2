/// The SMMU's translation cache: a few recent translations, tagged by context bank (one per
/// domain), fully associative with least-recently-used replacement.
///
/// dmascope runs the DMA domains in strict mode (`iommu.strict=1`): every unmap invalidates
/// the unmapped pages here before the IOVA is freed. The lazy mode's flush queue (deferred
/// invalidation, IOVAs freed after a batched global flush) is not modelled.
public struct IOTLB: Hashable, Sendable {
  /// One cached translation of a 4 KiB page.
  public struct Entry: Hashable, Sendable {
    /// The context bank (domain) it belongs to.
    public var contextBank: Int
    /// The IOVA page (address of its first byte).
    public var iovaPage: UInt64
    /// The physical page.
    public var physicalPage: PhysAddr
    /// Whether the device may write (the page descriptor's AP[2] is clear).
    public var writable: Bool
    /// The page descriptor it was filled from.
    public var descriptor: UInt64
    /// The last lookup that used it (for replacement).
    public var lastUse: UInt64
  }

  /// How many entries fit.
  public let capacity: Int
  /// The cached translations, in fill order.
  public private(set) var entries: [Entry] = []
  /// Lookups that found their page.
  public private(set) var hits = 0
  /// Lookups that needed a table walk.
  public private(set) var misses = 0
  /// Entries dropped by invalidation.
  public private(set) var invalidations = 0
  /// Entries dropped to make room.
  public private(set) var evictions = 0
  private var useCounter: UInt64 = 0

  /// An empty IOTLB with room for `capacity` translations.
  public init(capacity: Int) { self.capacity = max(1, capacity) }

  /// Looks an IOVA up, counting a hit or a miss.
  public mutating func lookup(contextBank: Int, iova: UInt64) -> Entry? {
    useCounter += 1
    let page = iova & ~0xfff
    guard
      let index = entries.firstIndex(where: { $0.contextBank == contextBank && $0.iovaPage == page }
      )
    else {
      misses += 1
      return nil
    }
    hits += 1
    entries[index].lastUse = useCounter
    return entries[index]
  }

  /// Caches a walked translation, replacing the least recently used entry when full.
  public mutating func fill(
    contextBank: Int, iova: UInt64, physicalPage: PhysAddr, writable: Bool, descriptor: UInt64
  ) {
    let entry = Entry(
      contextBank: contextBank, iovaPage: iova & ~0xfff, physicalPage: physicalPage,
      writable: writable, descriptor: descriptor, lastUse: useCounter)
    if entries.count >= capacity,
      let victim = entries.indices.min(by: { entries[$0].lastUse < entries[$1].lastUse })
    {
      entries.remove(at: victim)
      evictions += 1
    }
    entries.append(entry)
  }

  /// `TLBIVA` for every page of `[iova, iova + size)` in a context bank. Returns the number of
  /// entries dropped.
  @discardableResult
  public mutating func invalidate(contextBank: Int, iova: UInt64, size: UInt64) -> Int {
    let start = iova & ~0xfff
    let end = iova &+ size
    let before = entries.count
    entries.removeAll { $0.contextBank == contextBank && $0.iovaPage >= start && $0.iovaPage < end }
    invalidations += before - entries.count
    return before - entries.count
  }
}
