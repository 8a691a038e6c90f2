/// One page moved out of a CMA range so that `cma_alloc` could claim it.
public struct CMAMigration: Hashable, Sendable {
  /// The page that was borrowed by a movable allocation.
  public var from: UInt64
  /// Where its contents went.
  public var to: UInt64
}
