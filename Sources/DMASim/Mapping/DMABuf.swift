/// A `struct dma_buf` from a system-heap-style exporter: pages taken one at a time from the
/// page allocator, an sg_table mapped per attachment (`map_dma_buf` → `dma_map_sgtable` for
/// the importing device), and CPU access bracketed by `begin_cpu_access`/`end_cpu_access`,
/// which sync every mapped attachment.
public struct DMABuf: Hashable, Sendable {
  /// One `struct dma_buf_attachment`: an importing device and its mapping.
  public struct Attachment: Hashable, Sendable {
    /// A stable identity (the `attachN` value).
    public var id: Int
    /// The importing device.
    public var device: String
    /// The scatter-gather table id while mapped (`dma_buf_map_attachment`).
    public var table: Int?
    /// The direction it was mapped with.
    public var direction: DMADataDirection?
  }

  /// A stable identity (the `dmabufN` value).
  public var id: Int
  /// Size in bytes (whole pages).
  public var size: UInt64
  /// The backing pages, in buffer order.
  public var pages: [PhysAddr]
  /// The exporter's kernel mapping (`dma_buf_vmap`), once made.
  public var vmap: VirtAddr?
  /// Live attachments.
  public var attachments: [Attachment] = []
}

/// A dma-buf call, by its kernel name.
public enum DMABufCall: Hashable, Sendable {
  /// `dma_buf_export(&exp_info)` with `exp_info.size`: the exporter allocates the pages.
  case export(size: UInt64)
  /// `dma_buf_vmap(dmabuf, &map)`: the exporter's contiguous kernel mapping of the pages.
  case vmap(Operand)
  /// `dma_buf_attach(dmabuf, dev)`.
  case attach(Operand, device: String)
  /// `dma_buf_map_attachment(attach, dir)`: the sg_table mapped for the importer.
  case mapAttachment(Operand, DMADataDirection)
  /// `dma_buf_unmap_attachment(attach, sgt, dir)`.
  case unmapAttachment(Operand, table: Operand, DMADataDirection)
  /// `dma_buf_detach(dmabuf, attach)`.
  case detach(Operand, attachment: Operand)
  /// `dma_buf_begin_cpu_access(dmabuf, dir)`.
  case beginCPUAccess(Operand, DMADataDirection)
  /// `dma_buf_end_cpu_access(dmabuf, dir)`.
  case endCPUAccess(Operand, DMADataDirection)

  /// The kernel function name.
  public var functionName: String {
    switch self {
    case .export: "dma_buf_export"
    case .vmap: "dma_buf_vmap"
    case .attach: "dma_buf_attach"
    case .mapAttachment: "dma_buf_map_attachment"
    case .unmapAttachment: "dma_buf_unmap_attachment"
    case .detach: "dma_buf_detach"
    case .beginCPUAccess: "dma_buf_begin_cpu_access"
    case .endCPUAccess: "dma_buf_end_cpu_access"
    }
  }
}
