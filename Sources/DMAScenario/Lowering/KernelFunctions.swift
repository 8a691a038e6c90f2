/// The calls and directives the scenario language knows, for checks and suggestions.
public enum KernelFunctions {
  /// One known call: its name, parameters as written in the kernel, and what it returns.
  public struct Signature: Hashable, Sendable {
    /// The function name.
    public var name: String
    /// The parameter list as documentation (`dev, ptr, size, dir`).
    public var parameters: String
    /// A one-line summary.
    public var summary: String
  }

  /// Every call, in the order a driver would use them.
  public static let calls: [Signature] = [
    Signature(
      name: "dma_request_chan", parameters: "dev, name",
      summary: "get a DMA channel by dma-names entry"),
    Signature(name: "dma_release_channel", parameters: "chan", summary: "give the channel back"),
    Signature(
      name: "dmaengine_slave_config",
      parameters: "chan, dst_addr_width=, dst_maxburst=, src_addr_width=, src_maxburst=, dst_addr=",
      summary: "set the peripheral side of a slave channel"),
    Signature(
      name: "kmalloc", parameters: "size, flags", summary: "allocate from a kmalloc-N slab cache"),
    Signature(name: "kzalloc", parameters: "size, flags", summary: "kmalloc with __GFP_ZERO"),
    Signature(name: "kfree", parameters: "ptr", summary: "free a kmalloc object"),
    Signature(
      name: "cpu_write", parameters: "ptr, offset, data, repeat=", summary: "CPU stores bytes"),
    Signature(name: "cpu_read", parameters: "ptr, offset, length", summary: "CPU loads bytes"),
    Signature(
      name: "virt_to_phys", parameters: "ptr", summary: "physical address (not a DMA address!)"),
    Signature(
      name: "dma_map_single", parameters: "dev, ptr, size, dir",
      summary: "streaming mapping, device owns it"),
    Signature(
      name: "dma_mapping_error", parameters: "dev, handle", summary: "check a mapping result"),
    Signature(
      name: "dma_sync_single_for_cpu", parameters: "dev, handle, size, dir",
      summary: "give a mapped buffer to the CPU (invalidate)"),
    Signature(
      name: "dma_sync_single_for_device", parameters: "dev, handle, size, dir",
      summary: "give it back to the device (clean)"),
    Signature(
      name: "dma_unmap_single", parameters: "dev, handle, size, dir",
      summary: "end a streaming mapping"),
    Signature(
      name: "dmaengine_prep_slave_single", parameters: "chan, handle, len, dir, flags",
      summary: "prepare a one-segment slave transfer"),
    Signature(
      name: "dmaengine_submit", parameters: "desc", summary: "queue a descriptor, get a cookie"),
    Signature(
      name: "dma_async_issue_pending", parameters: "chan", summary: "start the queued descriptors"),
    Signature(
      name: "dmaengine_tx_status", parameters: "chan, cookie", summary: "status and residue"),
    Signature(
      name: "wait_for_completion", parameters: "cookie", summary: "sleep until the callback ran"),
  ]

  /// The directive keywords.
  public static let directives = ["lesson", "board", "seed", "say", "pause", "run"]

  /// Every call name.
  public static var callNames: [String] { calls.map(\.name) }
}
