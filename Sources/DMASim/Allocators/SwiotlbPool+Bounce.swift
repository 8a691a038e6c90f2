extension SwiotlbPool {
  /// The bytes a sync of a bounce buffer covers: where in the original and in the bounce slots
  /// it starts, how many bytes, and the allocation size the sync ran past, if it did.
  public struct BounceSpan: Hashable, Sendable {
    /// The original buffer's address at the sync's offset.
    public var original: PhysAddr
    /// The bounce slots' address at the sync's offset.
    public var bounce: PhysAddr
    /// Bytes to copy: the sync's size, cut at the end of the allocation.
    public var count: UInt64
    /// The mapping size the sync asked for when it ran past the allocation, else nil.
    public var overflowingSize: UInt64?
  }

  /// `swiotlb_tbl_map_single` for one device's buffer: finds the slots and records the live
  /// bounce (`io_tlb_slot.orig_addr` and `alloc_size`). Returns the bounce, or the kernel's
  /// "swiotlb buffer is full" failure.
  public mutating func mapBounce(
    device: String, original: PhysAddr, size: UInt64,
    limits: SwiotlbDeviceLimits = SwiotlbDeviceLimits()
  ) -> Result<BounceBuffer, SwiotlbFull> {
    switch map(original: original.rawValue, mappingSize: Int(size), device: limits) {
    case .success(let address):
      let bounce = BounceBuffer(
        device: device, original: original, bounce: PhysAddr(address), size: size)
      bounces.append(bounce)
      return .success(bounce)
    case .failure(let full):
      return .failure(full)
    }
  }

  /// The live bounce of `device` whose slots hold the physical address `address`.
  public func bounceIndex(device: String, at address: PhysAddr) -> Int? {
    bounces.firstIndex { $0.device == device && $0.contains(bounceAddress: address, count: 1) }
  }

  /// The live bounce standing in for `device`'s buffer at `original`.
  public func bounceIndex(device: String, original: PhysAddr) -> Int? {
    bounces.firstIndex { $0.device == device && $0.original == original }
  }

  /// What a sync of `size` bytes at the bounce address `address` covers in bounce `index`
  /// (`swiotlb_bounce`: cut at the allocation's end, which the kernel reports as
  /// "Buffer overflow detected").
  public func span(ofBounce index: Int, at address: PhysAddr, size: UInt64) -> BounceSpan {
    let bounce = bounces[index]
    let offset = address.rawValue &- bounce.bounce.rawValue
    let (end, overflow) = offset.addingReportingOverflow(size)
    let past = overflow || end > bounce.size
    return BounceSpan(
      original: bounce.original.advanced(by: offset), bounce: address,
      count: past ? bounce.size - min(offset, bounce.size) : size,
      overflowingSize: past ? end : nil)
  }

  /// `swiotlb_release_slots` for bounce `index`: the record goes and its slots are freed.
  /// Returns the bounce when its slots were live.
  public mutating func releaseBounce(
    at index: Int, limits: SwiotlbDeviceLimits = SwiotlbDeviceLimits()
  ) -> BounceBuffer? {
    let bounce = bounces.remove(at: index)
    return release(bounce: bounce.bounce.rawValue, device: limits) ? bounce : nil
  }
}
