/// The virt-dma list moves (drivers/dma/virt-dma.h, drivers/dma/virt-dma.c, v6.16), owned by
/// the channel: every move of a descriptor between `desc_allocated`, `desc_submitted`,
/// `desc_issued`, the hardware (`active`), `desc_completed` and `desc_terminated` goes through
/// one of these, so each kernel routine is written once.
extension VirtualChannel {
  /// `vchan_tx_prep`: a fresh descriptor goes on `desc_allocated`.
  public mutating func txPrep(_ descriptor: Descriptor) {
    descriptors[descriptor.id] = descriptor
    allocated.append(descriptor.id)
  }

  /// `vchan_tx_submit`: `dma_cookie_assign` gives the descriptor the channel's next cookie and
  /// `list_move_tail` puts it on `desc_submitted`. Returns the cookie, nil for an unknown id.
  @discardableResult
  public mutating func txSubmit(_ id: Int) -> Int32? {
    guard descriptors[id] != nil else { return nil }
    let next = Cookie.next(after: cookie)
    cookie = next
    descriptors[id]?.cookie = next
    descriptors[id]?.assignedCookie = next
    unlink(id)
    submitted.append(id)
    return next
  }

  /// `vchan_issue_pending`: `list_splice_tail_init(&vc->desc_submitted, &vc->desc_issued)`.
  /// Returns the ids moved, oldest first.
  @discardableResult
  public mutating func issuePending() -> [Int] {
    let moved = submitted
    issued += moved
    submitted = []
    return moved
  }

  /// The driver's start routine: `vchan_next_desc` and `list_del` take the head of
  /// `desc_issued` to the hardware (`active`) on a physical channel. Returns the id, nil when
  /// nothing is issued.
  @discardableResult
  public mutating func startNext(on physical: Int) -> Int? {
    guard !issued.isEmpty else { return nil }
    let head = issued.removeFirst()
    active = head
    physicalChannel = physical
    return head
  }

  /// `vchan_cookie_complete`: `dma_cookie_complete` (the channel's `completed_cookie` becomes
  /// the descriptor's cookie, which is cleared) and `list_add_tail` on `desc_completed`; the
  /// descriptor leaves the hardware. Returns the cookie completed, nil for an unknown id.
  @discardableResult
  public mutating func cookieComplete(_ id: Int) -> Int32? {
    guard let completing = descriptors[id]?.cookie else { return nil }
    completedCookie = completing
    descriptors[id]?.cookie = 0
    if active == id { active = nil }
    completed.append(id)
    return completing
  }

  /// `vchan_complete`'s `list_splice_tail_init(&vc->desc_completed, &head)`: the tasklet takes
  /// every completed descriptor off the channel at once. Returns their ids, oldest first.
  public mutating func takeCompleted() -> [Int] {
    let done = completed
    completed = []
    return done
  }

  /// `vchan_terminate_vdesc`: the active descriptor is parked on `desc_terminated` (the
  /// hardware or the tasklet may still touch it) and stops being the cyclic one. Returns its id.
  @discardableResult
  public mutating func terminateActive() -> Int? {
    guard let id = active else { return nil }
    active = nil
    terminated.append(id)
    if cyclic == id { cyclic = nil }
    return id
  }

  /// `vchan_vdesc_fini`: a reusable descriptor (`DMA_CTRL_REUSE`) goes back to the head of
  /// `desc_allocated`; any other is freed (`desc_free`). Returns what happened, nil for an
  /// unknown id.
  public mutating func vdescFini(_ id: Int) -> DescriptorFini? {
    guard let descriptor = descriptors[id] else { return nil }
    unlink(id)
    if descriptor.flags.contains(.ctrlReuse) {
      allocated.insert(id, at: 0)
      return .reused
    }
    descriptors[id] = nil
    return .freed(descriptor)
  }

  /// `dmaengine_desc_free` on a reusable descriptor: off its list and freed. Returns the
  /// descriptor, nil unless it is live and reusable.
  public mutating func freeReusable(_ id: Int) -> Descriptor? {
    guard let descriptor = descriptors[id], descriptor.flags.contains(.ctrlReuse) else {
      return nil
    }
    unlink(id)
    descriptors[id] = nil
    return descriptor
  }
}

/// What `vchan_vdesc_fini` did with a descriptor.
public enum DescriptorFini: Hashable, Sendable {
  /// Reusable: back at the head of `desc_allocated`.
  case reused
  /// Freed: the descriptor as it was (its LLIs go back to the driver's pool).
  case freed(Descriptor)
}
