extension SwiotlbPool {
  /// `swiotlb_tbl_map_single`: finds slots for `mappingSize` bytes bouncing `original`,
  /// trying the areas from `cpu & (areas - 1)` onward. Returns the bounce address, or a
  /// failure message ("swiotlb buffer is full ...") when no slots fit.
  public mutating func map(
    original: UInt64, mappingSize: Int, allocAlignMask: UInt64 = 0,
    device: SwiotlbDeviceLimits = SwiotlbDeviceLimits(), cpu: Int = 0
  ) -> Result<UInt64, SwiotlbFull> {
    let offset = Self.alignOffset(device.minAlignMask, allocAlignMask, original)
    let size = Self.alignUp(UInt64(mappingSize) + offset, allocAlignMask + 1)
    var found: Int?
    if size <= UInt64(Self.segmentSlots) << 11 {
      let first = cpu & (areas.count - 1)
      var area = first
      repeat {
        found = searchArea(
          area, original: original, allocSize: size, allocAlignMask: allocAlignMask,
          device: device)
        if found != nil { break }
        area = (area + 1) % areas.count
      } while area != first
    }
    guard var index = found else {
      return .failure(SwiotlbFull(message: fullMessage(size: Int(size))))
    }
    let padSlots = Int(offset >> 11)
    let inSlot = offset & (Self.slotSize - 1)
    index += padSlots
    slots[index].padSlots = padSlots
    for slot in 0..<(Self.slotsNeeded(size) - padSlots) {
      slots[index + slot].originalAddress = original + UInt64(slot) << 11
    }
    return .success(address(ofSlot: index) + inSlot)
  }

  /// `swiotlb_align_offset`.
  static func alignOffset(_ minAlignMask: UInt64, _ alignMask: UInt64, _ address: UInt64)
    -> UInt64
  {
    address & minAlignMask & (alignMask | (slotSize - 1))
  }

  static func alignUp(_ value: UInt64, _ alignment: UInt64) -> UInt64 {
    guard alignment > 1 else { return value }
    return (value + alignment - 1) / alignment * alignment
  }

  /// `swiotlb_search_pool_area`: next-fit from the area's index, stepping by the alignment
  /// stride, skipping misaligned or boundary-crossing candidates.
  private mutating func searchArea(
    _ areaIndex: Int, original: UInt64, allocSize: UInt64, allocAlignMask: UInt64,
    device: SwiotlbDeviceLimits
  ) -> Int? {
    let boundaryMask = device.segmentBoundaryMask
    let tableAddress = start & boundaryMask
    let maxSlots = (boundaryMask >> 11) &+ 1
    var iotlbAlignMask = device.minAlignMask
    let slotCount = Self.slotsNeeded(allocSize)
    let offset = Self.alignOffset(device.minAlignMask, 0, original)
    var alignMask = allocAlignMask
    if alignMask == 0, iotlbAlignMask == 0, allocSize >= pageSize { alignMask = pageSize - 1 }
    alignMask |= Self.slotSize - 1
    iotlbAlignMask &= ~alignMask
    let stride = Int((max(alignMask, iotlbAlignMask) >> 11) + 1)
    guard slotCount <= areaSlots - areas[areaIndex].used else { return nil }
    let slotBase = areaIndex * areaSlots
    var index = areas[areaIndex].index
    var checked = 0
    while checked < areaSlots {
      let slotIndex = slotBase + index
      let candidate = tableAddress + UInt64(slotIndex) << 11
      if candidate & alignMask != 0
        || (original != 0 && candidate & iotlbAlignMask != original & iotlbAlignMask)
      {
        index = wrap(index + 1)
        checked += 1
        continue
      }
      if !Self.crossesBoundary(slotIndex, slotCount, tableAddress >> 11, maxSlots),
        slots[slotIndex].list >= slotCount
      {
        claim(slotIndex, count: slotCount, allocSize: allocSize, offset: offset)
        areas[areaIndex].index = wrap(index + slotCount)
        areas[areaIndex].used += slotCount
        return slotIndex
      }
      index = wrap(index + stride)
      checked += stride
    }
    return nil
  }

  private func wrap(_ index: Int) -> Int { index >= areaSlots ? 0 : index }

  /// `iommu_is_span_boundary`.
  static func crossesBoundary(_ index: Int, _ count: Int, _ shift: UInt64, _ boundary: UInt64)
    -> Bool
  {
    guard boundary != 0, boundary & (boundary &- 1) == 0 else { return false }
    let position = (shift &+ UInt64(index)) & (boundary &- 1)
    return position &+ UInt64(count) > boundary
  }

  /// Marks slots allocated and recounts the free run before them in the segment.
  private mutating func claim(_ first: Int, count: Int, allocSize: UInt64, offset: UInt64) {
    for slot in first..<(first + count) {
      slots[slot].list = 0
      slots[slot].allocSize = Int(allocSize) - Int(offset) - (slot - first) << 11
    }
    var running = 0
    var slot = first - 1
    while slot >= 0, slot % Self.segmentSlots != Self.segmentSlots - 1, slots[slot].list != 0 {
      running += 1
      slots[slot].list = running
      slot -= 1
    }
  }
}
