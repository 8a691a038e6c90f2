/// What the cache panel shows: the cache's shape, its valid lines in set and way order, the
/// last step's invalidations and evictions, and the bytes of the line the detail pane shows.
public struct CachePanelModel: Hashable, Sendable {
  /// A line's coherency state.
  public enum LineState: Hashable, Sendable {
    /// Not valid.
    case invalid
    /// Valid, same as memory.
    case clean
    /// Valid, newer than memory.
    case dirty

    /// The state's letter: `I`, `C`, `D`.
    var letter: String {
      switch self {
      case .invalid: "I"
      case .clean: "C"
      case .dirty: "D"
      }
    }
  }

  /// One valid line (a row of the list).
  public struct Row: Hashable, Sendable {
    /// The set index.
    public var set: Int
    /// The way index.
    public var way: Int
    /// The line's state (clean or dirty).
    public var state: LineState
    /// The state before the last change.
    public var previousState: LineState
    /// The step of the last change.
    public var changedAtStep: Int
    /// The physical address of the line's first byte.
    public var address: UInt64
    /// The LRU age (0 is the newest in its set).
    public var age: Int
    /// The tag.
    public var tag: UInt64
    /// The bytes the line holds.
    public var data: [UInt8]
    /// Whether the last step touched the line.
    public var touched: Bool
    /// Whether the line holds bytes of the selected buffer (its address is marked).
    public var coversBuffer: Bool

    /// Creates a row.
    public init(
      set: Int, way: Int, state: LineState, previousState: LineState = .invalid,
      changedAtStep: Int = 0, address: UInt64, age: Int = 0, tag: UInt64 = 0, data: [UInt8] = [],
      touched: Bool = false, coversBuffer: Bool = false
    ) {
      self.set = set
      self.way = way
      self.state = state
      self.previousState = previousState
      self.changedAtStep = changedAtStep
      self.address = address
      self.age = age
      self.tag = tag
      self.data = data
      self.touched = touched
      self.coversBuffer = coversBuffer
    }
  }

  /// A line the last step made invalid (the list no longer shows it).
  public struct Dropped: Hashable, Sendable {
    /// The set index.
    public var set: Int
    /// The way index.
    public var way: Int
    /// The address the line held.
    public var address: UInt64
    /// Whether it was dirty before.
    public var wasDirty: Bool

    /// Creates an entry.
    public init(set: Int, way: Int, address: UInt64, wasDirty: Bool) {
      self.set = set
      self.way = way
      self.address = address
      self.wasDirty = wasDirty
    }
  }

  /// The detail pane's line as the CPU, RAM and a device read it.
  public struct Views: Hashable, Sendable {
    /// The device whose view the third row shows.
    public var device: String
    /// The bytes the CPU reads.
    public var cpu: [UInt8]
    /// The bytes RAM holds.
    public var ram: [UInt8]
    /// The bytes the device reads.
    public var deviceBytes: [UInt8]
    /// Per byte, whether the three views differ.
    public var differs: [Bool]

    /// Creates the views (the arrays have one element per byte of the line).
    public init(device: String, cpu: [UInt8], ram: [UInt8], deviceBytes: [UInt8], differs: [Bool]) {
      self.device = device
      self.cpu = cpu
      self.ram = ram
      self.deviceBytes = deviceBytes
      self.differs = differs
    }
  }

  /// Sets in the cache.
  public var sets: Int
  /// Ways per set.
  public var ways: Int
  /// Bytes per line.
  public var lineSize: Int
  /// Whether the cache writes back (else writes through).
  public var writeBack: Bool
  /// The valid lines, in set and way order.
  public var rows: [Row]
  /// The selected row among `rows`, if the panel shows a selection.
  public var selected: Int?
  /// The row whose bytes the detail pane shows when there is room (nil: no pane).
  public var detail: Int?
  /// The views of the detail row's bytes (nil: the pane shows only its header).
  public var detailViews: Views?
  /// Lines the last step invalidated or evicted by a clean or flush.
  public var dropped: [Dropped]
  /// Line addresses the last step evicted to make room.
  public var evictions: [UInt64]

  /// Creates a model.
  public init(
    sets: Int, ways: Int, lineSize: Int, writeBack: Bool = true, rows: [Row],
    selected: Int? = nil, detail: Int? = nil, detailViews: Views? = nil, dropped: [Dropped] = [],
    evictions: [UInt64] = []
  ) {
    self.sets = sets
    self.ways = ways
    self.lineSize = lineSize
    self.writeBack = writeBack
    self.rows = rows
    self.selected = selected
    self.detail = detail
    self.detailViews = detailViews
    self.dropped = dropped
    self.evictions = evictions
  }
}
