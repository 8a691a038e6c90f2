/// The boot parameters dmascope understands, parsed from a kernel command line: `cma=`,
/// `mem=` and `swiotlb=`. Other words are kept but ignored.
public struct KernelCommandLine: Hashable, Sendable {
  /// `cma=size[@base[-limit]]`, as `early_cma` reads it.
  public struct CMA: Hashable, Sendable {
    /// `size_cmdline` (0 disables the default area).
    public var size: UInt64
    /// `base_cmdline` (0 when not given).
    public var base: UInt64
    /// `limit_cmdline`: `base + size` for `size@base` (fixed placement), the given limit for
    /// `size@base-limit`, 0 when not given.
    public var limit: UInt64

    /// Creates a value.
    public init(size: UInt64, base: UInt64 = 0, limit: UInt64 = 0) {
      self.size = size
      self.base = base
      self.limit = limit
    }

    /// Whether `dma_contiguous_reserve` places the area exactly at `base`
    /// (`base + size == limit`).
    public var isFixed: Bool { base &+ size == limit }
  }

  /// `swiotlb=<nslabs>[,<nareas>][,force|noforce]`.
  public struct Swiotlb: Hashable, Sendable {
    /// Slots, rounded up to a multiple of 128 (`IO_TLB_SEGSIZE`); nil when not given.
    public var slots: UInt64?
    /// Areas, rounded up to a power of two; nil when not given.
    public var areas: UInt64?
    /// `force`: every streaming mapping bounces.
    public var force: Bool
    /// `noforce`: swiotlb is disabled.
    public var disabled: Bool
  }

  /// The full text.
  public var text: String
  /// `cma=`, if present (the last one wins, as with early parameters).
  public var cma: CMA?
  /// Whether a bare `cma` (no `=`) was given: `early_cma` logs "Config string not provided".
  public var cmaWithoutValue: Bool
  /// `mem=`: the memory limit, page aligned down.
  public var memoryLimit: UInt64?
  /// `swiotlb=`, if present.
  public var swiotlb: Swiotlb?

  /// Parses a command line; bad values of the parameters above throw
  /// `CommandLineError` with what the kernel would do instead.
  public init(_ text: String) throws {
    self.text = text
    cma = nil
    cmaWithoutValue = false
    memoryLimit = nil
    swiotlb = nil
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
      if word == "cma" {
        cmaWithoutValue = true
      } else if word.hasPrefix("cma=") {
        cma = try Self.parseCMA(word.dropFirst(4))
      } else if word.hasPrefix("mem=") {
        memoryLimit = try Self.parseSize(word.dropFirst(4), parameter: "mem") & ~0xfff
      } else if word.hasPrefix("swiotlb=") {
        swiotlb = try Self.parseSwiotlb(word.dropFirst(8))
      }
    }
  }

  /// `early_cma`: `size`, `size@base` or `size@base-limit`, each a `memparse` value.
  static func parseCMA(_ value: Substring) throws -> CMA {
    let sizePart = MemParse.parse(value)
    try check(sizePart, in: value, whole: value, parameter: "cma", what: "a size such as 64M")
    var rest = value.dropFirst(sizePart.consumed)
    guard let at = rest.first else { return CMA(size: sizePart.value) }
    guard at == "@" else {
      throw CommandLineError(
        parameter: "cma", value: String(value),
        message: "unexpected '\(rest)' after the size",
        hint: "write cma=SIZE, cma=SIZE@BASE or cma=SIZE@BASE-LIMIT, e.g. cma=64M@0x40000000")
    }
    rest = rest.dropFirst()
    let basePart = MemParse.parse(rest)
    try check(
      basePart, in: rest, whole: value, parameter: "cma", what: "a base address after '@'")
    rest = rest.dropFirst(basePart.consumed)
    guard let dash = rest.first else {
      return CMA(
        size: sizePart.value, base: basePart.value, limit: basePart.value &+ sizePart.value)
    }
    guard dash == "-" else {
      throw CommandLineError(
        parameter: "cma", value: String(value), message: "unexpected '\(rest)' after the base",
        hint: "write cma=SIZE@BASE-LIMIT, e.g. cma=256M@0x100000000-0x180000000")
    }
    rest = rest.dropFirst()
    let limitPart = MemParse.parse(rest)
    try check(
      limitPart, in: rest, whole: value, parameter: "cma", what: "a limit address after '-'")
    guard limitPart.consumed == rest.utf8.count else {
      throw CommandLineError(
        parameter: "cma", value: String(value),
        message: "unexpected '\(rest.dropFirst(limitPart.consumed))' after the limit",
        hint: "nothing may follow the limit")
    }
    return CMA(size: sizePart.value, base: basePart.value, limit: limitPart.value)
  }

  /// A whole-word `memparse` value.
  static func parseSize(_ value: Substring, parameter: String) throws -> UInt64 {
    let part = MemParse.parse(value)
    try check(part, in: value, whole: value, parameter: parameter, what: "a size such as 512M")
    guard part.consumed == value.utf8.count else {
      throw CommandLineError(
        parameter: parameter, value: String(value),
        message: "unexpected '\(value.dropFirst(part.consumed))' after the size",
        hint: "sizes take one suffix: K, M, G, T, P or E")
    }
    return part.value
  }

  private static func check(
    _ part: MemParse.Result, in value: Substring, whole: Substring, parameter: String,
    what: String
  ) throws {
    guard part.consumed > 0 else {
      throw CommandLineError(
        parameter: parameter, value: String(whole),
        message: "expected \(what), found '\(value)'",
        hint: "the kernel's memparse would read 0 here; sizes are decimal, 0x hex or 0 octal "
          + "with an optional K/M/G/T/P/E suffix")
    }
    guard !part.overflowed else {
      throw CommandLineError(
        parameter: parameter, value: String(whole),
        message: "'\(value.prefix(part.consumed))' does not fit in 64 bits",
        hint: "the kernel would silently wrap this value")
    }
  }
}
