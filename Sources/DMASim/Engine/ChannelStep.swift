/// What one event of a physical channel did (`DMAEngine.runChannel`), for the machine to log
/// and route to the driver's interrupt path.
enum ChannelStep: Hashable, Sendable {
  /// The channel has nothing to run (idle, paused, draining posted writes).
  case nothing
  /// The channel must read its next linked-list item first.
  case needsLLI(Descriptor)
  /// The request line is low at a burst boundary: the channel waits (the log text).
  case waitsForRequest(String)
  /// One beat of a descriptor moved: its log text and addresses, and what the channel does
  /// next.
  case beat(descriptor: Int, text: String, addresses: [LogAddress], next: Next)

  /// What follows a beat.
  enum Next: Hashable, Sendable {
    /// Another beat at the next tick (already scheduled).
    case another
    /// A cyclic descriptor finished a period (the next beat is already scheduled).
    case periodDone(channel: Int, descriptor: Int)
    /// The descriptor's last byte left the channel.
    case finished(Descriptor)
    /// A segment ended on a controller without LLIs: the interrupt is scheduled.
    case segmentInterrupt
    /// A bus error (an IOMMU fault) stopped the channel: the error interrupt is scheduled.
    case aborted(TransferResult)
    /// The descriptor is gone (freed under the channel): nothing more is scheduled.
    case stopped
  }
}
