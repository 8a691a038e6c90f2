import DMASim
import TermCanvas

/// For every DMA controller: the virtual channels with their virt-dma lists, cookies and the
/// active descriptor's progress, the physical channels, and the peripheral FIFO behind them.
public struct ChannelQueuePanel: Widget {
  /// What to draw and how.
  public var context: PanelContext

  /// Creates the panel.
  public init(context: PanelContext) { self.context = context }

  /// Draws the panel's content (no border) into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    var y = area.y
    let machine = context.machine
    for controller in machine.controllers {
      for vchan in controller.virtualChannels {
        y = drawChannel(vchan, controller: controller, area: area, y: y, buffer: &buffer)
      }
    }
    for peripheral in machine.peripherals where y < area.maxY {
      y = drawPeripheral(peripheral, area: area, y: y, buffer: &buffer)
    }
  }

  private func put(_ line: Line, _ area: Rect, _ y: Int, _ buffer: inout Buffer) -> Int {
    guard y < area.maxY else { return y }
    buffer.setLine(line, x: area.x, y: y, maxWidth: area.width)
    return y + 1
  }

  private func drawChannel(
    _ vchan: VirtualChannel, controller: DMAController, area: Rect, y start: Int,
    buffer: inout Buffer
  ) -> Int {
    var y = start
    let header = Line([
      context.span(vchan.name, .title),
      context.span(" cookie ", .dim), context.span("\(vchan.cookie)", .cookie),
      context.span(" done ", .dim), context.span("\(vchan.completedCookie)", .cookie),
      context.span(vchan.client.map { " \(context.glyphs.arrowLeft) \($0)" } ?? " (free)", .dim),
    ])
    y = put(header, area, y, &buffer)
    let lists: [(String, [Int], Role)] = [
      ("allocated", vchan.allocated, .queueAllocated),
      ("submitted", vchan.submitted, .queueSubmitted),
      ("issued", vchan.issued, .queueIssued),
    ]
    for (name, ids, role) in lists {
      y = put(listLine(name, ids, vchan, role), area, y, &buffer)
    }
    y = drawActive(vchan, controller: controller, area: area, y: y, buffer: &buffer)
    y = put(listLine("completed", vchan.completed, vchan, .queueCompleted), area, y, &buffer)
    if !vchan.terminated.isEmpty {
      y = put(listLine("terminated", vchan.terminated, vchan, .queueTerminated), area, y, &buffer)
    }
    if vchan.taskletScheduled {
      y = put(
        Line("  tasklet scheduled: callbacks pending", style: context.style(.warning)), area, y,
        &buffer)
    }
    return y
  }

  private func listLine(_ name: String, _ ids: [Int], _ vchan: VirtualChannel, _ role: Role) -> Line
  {
    var spans = [context.span(" " + Format.fit(name, 10), ids.isEmpty ? .dim : .normal)]
    if ids.isEmpty { spans.append(context.span(String(context.glyphs.bullet), .dim)) }
    for id in ids {
      guard let descriptor = vchan.descriptors[id] else { continue }
      spans.append(context.span("[" + summary(descriptor) + "]", role))
      spans.append(context.span(" ", .normal))
    }
    return Line(spans)
  }

  private func summary(_ descriptor: Descriptor) -> String {
    let cookie: String
    if descriptor.cookie != 0 {
      cookie = "#\(descriptor.cookie)"
    } else if descriptor.assignedCookie != 0 {
      cookie = "#\(descriptor.assignedCookie)\(context.glyphs.check)"
    } else {
      cookie = "#-"
    }
    let direction: String
    switch descriptor.direction {
    case .memToDev: direction = "M2D"
    case .devToMem: direction = "D2M"
    case .memToMem: direction = "M2M"
    case .devToDev: direction = "D2D"
    }
    return "\(descriptor.label) \(cookie) \(direction) \(Format.size(descriptor.length))"
  }

  private func drawActive(
    _ vchan: VirtualChannel, controller: DMAController, area: Rect, y start: Int,
    buffer: inout Buffer
  ) -> Int {
    guard start < area.maxY else { return start }
    let label = context.span(" " + Format.fit("active", 10), vchan.active == nil ? .dim : .normal)
    guard let id = vchan.active, let descriptor = vchan.descriptors[id] else {
      return put(
        Line([label, context.span(String(context.glyphs.bullet), .dim)]), area, start, &buffer)
    }
    let text = "[\(descriptor.label) #\(descriptor.cookie)] "
    let used = buffer.setLine(
      Line([label, context.span(text, .queueActive)]), x: area.x, y: start, maxWidth: area.width)
    let count = " \(descriptor.transferred)/\(descriptor.length)"
    let gaugeWidth = min(32, area.width - used - count.count)
    if gaugeWidth >= 3 {
      let gauge = Gauge(
        done: Int(descriptor.transferred), total: Int(descriptor.length), label: nil,
        theme: context.theme, glyphs: context.glyphs)
      gauge.render(
        in: Rect(x: area.x + used, y: start, width: gaugeWidth, height: 1), buffer: &buffer)
      buffer.setString(
        count, x: area.x + used + gaugeWidth, y: start, style: context.style(.normal))
    }
    return start + 1
  }

  private func drawPeripheral(
    _ peripheral: Peripheral, area: Rect, y start: Int, buffer: inout Buffer
  ) -> Int {
    guard let fifo = peripheral.spec.fifo, start < area.maxY else { return start }
    let machine = context.machine
    let states = machine.controllers.flatMap { controller in
      controller.physicalChannels.filter { channel in
        guard let index = channel.virtualChannel else { return false }
        return controller.virtualChannels[index].peripheral == peripheral.name
      }.map { "ch\($0.index) \(stateName($0.state))" }
    }
    let drq = peripheral.requestAsserted
    let count = " \(peripheral.fifo.count)/\(fifo.depth)"
    let tail = Line([
      context.span(count, .normal), context.span(" DRQ ", .dim),
      context.span(drq ? "high" : "low", drq ? .signalAsserted : .dim),
      context.span(states.isEmpty ? "" : " " + states.joined(separator: " "), .dim),
    ])
    var x =
      area.x
      + buffer.setString(
        peripheral.name + " FIFO ", x: area.x, y: start, style: context.style(.title))
    let gaugeWidth = min(fifo.depth, max(3, area.maxX - x - tail.width))
    Gauge(
      done: peripheral.fifo.count, total: fifo.depth, label: nil, theme: context.theme,
      glyphs: context.glyphs
    )
    .render(in: Rect(x: x, y: start, width: gaugeWidth, height: 1), buffer: &buffer)
    x += gaugeWidth
    buffer.setLine(tail, x: x, y: start, maxWidth: max(0, area.maxX - x))
    let prefix = " wire \(peripheral.outputCount)B "
    let sent = peripheral.output.suffix(max(0, area.width - prefix.count)).map(ByteText.glyph)
    let wire = Line([context.span(prefix, .dim), context.span(String(sent), .normal)])
    return put(wire, area, start + 1, &buffer)
  }

  private func stateName(_ state: PhysicalChannel.State) -> String {
    switch state {
    case .idle: "idle"
    case .busy: "busy"
    case .waitingForRequest: "wait DRQ"
    case .interruptPending: "IRQ"
    }
  }
}
