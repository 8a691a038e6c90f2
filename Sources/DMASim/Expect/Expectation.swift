/// `expect EXPR`: a check of the machine's state at one point of the program, evaluated
/// without a step (like `say`), with KUnit's `KUNIT_EXPECT_*` semantics: a failure is reported
/// and the program goes on.
public struct Expectation: Hashable, Sendable {
  /// The left side: what is observed.
  public var actual: ExpectTerm
  /// How the two sides compare.
  public var comparison: ExpectComparison
  /// The right side: what it should be.
  public var expected: ExpectTerm
  /// The left side as written in the scenario.
  public var actualText: String
  /// The right side as written in the scenario.
  public var expectedText: String

  /// Creates an expectation.
  public init(
    actual: ExpectTerm, comparison: ExpectComparison, expected: ExpectTerm, actualText: String,
    expectedText: String
  ) {
    self.actual = actual
    self.comparison = comparison
    self.expected = expected
    self.actualText = actualText
    self.expectedText = expectedText
  }

  /// The condition as written: `cpu_view(buf, 0, 4) == "Hell"`.
  public var text: String { "\(actualText) \(comparison.symbol) \(expectedText)" }
}

/// The comparison of an expectation.
public enum ExpectComparison: String, Hashable, Sendable, CaseIterable {
  /// `==` (`KUNIT_EXPECT_EQ`).
  case equal = "=="
  /// `!=` (`KUNIT_EXPECT_NE`).
  case notEqual = "!="
  /// `<` (`KUNIT_EXPECT_LT`).
  case less = "<"
  /// `<=` (`KUNIT_EXPECT_LE`).
  case lessOrEqual = "<="
  /// `>` (`KUNIT_EXPECT_GT`).
  case greater = ">"
  /// `>=` (`KUNIT_EXPECT_GE`).
  case greaterOrEqual = ">="

  /// The operator as written.
  public var symbol: String { rawValue }

  /// Whether the comparison orders its operands (only integers can be ordered).
  public var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// Which of the three views of a byte range an expectation reads.
public enum ByteViewKind: String, Hashable, Sendable {
  /// What a CPU load would return (through the cache when the mapping is cacheable).
  case cpu
  /// What DRAM holds.
  case ram
  /// What the device's DMA would read (RAM, or the snooped cache for a coherent device).
  case device
}

/// One side of an expectation. Reading it never changes the machine.
public indirect enum ExpectTerm: Hashable, Sendable {
  /// A constant: a number, bytes, a cache-line state, a status, `NULL`, `DMA_MAPPING_ERROR`.
  case literal(ObservedValue)
  /// The value of a scenario variable.
  case variable(String)
  /// `cpu_view(ptr, off, len)`, `ram(ptr, off, len)`, `device_view(dev, ptr, off, len)`.
  case bytes(ByteViewKind, pointer: String, offset: UInt64, length: UInt64, device: String)
  /// `line_state(ptr, off)`: the state of the cache line holding that byte.
  case lineState(pointer: String, offset: UInt64)
  /// `dirty_lines(ptr, len)`: how many lines of the range are dirty in the cache.
  case dirtyLines(pointer: String, length: UInt64)
  /// `desc_allocated(chan)` … `desc_terminated(chan)`: the descriptors on a virt-dma list.
  case descriptors(channel: String, place: DescriptorPlace)
  /// `tx_status(chan, cookie)`: what `dmaengine_tx_status` would return, without calling it.
  case txStatus(channel: String, cookie: String)
  /// `wire(dev)` or `wire(dev, off, len)`: bytes the peripheral shifted out.
  case wire(device: String, offset: UInt64, length: UInt64?)
  /// `cma_used()` / `cma_free()`: pages of the default CMA area in use or free.
  case cmaPages(used: Bool)
  /// `dma_debug_errors()`: how many errors dma-debug has counted.
  case dmaDebugErrors
  /// `mappings()`: live streaming mappings.
  case mappingCount
  /// `swiotlb_used()`, `cma_lent()`, …: a counter of the machine's allocators.
  case counter(MachineCounter)
  /// `count(x)`: the length of a list or of bytes.
  case count(ExpectTerm)
  /// `[a, b]`: a list of terms (cookies or descriptors).
  case list([ExpectTerm])
  // IOMMU state.
  /// `iova_to_phys(dev, handle[, offset])`: `iommu_iova_to_phys` in the device's domain
  /// (0 when the IOVA is not mapped).
  case iovaToPhys(device: String, handle: String, offset: UInt64)
  /// `iova_mapped(dev, handle, len)`: how many IOVA pages of the range have a valid PTE.
  case iovaMappedPages(device: String, handle: String, length: UInt64)
  /// `iotlb_hits(dev)`, `iotlb_misses(dev)`, `iommu_faults(dev)`: the IOMMU's counters.
  case iommuCounter(device: String, counter: IOMMUCounter)
  /// Comparisons between values, transfer state, callbacks and bus-side bytes
  /// (`ExpectValueTerm`).
  case value(ExpectValueTerm)
}

/// A value an expectation observed, compared by KUnit-like rules.
public indirect enum ObservedValue: Hashable, Sendable {
  /// A number (sizes, counts, return codes, cookies; negative for `-EIO`).
  case integer(Int64)
  /// Bytes.
  case bytes([UInt8])
  /// A CPU pointer or a `dma_addr_t`.
  case address(UInt64)
  /// `NULL`.
  case null
  /// A cache-line state.
  case lineState(CacheLine.State)
  /// A DMA status.
  case status(DMAStatus)
  /// A descriptor with the cookie it holds (0 before `dmaengine_submit`).
  case descriptor(id: Int, cookie: Int32)
  /// A list.
  case list([ObservedValue])
  /// A live kernel object (a channel, a `struct dma_pool *`), equal only to itself.
  case object(String)
  /// Something with no value: an unset variable, an unknown channel.
  case unavailable(String)

  /// How the value reads in a failure report.
  public var text: String {
    switch self {
    case .integer(let value): "\(value)"
    case .bytes(let bytes): ByteText.quoted(bytes, limit: 32)
    case .address(let value): value == UInt64.max ? "DMA_MAPPING_ERROR" : Hex.prefixed(value)
    case .null: "NULL"
    case .lineState(let state): state.name
    case .status(let status): status.kernelName
    case .descriptor(let id, let cookie): "d\(id) (cookie \(cookie))"
    case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
    case .object(let name): name
    case .unavailable(let why): "<\(why)>"
    }
  }

  /// KUnit-style equality, with descriptors matching their cookie.
  public func matches(_ other: ObservedValue) -> Bool {
    switch (self, other) {
    case (.descriptor(let id, _), .descriptor(let otherID, _)): return id == otherID
    case (.descriptor(_, let cookie), .integer(let value)),
      (.integer(let value), .descriptor(_, let cookie)):
      return Int64(cookie) == value
    case (.list(let left), .list(let right)):
      return left.count == right.count && zip(left, right).allSatisfy { $0.matches($1) }
    case (.unavailable, _), (_, .unavailable): return false
    default: return self == other
    }
  }
}

extension CacheLine.State {
  /// The state as scenarios write it: `invalid`, `clean`, `dirty`.
  public var name: String {
    switch self {
    case .invalid: "invalid"
    case .clean: "clean"
    case .dirty: "dirty"
    }
  }
}

/// The outcome of one `expect` when the program reached it.
public struct ExpectationResult: Hashable, Sendable {
  /// What made the check: an `expect`, a `run until` that gave up, or a kernel BUG that
  /// killed the driver.
  public enum Kind: Hashable, Sendable {
    /// An `expect` statement.
    case expectation
    /// A `run until` or wait that gave up.
    case wait
    /// A call that hit a `BUG_ON`: the scenario stopped there.
    case kernelBUG
  }

  /// The scenario line.
  public var line: Int
  /// The condition as written.
  public var text: String
  /// Whether it held.
  public var passed: Bool
  /// What the left side was.
  public var actual: String
  /// What the right side was.
  public var expected: String
  /// The step at which it was evaluated.
  public var step: Int
  /// What made it.
  public var kind: Kind

  /// Creates a result.
  public init(
    line: Int, text: String, passed: Bool, actual: String, expected: String, step: Int,
    kind: Kind = .expectation
  ) {
    self.kind = kind
    self.line = line
    self.text = text
    self.passed = passed
    self.actual = actual
    self.expected = expected
    self.step = step
  }

  /// Why it failed, KUnit style: `Expected a == b, but a == 3, b == 4`.
  public var explanation: String {
    passed
      ? "\(text): ok"
      : "Expected \(text), but the left side is \(actual) and the right side is \(expected)"
  }
}

extension Operation {
  /// Whether the operation happens without a step of its own (`say`, `expect`, `ask`, and
  /// control flow other than a loop's back edge).
  public var costsNoStep: Bool {
    switch self {
    case .say, .expect, .ask: true
    case .control(let flow):
      if case .loop = flow { false } else { true }
    default: false
    }
  }
}
