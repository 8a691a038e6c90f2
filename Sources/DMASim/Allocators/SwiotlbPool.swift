/// The software IO TLB (`struct io_tlb_pool`): 2 KiB slots in 128-slot segments, split into
/// areas with their own `used` count and next-fit `index`. Each slot's `list` is the number of
/// free slots from it to the end of its segment's free run (0 when allocated).
public struct SwiotlbPool: Hashable, Sendable {
  /// `IO_TLB_SHIFT`.
  public static let slotShift = 11
  /// `IO_TLB_SIZE`: 2048 bytes.
  public static let slotSize: UInt64 = 1 << 11
  /// `IO_TLB_SEGSIZE`: 128 slots.
  public static let segmentSlots = 128

  /// One slot.
  public struct Slot: Hashable, Sendable {
    /// Free slots from here to the end of the free run within the segment.
    public var list: Int
    /// The original buffer address this slot bounces (nil when free).
    public var originalAddress: UInt64?
    /// Bytes of the mapping from this slot to its end.
    public var allocSize: Int
    /// Padding slots before the mapping (stored on its first slot).
    public var padSlots: Int
  }

  /// One area.
  public struct Area: Hashable, Sendable {
    /// Slots in use.
    public var used: Int
    /// Where the next search starts, relative to the area.
    public var index: Int
  }

  /// Physical address of slot 0.
  public let start: UInt64
  /// The slots.
  public internal(set) var slots: [Slot]
  /// The areas.
  public internal(set) var areas: [Area]
  /// Live bounce buffers, oldest first (`io_tlb_slot.orig_addr` per mapping).
  public internal(set) var bounces: [BounceBuffer] = []
  /// Slots per area.
  public let areaSlots: Int
  /// `PAGE_SIZE`.
  public let pageSize: UInt64

  /// A pool of `slotCount` slots at `start` (rounded up to whole segments per area, at least
  /// one segment per area, with `areaCount` rounded up to a power of two).
  public init(start: UInt64, slotCount: Int, areaCount: Int = 1, pageSize: UInt64 = 4096) {
    var areas = 1
    while areas < max(areaCount, 1) { areas <<= 1 }
    var total = max(slotCount, Self.segmentSlots)
    total = (total + Self.segmentSlots - 1) / Self.segmentSlots * Self.segmentSlots
    let perArea = max((total + areas - 1) / areas, Self.segmentSlots)
    total = perArea * areas
    self.start = start
    self.pageSize = pageSize
    areaSlots = perArea
    self.areas = [Area](repeating: Area(used: 0, index: 0), count: areas)
    slots = (0..<total).map { index in
      Slot(
        list: min(Self.segmentSlots - index % Self.segmentSlots, total - index),
        originalAddress: nil, allocSize: 0, padSlots: 0)
    }
  }

  /// Total slots (`nslabs`).
  public var slotCount: Int { slots.count }
  /// Slots in use over all areas (`mem_used`).
  public var usedSlots: Int { areas.reduce(0) { $0 + $1.used } }

  /// The physical address of a slot.
  public func address(ofSlot index: Int) -> UInt64 { start + UInt64(index) << 11 }

  /// `nr_slots(size)`: slots needed for `size` bytes.
  public static func slotsNeeded(_ size: UInt64) -> Int {
    Int((size + slotSize - 1) >> UInt64(slotShift))
  }

  /// The text `dev_warn_ratelimited` prints when no slots are found (without the device
  /// prefix).
  public func fullMessage(size: Int) -> String {
    "swiotlb buffer is full (sz: \(size) bytes), total \(slotCount) (slots), used "
      + "\(usedSlots) (slots)"
  }
}
