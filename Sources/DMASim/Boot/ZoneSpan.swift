/// A zone's PFN span as `free_area_init` prints it.
public struct ZoneSpan: Hashable, Sendable {
  /// The zone.
  public var kind: BuddyAllocator.ZoneKind
  /// First PFN.
  public var startPFN: UInt64
  /// One past the last PFN (equal to `startPFN` when empty).
  public var endPFN: UInt64
}
