import TermCanvas

/// The panels of the main screen, in focus order.
public enum PanelID: Int, CaseIterable, Hashable, Sendable {
  /// Address spaces: one buffer in CPU virtual, physical and bus space, and its bytes.
  case addressSpaces
  /// The data cache lines.
  case cache
  /// DMA channels and their descriptor queues.
  case queues
  /// The event log.
  case log
  /// The kernel page-table walk and entries of the selected buffer.
  case pageTable
  /// CMA areas and DMA pools.
  case cma

  /// The panel's title.
  public var title: String {
    switch self {
    case .addressSpaces: "Address spaces"
    case .cache: "Cache"
    case .queues: "Channel queues"
    case .log: "Event log"
    case .pageTable: "Page tables"
    case .cma: "CMA and pools"
    }
  }
}
