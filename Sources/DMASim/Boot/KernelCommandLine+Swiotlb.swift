extension KernelCommandLine {
  /// `setup_io_tlb_npages`: an optional slot count (rounded up to 128), an optional area
  /// count (rounded up to a power of two), then `force` or `noforce`.
  static func parseSwiotlb(_ value: Substring) throws -> Swiotlb {
    var result = Swiotlb(slots: nil, areas: nil, force: false, disabled: false)
    var rest = value
    if let first = rest.first, first.isASCII, first.isNumber {
      let part = try number(&rest, value: value, what: "slot count")
      result.slots = (part + 127) / 128 * 128
    }
    if rest.first == "," { rest = rest.dropFirst() }
    if let first = rest.first, first.isASCII, first.isNumber {
      let areas = try number(&rest, value: value, what: "area count")
      if areas != 0 {
        var power: UInt64 = 1
        while power < areas { power <<= 1 }
        result.areas = power
      }
    }
    if rest.first == "," { rest = rest.dropFirst() }
    switch rest {
    case "force": result.force = true
    case "noforce": result.disabled = true
    case "": break
    default:
      throw CommandLineError(
        parameter: "swiotlb", value: String(value), message: "unexpected '\(rest)'",
        hint: "write swiotlb=<slots>[,<areas>][,force|noforce], e.g. swiotlb=65536,4,force; "
          + "the kernel ignores anything else")
    }
    return result
  }

  /// `simple_strtoul(str, &str, 0)` on a prefix: C notation without a size suffix.
  private static func number(
    _ rest: inout Substring, value: Substring, what: String
  ) throws -> UInt64 {
    let part = MemParse.parseNumber(rest)
    let consumed = part.consumed
    let number = part.value
    guard !part.overflowed, number <= 1 << 40 else {
      throw CommandLineError(
        parameter: "swiotlb", value: String(value), message: "the \(what) is too large")
    }
    rest = rest.dropFirst(consumed)
    return number
  }
}
