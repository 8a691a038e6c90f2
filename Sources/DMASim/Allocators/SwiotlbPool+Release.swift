extension SwiotlbPool {
  /// `swiotlb_release_slots`: frees the mapping at a bounce address, merging the freed slots
  /// with free slots after them (same segment) and recounting the free slots before them.
  /// Returns false when the address is not a live mapping of this pool.
  @discardableResult
  public mutating func release(
    bounce address: UInt64, device: SwiotlbDeviceLimits = SwiotlbDeviceLimits()
  ) -> Bool {
    let offset = Self.alignOffset(device.minAlignMask, 0, address)
    guard address >= start + offset else { return false }
    var index = Int((address - offset - start) >> 11)
    guard index < slots.count, slots[index].list == 0, slots[index].allocSize > 0 else {
      return false
    }
    index -= slots[index].padSlots
    let count = Self.slotsNeeded(UInt64(slots[index].allocSize) + offset)
    let areaIndex = index / areaSlots
    var running = 0
    let nextInSegment =
      (index + 1 + Self.segmentSlots - 1) / Self.segmentSlots
      * Self.segmentSlots
    if index + count < nextInSegment, index + count < slots.count {
      running = slots[index + count].list
    }
    for slot in stride(from: index + count - 1, through: index, by: -1) {
      running += 1
      slots[slot].list = running
      slots[slot].originalAddress = nil
      slots[slot].allocSize = 0
      slots[slot].padSlots = 0
    }
    var slot = index - 1
    while slot >= 0, slot % Self.segmentSlots != Self.segmentSlots - 1, slots[slot].list != 0 {
      running += 1
      slots[slot].list = running
      slot -= 1
    }
    areas[areaIndex].used -= count
    return true
  }
}
