/// An arithmetic operator between two sides of an expectation (`hb == ha + 0x800`,
/// `pa(b) - pa(a) == 96`).
public enum ExpectArithmetic: String, Hashable, Sendable, CaseIterable {
  /// `+`: an address plus a byte count, or two integers.
  case add = "+"
  /// `-`: an address minus a byte count, two addresses (their distance), or two integers.
  case subtract = "-"
  /// `*`: two integers.
  case multiply = "*"
  /// `/`: two integers (a zero divisor gives no value, never a trap).
  case divide = "/"
}

/// A field of `struct dma_tx_state` that `dmaengine_tx_status` fills in
/// (include/linux/dmaengine.h: `last`, `used`, `residue`).
public enum TxStateField: String, Hashable, Sendable, CaseIterable {
  /// `state->last`: `chan->completed_cookie` (`dma_cookie_status`).
  case last
  /// `state->used`: `chan->cookie`, the last cookie handed out.
  case used
  /// `state->residue`: bytes not yet transferred, as the driver reports them.
  case residue
}

/// The values a new-style expectation term reads, kept apart from `ExpectTerm`'s older cases so
/// each has one place that evaluates it (`Machine+ExpectValues.swift`).
public indirect enum ExpectValueTerm: Hashable, Sendable {
  /// `LEFT op RIGHT` between integers or addresses.
  case arithmetic(ExpectArithmetic, ExpectTerm, ExpectTerm)
  /// `pa(ptr)`: the physical address the CPU pointer translates to through the page table.
  case physical(pointer: String)
  /// `tx_status(chan, cookie).residue` (or `.last`, `.used`).
  case txState(channel: String, cookie: String, field: TxStateField)
  /// `callbacks(chan)`: how many times a callback of the channel ran (descriptor callbacks and
  /// cyclic period callbacks, from `vchan_complete`).
  case callbacks(channel: String)
  /// `dma_view(dev, handle, off, len)`: the bytes at a bus address as the device's DMA reads
  /// them (through the IOMMU when there is one; RAM, or the snooped cache for a coherent
  /// device). With `bounce`, `bounce(dev, handle, off, len)`: the swiotlb slot behind a
  /// bounced mapping as the CPU (`swiotlb_bounce`'s memcpy) reads it.
  case busBytes(device: String, handle: String, offset: UInt64, length: UInt64, bounce: Bool)
  /// A channel, descriptor, pool or other kernel object as a pointer: NULL, an `ERR_PTR`
  /// errno, or a live object compared by identity.
  case object(String)
}
