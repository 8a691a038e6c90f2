/// The static type of one side of an `expect`, checked before the scenario runs.
enum ExpectType: Hashable, Sendable {
  case integer
  case bytes
  case address
  case lineState
  case status
  case descriptor
  case list
  /// A pointer to a kernel object (a channel, a `struct dma_pool *`): NULL, an ERR_PTR or live.
  case object

  /// How the type reads in messages.
  var name: String {
    switch self {
    case .integer: "an integer"
    case .bytes: "bytes"
    case .address: "an address"
    case .lineState: "a cache-line state"
    case .status: "a dma_status"
    case .descriptor: "a descriptor"
    case .list: "a descriptor list"
    case .object: "a kernel object pointer"
    }
  }

  /// Whether values of the two types can be compared with `==`.
  func canCompare(with other: ExpectType) -> Bool {
    if self == other { return true }
    let pair = [self, other]
    // A descriptor compares with its cookie and with NULL (a failed prep).
    if pair.contains(.descriptor) { return pair.contains(.integer) || pair.contains(.address) }
    // An object pointer compares with NULL and with an ERR_PTR errno (`-ENODEV`).
    return pair.contains(.object) && (pair.contains(.address) || pair.contains(.integer))
  }

  /// An example expectation for a hint.
  var example: String {
    switch self {
    case .integer: "expect ret == 0"
    case .bytes: "expect cpu_view(buf, 0, 5) == \"Hello\""
    case .address: "expect handle != DMA_MAPPING_ERROR"
    case .lineState: "expect line_state(buf) == dirty"
    case .status: "expect tx_status(chan, cookie) == DMA_COMPLETE"
    case .descriptor: "expect desc_issued(chan) == [desc]"
    case .list: "expect desc_issued(chan) == [cookie]"
    case .object: "expect chan != NULL"
    }
  }
}
