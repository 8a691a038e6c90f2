/// Double-buffered drawing on top of a `TerminalBackend`: remembers the last
/// frame and sends only the cells that changed.
public struct Terminal<Backend: TerminalBackend> {
  /// The backend being drawn to.
  public var backend: Backend
  /// The most recently drawn frame, or `nil` before the first draw and after
  /// `invalidate()`.
  public private(set) var lastFrame: Buffer?

  /// Wraps a backend; the first draw repaints the whole screen.
  public init(backend: Backend) {
    self.backend = backend
  }

  /// The backend's current screen size.
  public var size: Size { backend.size }

  /// Forces the next `draw(_:)` to clear and repaint the whole screen.
  public mutating func invalidate() {
    lastFrame = nil
  }

  /// Shows `frame`: writes only the cells that differ from the last frame,
  /// or clears and writes every cell after a size change or `invalidate()`;
  /// then flushes.
  public mutating func draw(_ frame: Buffer) {
    let updates: [CellUpdate]
    if let lastFrame, lastFrame.size == frame.size {
      updates = frame.diff(from: lastFrame)
    } else {
      backend.clear()
      updates = frame.diff(from: Buffer(size: .zero))
    }
    if !updates.isEmpty {
      backend.apply(updates)
    }
    backend.flush()
    lastFrame = frame
  }

  /// Creates a blank frame of the backend's current size, lets `body` draw
  /// into it and shows it with `draw(_:)`.
  public mutating func render(_ body: (inout Buffer) -> Void) {
    var frame = Buffer(size: backend.size)
    body(&frame)
    draw(frame)
  }
}
