extension IOVADomain {
  /// The range-cache order holding `pfn`, or nil when no range cache holds it.
  public func cachedOrder(of pfn: UInt64) -> Int? {
    rangeCaches.firstIndex { $0.all.contains(pfn) }
  }

  /// Why `free_iova_fast(pfn, pages)` would corrupt this allocator, or nil when the kernel's
  /// free keeps it sound.
  ///
  /// drivers/iommu/iova.c `free_iova_fast` trusts its caller: `iova_rcache_insert` puts `pfn`
  /// in the range cache of order `order_base_2(pages)` without looking at the tree, and
  /// `free_iova` removes whatever node holds `pfn` (`private_find_iova`). A handle or size
  /// that is not the one `alloc_iova_fast` gave out therefore caches a pfn no range holds, a
  /// range under the wrong order, a reserved window, or one range twice, and a later
  /// allocation hands out IOVA space that overlaps live mappings. The simulator does not make
  /// that state (it could not show it honestly); the caller logs what the kernel would do.
  public func inconsistentFree(pfn: UInt64, pages: UInt64) -> String? {
    let order = Self.orderBase2(pages)
    let caches = order < Self.rangeCacheMaxOrder
    guard let range = find(pfn: pfn) else {
      // free_iova finds no node and does nothing: that is sound.
      guard caches else { return nil }
      return "no IOVA range holds pfn \(Hex.prefixed(pfn)), yet iova_rcache_insert would "
        + "cache it as an order-\(order) range: a later allocation would get IOVA space the "
        + "tree can hand out again"
    }
    let span = "\(Hex.prefixed(range.pfnLo))-\(Hex.prefixed(range.pfnHi))"
    if range.reserved {
      return "pfn \(Hex.prefixed(pfn)) is in the reserved window \(span) (reserve_iova): "
        + (caches
          ? "caching it would hand the window out" : "free_iova would remove the reservation")
    }
    if let cached = cachedOrder(of: range.pfnLo) {
      return "the range \(span) was already freed (its pfn is in the order-\(cached) range "
        + "cache): freeing it again would hand the same IOVA to two mappings"
    }
    guard caches else { return nil }
    if range.pfnLo != pfn {
      return "pfn \(Hex.prefixed(pfn)) is inside the range \(span), not its start: the "
        + "order-\(order) range cache would hand out an IOVA that range still holds"
    }
    if range.pages != 1 << UInt64(order) {
      return "the range \(span) is \(range.pages) page(s), but \(pages) page(s) go to the "
        + "order-\(order) range cache (\(1 << order) pages): a later allocation of that order "
        + "would overlap its neighbours"
    }
    return nil
  }
}
