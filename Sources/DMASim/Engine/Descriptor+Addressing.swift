extension Descriptor.Kind {
  /// Whether the descriptor is cyclic.
  public var isCyclic: Bool {
    if case .cyclic = self { return true }
    return false
  }
}

extension Descriptor {
  /// The bus address `offset` bytes into the memory side (across segments).
  public func busAddress(at offset: UInt64) -> DMAAddr { Self.address(in: segments, at: offset) }

  /// The bus address `offset` bytes into a list of segments.
  static func address(in segments: [Segment], at offset: UInt64) -> DMAAddr {
    var remaining = offset
    for segment in segments {
      if remaining < segment.length { return segment.address.advanced(by: remaining) }
      remaining -= segment.length
    }
    return segments.last.map { $0.address.advanced(by: $0.length) } ?? DMAAddr(0)
  }

  /// Bytes left in the segment that holds `offset` (a beat never crosses a segment).
  static func remaining(in segments: [Segment], at offset: UInt64) -> UInt64 {
    var start: UInt64 = 0
    for segment in segments {
      if offset < start + segment.length { return start + segment.length - offset }
      start += segment.length
    }
    return UInt64.max
  }

  /// Bytes left in the memory-side segment that holds `offset`.
  func segmentRemaining(at offset: UInt64) -> UInt64 { Self.remaining(in: segments, at: offset) }

  /// Whether `offset` is where one segment ends and another begins.
  func isSegmentBoundary(_ offset: UInt64) -> Bool {
    var end: UInt64 = 0
    for segment in segments.dropLast() {
      end += segment.length
      if end == offset { return true }
      if end > offset { return false }
    }
    return false
  }

  /// Bytes of the segments not finished yet (a segment-granular residue).
  var segmentResidue: UInt64 {
    var end: UInt64 = 0
    for segment in segments {
      end += segment.length
      if end > transferred { return length - (end - segment.length) }
    }
    return 0
  }
}
