/// A failed bounce-buffer mapping, with the kernel's warning text.
public struct SwiotlbFull: Error, Hashable, Sendable {
  /// `swiotlb buffer is full (sz: N bytes), total N (slots), used N (slots)`.
  public var message: String
}
