/// A first-in, first-out queue of micro-operations with O(1) removal from the front (a call
/// on a large buffer queues tens of thousands of them).
struct MicroQueue: Sendable {
  private var items: [MicroOp] = []
  private var head = 0

  /// Whether nothing is queued.
  var isEmpty: Bool { head == items.count }

  /// The next micro-operation.
  var first: MicroOp? { isEmpty ? nil : items[head] }

  /// Queues a micro-operation.
  mutating func append(_ op: MicroOp) { items.append(op) }

  /// Takes the next micro-operation (the queue must not be empty).
  mutating func removeFirst() -> MicroOp {
    let op = items[head]
    head += 1
    if head == items.count {
      items.removeAll(keepingCapacity: true)
      head = 0
    } else if head > 4096, head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    return op
  }

  /// Puts a micro-operation back at the front (what is left of a line run).
  mutating func prepend(_ op: MicroOp) {
    if head > 0 {
      head -= 1
      items[head] = op
    } else {
      items.insert(op, at: 0)
    }
  }

  /// The queued micro-operations, next first.
  var remaining: ArraySlice<MicroOp> { items[head...] }
}

extension MicroQueue: Hashable {
  /// Equal when the same micro-operations remain, in the same order.
  static func == (lhs: MicroQueue, rhs: MicroQueue) -> Bool { lhs.remaining == rhs.remaining }

  /// Hashes what remains.
  func hash(into hasher: inout Hasher) {
    hasher.combine(remaining.count)
    for op in remaining.prefix(8) { hasher.combine(op) }
  }
}
