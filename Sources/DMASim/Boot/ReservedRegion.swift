/// One reserved region after boot, as the memory map and `--json` show it.
public struct ReservedRegion: Hashable, Sendable {
  /// What the kernel made of the region.
  public enum Kind: String, Hashable, Sendable {
    /// A CMA area (`reusable` `shared-dma-pool`).
    case cma
    /// A per-device coherent pool (`shared-dma-pool` without `reusable`).
    case coherentPool = "coherent-pool"
    /// Memory kept away from the kernel with no handler (firmware, TEE, carve-outs); also
    /// a `restricted-dma-pool` and extra `reg` entries of a node.
    case carveout
    /// The handler refused the node (or a dynamic region found no room); the memory is given
    /// back.
    case rejected
  }

  /// The node's path (`/reserved-memory/linux,cma`).
  public var node: String
  /// The node name the kernel logs (`linux,cma`).
  public var name: String
  /// First address (0 for a dynamic region that could not be placed).
  public var base: UInt64
  /// Length in bytes.
  public var size: UInt64
  /// `no-map`.
  public var noMap: Bool
  /// `reusable`.
  public var reusable: Bool
  /// Placed by the kernel (`size`) rather than fixed (`reg`).
  public var dynamic: Bool
  /// The outcome.
  public var kind: Kind

  /// Creates a region.
  public init(
    node: String, name: String, base: UInt64, size: UInt64, noMap: Bool, reusable: Bool,
    dynamic: Bool, kind: Kind
  ) {
    self.node = node
    self.name = name
    self.base = base
    self.size = size
    self.noMap = noMap
    self.reusable = reusable
    self.dynamic = dynamic
    self.kind = kind
  }
}
