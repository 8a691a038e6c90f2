import TermCanvas

/// What a panel's letters, glyphs and columns mean, for `?` on a focused panel: built from the
/// same tables the panels draw with (the cache's state letters, the queue box's transfer codes
/// and channel states, the CMA strip's and the zoomed address map's glyphs).
public enum PanelLegend {
  /// The legend of a panel as (symbol, meaning) rows; `zoomed` adds the to-scale map's glyphs
  /// for the address-space panel.
  public static func entries(
    for panel: PanelID, glyphs: Glyphs, zoomed: Bool = false
  ) -> [(keys: String, action: String)] {
    switch panel {
    case .addressSpaces: addressSpaces(glyphs, zoomed: zoomed)
    case .cache: cache(glyphs)
    case .queues: queues(glyphs)
    case .log:
      [
        ("N", "the step that logged the entry (the current step's wrap in full)"),
        ("say / ask", "the lesson's narration and questions"),
        ("dma-debug", "a report of kernel/dma/debug.c, in its own words"),
        ("beat shift", "hardware: a channel's beat, a FIFO shifting a word out"),
        (":log kind", "show only some kinds (:log kind dma,cache; :log all)"),
      ]
    case .pageTable:
      [
        ("PGD PUD PMD PTE", "the levels of the walk from the VA to its page"),
        ("MT_NORMAL", "cached memory; _NC non-cacheable (coherent), DEVICE registers"),
        ("alias", "another mapping of the same physical page, and its type"),
      ]
    case .cma:
      [CMAStrip.State.allocated, .movable, .pinned, .free].map {
        (String(CMAPanel.glyph($0, glyphs: glyphs)), CMAPanel.name($0) + cmaMeaning($0))
      } + [
        ("N pages/cell", "each cell stands for N pages; z/Z zoom in and out"),
        ("cursor", "the selected page: Left/Right, Up/Down move it"),
      ]
    }
  }

  private static func addressSpaces(_ glyphs: Glyphs, zoomed: Bool) -> [(String, String)] {
    var rows: [(String, String)] = [
      ("VA PA bus", "the buffer's CPU virtual, physical and device (bus or IOVA) address"),
      ("owner", "who may touch the buffer now: CPU or device (dma-debug's view)"),
      (String(glyphs.arrowRight), "the buffer's row in each address space"),
      (String(glyphs.bullet), "the region the buffer lies in"),
      ("CPU view", "the bytes as the CPU reads them (through the cache)"),
      ("RAM", "the bytes in memory, as a non-coherent device reads them"),
      (String(glyphs.zeroByte), "a 0x00 byte (a . is a full stop or another byte)"),
    ]
    if zoomed {
      let kinds: [(ScaleStrip.Kind, String)] = [
        (.memory, "RAM: DRAM, the linear map, a live IOVA range"),
        (.mmio, "device registers: MMIO, ioremap"),
        (.reserved, "reserved: the kernel, no-map carve-outs, reserved IOVA"),
        (.cma, "a CMA area"), (.pool, "remapped or pooled: vmalloc, coherent pools"),
        (.swiotlb, "the swiotlb bounce buffer"), (.freed, "a freed IOVA range (range cache)"),
      ]
      rows += kinds.map {
        (String(AddressSpacePanel.glyph($0.0, ascii: glyphs.arrowRight.isASCII)), $0.1)
      }
      rows.append(("\u{2248} gap", "a long stretch with no region, left out"))
    }
    return rows
  }

  private static func cache(_ glyphs: Glyphs) -> [(String, String)] {
    let states: [CachePanelModel.LineState] = [.invalid, .clean, .dirty]
    let meaning = ["invalid", "clean: the same as RAM", "dirty: newer than RAM"]
    let arrow = glyphs.arrowRight
    return [("set.w", "the set and the way the line sits in")]
      + zip(states, meaning).map { ("st \($0.0.letter)", $0.1) } + [
        ("age", "LRU age in its set: 0 is the newest, the oldest goes first"),
        ("D\(arrow)C@6", "the last change: dirty, then clean, at step 6"),
        ("data", "the line's bytes as the CPU sees them"),
      ]
  }

  private static func queues(_ glyphs: Glyphs) -> [(String, String)] {
    let transfers: [(ChannelQueuePanelModel.Transfer, String)] = [
      (.memToDev, "memory to a device"), (.devToMem, "a device to memory"),
      (.memcpy, "memory to memory"), (.cyclic, "cyclic (a ring of periods)"),
    ]
    let states: [(ChannelQueuePanelModel.PhysicalState, String)] = [
      (.idle, "nothing to do"), (.busy, "moving data"),
      (.waitingForRequest, "waiting for the peripheral's request line"),
      (.interruptPending, "its interrupt is raised"), (.paused, "held by dmaengine_pause"),
    ]
    return [
      ("[d1 #2]", "descriptor d1 with cookie 2, on the list it sits in"),
      ("allocated…", "virt-dma's lists: desc_allocated, _submitted, _issued, active, _completed"),
    ] + transfers.map { ($0.0.code, $0.1) }
      + states.map { ("ch " + ChannelQueuePanel.stateName($0.0), $0.1) } + [
        ("DRQ high", "the peripheral asks for a burst (TX: room; RX: data)"),
        ("N/M", "the FIFO holds N of its M bytes"),
        ("wire NB", "bytes sent so far; the newest shown (\(glyphs.ellipsis) older ones)"),
      ]
  }

  private static func cmaMeaning(_ state: CMAStrip.State) -> String {
    switch state {
    case .free: ": every page free"
    case .movable: ": a page lent to a movable allocation"
    case .allocated: ": a page taken by cma_alloc"
    case .pinned: ": a lent page pinned (cannot migrate)"
    }
  }
}
