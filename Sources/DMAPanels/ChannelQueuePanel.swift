import TermCanvas

/// For every DMA controller: the physical channels and the arbiter's queue, the virtual
/// channels with their virt-dma lists, cookies and the active descriptor's progress, and the
/// peripheral FIFOs behind them (and each NIC: its TX ring, head and wire). When space is
/// short each channel folds onto two lines.
public struct ChannelQueuePanel: Widget {
  /// How to draw.
  public var look: PanelLook
  /// What to draw.
  public var model: ChannelQueuePanelModel

  /// Creates the panel.
  public init(look: PanelLook, model: ChannelQueuePanelModel) {
    self.look = look
    self.model = model
  }

  typealias Channel = ChannelQueuePanelModel.Channel
  typealias Descriptor = ChannelQueuePanelModel.Descriptor

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.width > 0, area.height > 0 else { return }
    let selected = model.selected
    var blocks: [[Line]] = []
    var compact: [[Line]] = []
    // Full lists for channels holding descriptors, the short form for empty ones.
    var mixed: [[Line]] = []
    var served: Set<String> = []
    // The block index of the selected descriptor's channel, to keep it on screen.
    var selectedBlock: Int?
    for (controllerIndex, controller) in model.controllers.enumerated() {
      let isSelected = { (index: Int) in
        selected?.controller == controllerIndex && selected?.channel == index
      }
      let shown = controller.channels.indices.filter {
        let vchan = controller.channels[$0]
        return vchan.client != nil || !vchan.descriptors.isEmpty || isSelected($0)
      }
      let channels = shown.isEmpty ? Array(controller.channels.indices.prefix(1)) : shown
      if controller.physicalChannels.count > 1 || channels.count > 1 {
        let arbiter = arbiterLine(controller)
        blocks.append([arbiter])
        compact.append([arbiter])
        mixed.append([arbiter])
      }
      for channelIndex in channels {
        let vchan = controller.channels[channelIndex]
        let mark = isSelected(channelIndex) ? selected?.id : nil
        if isSelected(channelIndex) { selectedBlock = blocks.count }
        blocks.append(fullChannel(vchan, mark: mark))
        compact.append(compactChannel(vchan, mark: mark))
        mixed.append(
          vchan.descriptors.isEmpty ? compact[compact.count - 1] : blocks[blocks.count - 1])
        if let peripheral = vchan.peripheral { served.insert(peripheral) }
      }
    }
    // The FIFOs a channel serves, each NIC whose ring the driver programmed (a bus master,
    // served by no channel) and any peripheral that moved bytes; with none of those, every
    // FIFO (an idle board).
    let busy = model.peripherals.filter {
      served.contains($0.name) || $0.nic?.ringBase != nil || $0.isActive
    }
    let peripherals =
      busy.isEmpty && served.isEmpty
      ? model.peripherals.filter { $0.tx != nil || $0.rx != nil } : busy
    let fifoLines = peripherals.flatMap { peripheralLines($0, width: area.width) }
    let chosen =
      [blocks, mixed, compact].first {
        $0.reduce(0) { $0 + $1.count } + fifoLines.count <= area.height
      } ?? compact
    var lines = chosen.flatMap { $0 } + fifoLines
    if let selectedBlock {
      // Scroll whole blocks off the top until the selected channel's block is shown.
      let start = chosen[..<selectedBlock].reduce(0) { $0 + $1.count }
      let end = start + chosen[selectedBlock].count
      if end > area.height {
        let drop = min(start, end - area.height)
        lines = Array(lines.dropFirst(drop))
      }
    }
    for (row, line) in lines.prefix(area.height).enumerated() {
      drawLine(line, in: area, row: row, buffer: &buffer)
    }
  }

  /// A line may carry a progress bar: `Line`s whose last span is a gauge marker are drawn with
  /// a `Gauge` after their text.
  private func drawLine(_ line: Line, in area: Rect, row: Int, buffer: inout Buffer) {
    let y = area.y + row
    guard let gauge = line.spans.last, gauge.text.hasPrefix("\u{0}gauge") else {
      buffer.setLine(line, x: area.x, y: y, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
      return
    }
    let parts = gauge.text.split(separator: " ").compactMap { Int($0) }
    let text = Line(Array(line.spans.dropLast()))
    let used = buffer.setLine(
      text, x: area.x, y: y, maxWidth: area.width, ellipsis: look.glyphs.ellipsis)
    guard parts.count == 2 else { return }
    let label = " \(parts[0])/\(parts[1])"
    let width = min(32, area.width - used - label.count)
    guard width >= 3 else { return }
    Gauge(done: parts[0], total: parts[1], label: nil, theme: look.theme, glyphs: look.glyphs)
      .render(in: Rect(x: area.x + used, y: y, width: width, height: 1), buffer: &buffer)
    buffer.setString(label, x: area.x + used + width, y: y, style: look.style(.normal))
  }

  private func gaugeSpan(_ done: UInt64, _ total: UInt64) -> Span {
    Span("\u{0}gauge \(done) \(total)", style: look.style(.normal))
  }

  private func arbiterLine(_ controller: ChannelQueuePanelModel.Controller) -> Line {
    var spans = [look.span(controller.name + " ", .title)]
    for channel in controller.physicalChannels {
      spans.append(look.span("ch\(channel.index) ", .dim))
      if let owner = channel.owner {
        spans.append(look.span(owner, .queueActive))
        spans.append(look.span(" \(stateName(channel.state))  ", .dim))
      } else {
        spans.append(look.span("idle  ", .dim))
      }
    }
    if !controller.waiting.isEmpty {
      let names = controller.waiting.map {
        controller.channels.indices.contains($0) ? controller.channels[$0].name : "?"
      }
      spans.append(look.span("waiting: " + names.joined(separator: " "), .warning))
    }
    return Line(spans)
  }

  private func header(_ vchan: Channel) -> Line {
    var spans = [
      look.span(vchan.name, .title),
      look.span(" cookie ", .dim), look.span("\(vchan.cookie)", .cookie),
      look.span(" done ", .dim), look.span("\(vchan.completedCookie)", .cookie),
      look.span(vchan.client.map { " \(look.glyphs.arrowLeft) \($0)" } ?? " (free)", .dim),
    ]
    if vchan.paused { spans.append(look.span(" PAUSED", .warning)) }
    return Line(spans)
  }

  private func fullChannel(_ vchan: Channel, mark: Int?) -> [Line] {
    var lines = [header(vchan)]
    lines.append(listLine("allocated", vchan.allocated, vchan, .queueAllocated, mark: mark))
    lines.append(listLine("submitted", vchan.submitted, vchan, .queueSubmitted, mark: mark))
    lines.append(listLine("issued", vchan.issued, vchan, .queueIssued, mark: mark))
    lines.append(activeLine(vchan, mark: mark))
    lines.append(listLine("completed", vchan.completed, vchan, .queueCompleted, mark: mark))
    if !vchan.terminated.isEmpty {
      lines.append(
        listLine("terminated", vchan.terminated, vchan, .queueTerminated, mark: mark))
    }
    if vchan.taskletScheduled || vchan.periodCallbacks > 0 {
      var text = vchan.taskletScheduled ? " tasklet scheduled: callbacks pending" : ""
      if vchan.periodCallbacks > 0 { text += " period callbacks: \(vchan.periodCallbacks)" }
      lines.append(Line(text, style: look.style(.warning)))
    }
    return lines
  }

  private func compactChannel(_ vchan: Channel, mark: Int?) -> [Line] {
    var spans: [Span] = []
    let lists: [(String, [Int], Role)] = [
      ("a", vchan.allocated, .queueAllocated), ("s", vchan.submitted, .queueSubmitted),
      ("i", vchan.issued, .queueIssued), ("c", vchan.completed, .queueCompleted),
      ("t", vchan.terminated, .queueTerminated),
    ]
    for (name, ids, role) in lists where !ids.isEmpty {
      spans.append(look.span(" \(name):", .dim))
      for (position, id) in ids.enumerated() {
        let text = (position > 0 ? "," : "") + shortLabel(id, vchan)
        spans.append(look.span(text, id == mark ? .selection : role))
      }
    }
    if let id = vchan.active, let descriptor = vchan.descriptors[id] {
      spans.append(look.span(" act:", .dim))
      spans.append(look.span(shortLabel(id, vchan), id == mark ? .selection : .queueActive))
      spans.append(look.span(" ", .normal))
      spans.append(gaugeSpan(descriptor.progress, descriptor.length))
    }
    if spans.isEmpty { spans.append(look.span(" no descriptors", .dim)) }
    return [header(vchan), Line(spans)]
  }

  private func shortLabel(_ id: Int, _ vchan: Channel) -> String {
    guard let descriptor = vchan.descriptors[id] else { return "d\(id)" }
    let cookie = descriptor.cookie != 0 ? descriptor.cookie : descriptor.assignedCookie
    return cookie != 0 ? "d\(id)#\(cookie)" : "d\(id)"
  }

  private func listLine(
    _ name: String, _ ids: [Int], _ vchan: Channel, _ role: Role, mark: Int?
  ) -> Line {
    var spans = [look.span(" " + Format.fit(name, 10), ids.isEmpty ? .dim : .normal)]
    if ids.isEmpty { spans.append(look.span(String(look.glyphs.bullet), .dim)) }
    for id in ids {
      guard let descriptor = vchan.descriptors[id] else { continue }
      // The found descriptor's box is drawn in the selection style with a mark in front.
      if id == mark {
        spans.append(
          look.span(
            "\(look.glyphs.arrowRight)[" + summary(descriptor) + "]", .selection))
      } else {
        spans.append(look.span("[" + summary(descriptor) + "]", role))
      }
      spans.append(look.span(" ", .normal))
    }
    return Line(spans)
  }

  private func summary(_ descriptor: Descriptor) -> String {
    let cookie: String
    if descriptor.cookie != 0 {
      cookie = "#\(descriptor.cookie)"
    } else if descriptor.assignedCookie != 0 {
      cookie = "#\(descriptor.assignedCookie)\(look.glyphs.check)"
    } else {
      cookie = "#-"
    }
    let kind = descriptor.transfer.code
    return "\(descriptor.label) \(cookie) \(kind) \(Format.size(descriptor.length))"
  }

  private func activeLine(_ vchan: Channel, mark: Int?) -> Line {
    let label = look.span(" " + Format.fit("active", 10), vchan.active == nil ? .dim : .normal)
    guard let id = vchan.active, let descriptor = vchan.descriptors[id] else {
      return Line([label, look.span(String(look.glyphs.bullet), .dim)])
    }
    let found = id == mark
    let text =
      (found ? "\(look.glyphs.arrowRight)" : "") + "[\(descriptor.label) #\(descriptor.cookie)] "
    return Line([
      label, look.span(text, found ? .selection : .queueActive),
      gaugeSpan(descriptor.progress, descriptor.length),
    ])
  }

  private func peripheralLines(
    _ peripheral: ChannelQueuePanelModel.Peripheral, width: Int
  ) -> [Line] {
    var lines: [Line] = []
    if let nic = peripheral.nic {
      let ring = nic.ringBase.map { "ring \(String($0, radix: 16)) " } ?? "no ring "
      let state = nic.busy ? "walking" : "idle"
      lines.append(
        Line([
          look.span(peripheral.name + " TX ", .title), look.span(ring, .dim),
          look.span("head \(nic.head) \(state)", nic.busy ? .queueActive : .dim),
        ]))
      lines.append(wireLine(nic.bytes, count: nic.count, width: width))
    }
    if let tx = peripheral.tx {
      lines.append(
        fifoLine(
          peripheral.name + " TX ", drq: tx.requestAsserted, fill: tx.fill, depth: tx.depth))
      lines.append(wireLine(tx.bytes, count: tx.count, width: width))
    }
    if let rx = peripheral.rx {
      lines.append(
        fifoLine(
          peripheral.name + " RX ", drq: rx.requestAsserted, fill: rx.fill, depth: rx.depth))
      if !rx.bytes.isEmpty {
        let text = String(rx.bytes.prefix(max(0, width - 12)).map { Format.glyph($0, look.glyphs) })
        lines.append(Line([look.span(" incoming ", .dim), look.span(text, .normal)]))
      }
    }
    return lines
  }

  /// A wire: how many bytes went out, then the newest of them that fit.
  private func wireLine(_ bytes: [UInt8], count: Int, width: Int) -> Line {
    let prefix = " wire \(count)B "
    let room = max(0, width - prefix.count)
    // Older bytes that do not fit are marked at the left, as a cut text is at its right.
    let cut = count > room && room > 0
    let sent = bytes.suffix(cut ? room - 1 : room).map { Format.glyph($0, look.glyphs) }
    return Line([
      look.span(prefix, .dim), look.span(cut ? String(look.glyphs.ellipsis) : "", .dim),
      look.span(String(sent), .normal),
    ])
  }

  /// One FIFO: its name, its request line and a fill gauge.
  private func fifoLine(_ name: String, drq: Bool, fill: Int, depth: Int) -> Line {
    Line([
      look.span(name, .title), look.span(" DRQ ", .dim),
      look.span(drq ? "high " : "low  ", drq ? .signalAsserted : .dim),
      gaugeSpan(UInt64(fill), UInt64(depth)),
    ])
  }

  private func stateName(_ state: ChannelQueuePanelModel.PhysicalState) -> String {
    Self.stateName(state)
  }

  /// A physical channel's state as the arbiter line shows it (and the `?` legend).
  static func stateName(_ state: ChannelQueuePanelModel.PhysicalState) -> String {
    switch state {
    case .idle: "idle"
    case .busy: "busy"
    case .waitingForRequest: "wait DRQ"
    case .interruptPending: "IRQ"
    case .paused: "paused"
    }
  }
}

/// A descriptor picked out in the channel-queue panel: controller, virtual channel (indices in
/// the machine's lists) and descriptor id.
public struct DescriptorSelection: Hashable, Sendable {
  /// Index into the model's controllers (the machine's controllers, in order).
  public var controller: Int
  /// Index into the controller's virtual channels.
  public var channel: Int
  /// The descriptor's id on that channel.
  public var id: Int

  /// Creates a selection.
  public init(controller: Int, channel: Int, id: Int) {
    self.controller = controller
    self.channel = channel
    self.id = id
  }
}
