import DMASim

/// One address space drawn to scale as a vertical strip: every row stands for the same number
/// of bytes (a power of two, at least a 4 KiB page), long stretches holding no region are
/// elided into single gap rows, and only the rows of the window shown are built, so the cost
/// is proportional to the rows and regions, never to the size of the space.
struct ScaleStrip {
  /// What a region is, for its glyph and colour.
  enum Kind: Hashable {
    /// RAM as the space sees it: DRAM, the linear map, a live IOVA range.
    case memory
    /// Device registers: MMIO, ioremap.
    case mmio
    /// Memory nobody may allocate: the kernel image, no-map carve-outs, reserved IOVA.
    case reserved
    /// A CMA area.
    case cma
    /// Remapped or pooled memory: vmalloc, coherent remaps, coherent pools.
    case pool
    /// The swiotlb bounce buffer.
    case swiotlb
    /// A freed IOVA range kept in the range cache.
    case freed
  }

  /// One region of the space.
  struct Region: Hashable {
    /// The name drawn at its first row.
    var label: String
    /// The first byte.
    var start: UInt64
    /// The last byte (inclusive, so a region may end at the top of the 64-bit space).
    var last: UInt64
    /// What it is.
    var kind: Kind
    /// Nesting depth: a deeper region (CMA in a DRAM bank) wins a row it shares.
    var depth: Int
  }

  /// One row of the window shown.
  enum Row: Hashable {
    /// The bytes `[start, start + bytesPerRow)`.
    case slice(start: UInt64)
    /// Elided bytes holding no region, `bytes` long, up to the next shown row.
    case gap(bytes: UInt64)
  }

  /// Bytes each slice row stands for.
  var bytesPerRow: UInt64
  /// Bytes per row at zoom 0 (every region fits).
  var fitBytesPerRow: UInt64
  /// The zoom level that reaches one page a row.
  var deepestZoom: Int { (fitBytesPerRow / Self.minimumBytesPerRow).trailingZeroBitCount }
  /// The rows shown, top (low addresses) first.
  var rows: [Row]
  /// The index in `rows` of the row holding the marked address.
  var markRow: Int?
  /// Rows of the whole strip above the window.
  var hiddenAbove: UInt64
  /// Rows of the whole strip below the window.
  var hiddenBelow: UInt64
  /// The regions, by start address.
  var regions: [Region]

  /// The smallest row size: one page.
  static let minimumBytesPerRow: UInt64 = 0x1000

  /// A covered stretch, aligned to rows.
  private struct Piece {
    var start: UInt64
    var rows: UInt64
  }

  /// Builds the window of `capacity` rows. At zoom 0 the row size is the smallest power of two
  /// that fits every region into `capacity` rows; each zoom level halves it (down to a page)
  /// and the window then centres on `mark`.
  init(regions: [Region], mark: Range<UInt64>?, capacity: Int, zoom: Int) {
    self.regions = regions.sorted { ($0.start, $0.depth) < ($1.start, $1.depth) }
    var spans = self.regions.map { ($0.start, $0.last) }
    if let mark { spans.append((mark.lowerBound, mark.upperBound &- 1)) }
    spans.sort { $0 < $1 }
    let capacity = max(capacity, 1)
    var fit = Self.minimumBytesPerRow
    while Self.totalRows(Self.pieces(spans, scale: fit)) > UInt64(capacity), fit < 1 << 62 {
      fit <<= 1
    }
    let scale = max(Self.minimumBytesPerRow, fit >> UInt64(min(max(zoom, 0), 62)))
    bytesPerRow = scale
    fitBytesPerRow = fit
    let pieces = Self.pieces(spans, scale: scale)
    let total = Self.totalRows(pieces)
    // The mark's row in the whole strip.
    var markIndex: UInt64?
    if let address = mark?.lowerBound {
      var before: UInt64 = 0
      for piece in pieces {
        let last = piece.start &+ (piece.rows - 1) &* scale &+ (scale - 1)
        if address >= piece.start, address <= last {
          markIndex = before + (address - piece.start) / scale
          break
        }
        before += piece.rows + 1
      }
    }
    let count = UInt64(capacity)
    var first: UInt64 = 0
    if total > count, let markIndex {
      first = min(markIndex - min(markIndex, count / 2), total - count)
    }
    hiddenAbove = first
    hiddenBelow = total > first + count ? total - first - count : 0
    markRow = markIndex.flatMap { $0 >= first && $0 < first + count ? Int($0 - first) : nil }
    var rows: [Row] = []
    var index: UInt64 = 0
    for (number, piece) in pieces.enumerated() {
      if number > 0 {
        if index >= first, rows.count < capacity {
          let previous = pieces[number - 1]
          let end = previous.start &+ previous.rows &* scale
          rows.append(.gap(bytes: piece.start &- end))
        }
        index += 1
      }
      let from = max(index, first)
      let to = min(index + piece.rows, first + count)
      if from < to {
        for row in from..<to {
          rows.append(.slice(start: piece.start &+ (row - index) &* scale))
        }
      }
      index += piece.rows
      if rows.count >= capacity { break }
    }
    self.rows = rows
  }

  /// The covered stretches at a row size, merged when at most one empty row separates them.
  private static func pieces(_ spans: [(UInt64, UInt64)], scale: UInt64) -> [Piece] {
    var pieces: [(start: UInt64, lastRow: UInt64)] = []
    for (start, last) in spans {
      let alignedStart = start / scale * scale
      let lastRow = last / scale * scale
      if let current = pieces.last,
        alignedStart <= current.lastRow
          || (alignedStart - current.lastRow) / scale <= 2
      {
        pieces[pieces.count - 1].lastRow = max(current.lastRow, lastRow)
      } else {
        pieces.append((alignedStart, lastRow))
      }
    }
    return pieces.map { Piece(start: $0.start, rows: ($0.lastRow - $0.start) / scale + 1) }
  }

  /// Rows of the whole strip: every piece and one gap row between neighbours.
  private static func totalRows(_ pieces: [Piece]) -> UInt64 {
    pieces.reduce(UInt64(0)) { $0 &+ $1.rows } &+ UInt64(max(0, pieces.count - 1))
  }

  /// The region drawn on a slice row: the deepest one overlapping it, the smaller on a tie.
  func region(at start: UInt64) -> Region? {
    let last = start &+ (bytesPerRow - 1)
    return regions.filter { $0.start <= last && start <= $0.last }.max { a, b in
      (a.depth, b.last - b.start) < (b.depth, a.last - a.start)
    }
  }

  /// The regions starting on a slice row, deepest first (and, on the window's first row, the
  /// region running into it from above).
  func startingRegions(at start: UInt64, first: Bool) -> [Region] {
    let last = start &+ (bytesPerRow - 1)
    var found = regions.filter { $0.start >= start && $0.start <= last }
      .sorted { (-$0.depth, $0.start, $0.label) < (-$1.depth, $1.start, $1.label) }
    if first, found.isEmpty, let region = region(at: start) { found.append(region) }
    return found
  }
}
