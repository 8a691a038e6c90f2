/// The allocation flags (`gfp_t`) the simulated allocators understand.
public struct GFPFlags: OptionSet, Hashable, Sendable {
  /// The flag bits.
  public var rawValue: UInt32
  /// Wraps flag bits.
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  /// `__GFP_DMA`: allocate from ZONE_DMA.
  public static let dma = GFPFlags(rawValue: 1 << 0)
  /// `__GFP_DMA32`: allocate below 4 GiB.
  public static let dma32 = GFPFlags(rawValue: 1 << 1)
  /// `__GFP_ZERO`: zero the memory.
  public static let zero = GFPFlags(rawValue: 1 << 2)
  /// `__GFP_DIRECT_RECLAIM` (part of `GFP_KERNEL`): the caller may sleep.
  public static let directReclaim = GFPFlags(rawValue: 1 << 3)
  /// `__GFP_MOVABLE`: the pages may be migrated (page cache, user memory); such blocks may
  /// borrow free CMA pageblocks.
  public static let movable = GFPFlags(rawValue: 1 << 4)
  /// `GFP_KERNEL`: normal allocation, may sleep.
  public static let kernel: GFPFlags = [.directReclaim]
  /// `GFP_ATOMIC`: must not sleep.
  public static let atomic: GFPFlags = []

  /// Every named flag the scenario language accepts, with its kernel name.
  public static let named: [(name: String, flags: GFPFlags)] = [
    ("GFP_KERNEL", .kernel), ("GFP_ATOMIC", .atomic), ("GFP_DMA", [.dma, .directReclaim]),
    ("GFP_DMA32", [.dma32, .directReclaim]), ("__GFP_ZERO", .zero), ("__GFP_DMA", .dma),
    ("__GFP_DMA32", .dma32), ("GFP_HIGHUSER_MOVABLE", [.movable, .directReclaim]),
    ("__GFP_MOVABLE", .movable),
  ]

  /// The flags as the kernel would spell them (`GFP_KERNEL`, `GFP_ATOMIC|__GFP_ZERO`, ...).
  public var kernelText: String {
    var parts: [String] = []
    if contains([.movable, .directReclaim]) {
      parts.append("GFP_HIGHUSER_MOVABLE")
    } else {
      parts.append(contains(.directReclaim) ? "GFP_KERNEL" : "GFP_ATOMIC")
      if contains(.movable) { parts.append("__GFP_MOVABLE") }
    }
    if contains(.dma) { parts.append("__GFP_DMA") }
    if contains(.dma32) { parts.append("__GFP_DMA32") }
    if contains(.zero) { parts.append("__GFP_ZERO") }
    return parts.joined(separator: "|")
  }
}
