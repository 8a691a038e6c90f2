/// A value a scenario variable can hold.
public enum Value: Hashable, Sendable {
  /// A CPU pointer (`void *`).
  case pointer(VirtAddr)
  /// A bus address handle (`dma_addr_t`).
  case dmaAddress(DMAAddr)
  /// A DMA channel: controller and virtual-channel index.
  case channel(controller: Int, channel: Int)
  /// A prepared descriptor: controller, virtual channel and descriptor id.
  case descriptor(controller: Int, channel: Int, id: Int)
  /// A cookie (`dma_cookie_t`).
  case cookie(Int32)
  /// A plain integer (return codes, sizes).
  case integer(Int64)
  /// A DMA status.
  case status(DMAStatus)
  /// Bytes read by the CPU.
  case bytes([UInt8])
  /// A scatter-gather table.
  case scatterList(Int)
  /// An error pointer (`ERR_PTR(-errno)`) or a NULL return.
  case error(Errno)
  /// A `struct dma_pool *`.
  case dmaPool(Int)
  /// A `struct dma_buf *`.
  case dmaBuf(Int)
  /// A `struct dma_buf_attachment *`.
  case dmaBufAttachment(Int)
  /// A `struct page *`, named by the page's physical address (`page_to_phys`).
  case page(PhysAddr)

  /// What a log entry about this value is about: a channel or a descriptor with its channel.
  public var subjects: [LogSubject] {
    switch self {
    case .channel(let controller, let channel):
      [.channel(ChannelID(controller: controller, channel: channel))]
    case .descriptor(let controller, let channel, let id):
      [
        .channel(ChannelID(controller: controller, channel: channel)),
        .descriptor(
          DescriptorRef(channel: ChannelID(controller: controller, channel: channel), id: id)),
      ]
    case .scatterList(let id): [.scatterList(id)]
    default: []
    }
  }

  /// How the value reads in logs and views.
  public var text: String {
    switch self {
    case .pointer(let address): address.hex
    case .dmaAddress(let address): address.hex
    case .channel(let controller, let channel): "dma\(controller)chan\(channel)"
    case .descriptor(_, _, let id): "d\(id)"
    case .cookie(let cookie): "\(cookie)"
    case .integer(let value): "\(value)"
    case .status(let status): status.kernelName
    case .bytes(let bytes): ByteText.quoted(bytes)
    case .scatterList(let id): "sgt\(id)"
    case .error(let errno): errno == .null ? "NULL" : "ERR_PTR(-\(errno.name))"
    case .dmaPool(let id): "pool\(id)"
    case .dmaBuf(let id): "dmabuf\(id)"
    case .dmaBufAttachment(let id): "attach\(id)"
    case .page(let physical): "page(pfn \(Hex.prefixed(physical.rawValue >> 12)))"
    }
  }
}

/// The error numbers the simulated kernel returns.
public enum Errno: Int32, Hashable, Sendable {
  /// A NULL return (no errno).
  case null = 0
  /// `EPERM`.
  case eperm = 1
  /// `ENOENT`.
  case enoent = 2
  /// `EIO`.
  case eio = 5
  /// `ENXIO`.
  case enxio = 6
  /// `ENOMEM`.
  case enomem = 12
  /// `EBUSY`.
  case ebusy = 16
  /// `ENODEV`.
  case enodev = 19
  /// `EINVAL`.
  case einval = 22
  /// `ENOSYS`.
  case enosys = 38
  /// `EPROBE_DEFER`.
  case eprobeDefer = 517

  /// The symbolic name (`ENOMEM`).
  public var name: String {
    switch self {
    case .null: "NULL"
    case .eperm: "EPERM"
    case .enoent: "ENOENT"
    case .eio: "EIO"
    case .enxio: "ENXIO"
    case .enomem: "ENOMEM"
    case .ebusy: "EBUSY"
    case .enodev: "ENODEV"
    case .einval: "EINVAL"
    case .enosys: "ENOSYS"
    case .eprobeDefer: "EPROBE_DEFER"
    }
  }
}

/// Renders bytes for logs: printable ASCII as text, the rest as `\xNN`.
public enum ByteText {
  /// The bytes inside double quotes, escaped.
  public static func quoted(_ bytes: [UInt8], limit: Int = 24) -> String {
    var text = ""
    for byte in bytes.prefix(limit) { text += escaped(byte) }
    return "\"" + text + "\"" + (bytes.count > limit ? "…" : "")
  }

  /// One byte as a printable character or an escape.
  public static func escaped(_ byte: UInt8) -> String {
    switch byte {
    case 0x0a: "\\n"
    case 0x22: "\\\""
    case 0x5c: "\\\\"
    case 0x20..<0x7f: String(UnicodeScalar(byte))
    default: "\\x" + Hex.byte(byte)
    }
  }

  /// One byte as a single printable column (`.` for anything unprintable).
  public static func glyph(_ byte: UInt8) -> Character {
    (0x20..<0x7f).contains(byte) ? Character(UnicodeScalar(byte)) : "."
  }
}
