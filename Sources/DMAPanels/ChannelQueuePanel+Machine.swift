import DMASim

extension ChannelQueuePanelModel {
  /// The adapter: every controller's channels and descriptors, the peripherals with a FIFO
  /// and the NICs, read from the machine.
  public init(machine: Machine, selected: DescriptorSelection? = nil) {
    let controllers = machine.engine.controllers.map { controller in
      Controller(
        name: controller.name,
        physicalChannels: controller.physicalChannels.map { channel in
          let owner = channel.virtualChannel.flatMap {
            controller.virtualChannels.indices.contains($0) ? controller.virtualChannels[$0] : nil
          }
          return PhysicalChannel(
            index: channel.index, owner: owner?.name,
            state: owner?.paused == true && channel.state != .idle
              ? .paused : PhysicalState(channel.state))
        }, waiting: controller.waiting, channels: controller.virtualChannels.map(Channel.init))
    }
    let peripherals = machine.peripherals.compactMap { peripheral -> Peripheral? in
      if let nic = peripheral.nic {
        return Peripheral(
          name: peripheral.name,
          nic: NIC(
            ringBase: nic.txRingBase, head: nic.txHead,
            busy: nic.running || nic.job != nil, bytes: Array(peripheral.output.suffix(1024)),
            count: peripheral.outputCount))
      }
      guard peripheral.spec.fifo != nil || peripheral.spec.rxFIFO != nil else { return nil }
      return Peripheral(
        name: peripheral.name,
        tx: peripheral.spec.fifo.map {
          FIFO(
            requestAsserted: peripheral.requestAsserted, fill: peripheral.fifo.count,
            depth: $0.depth, bytes: Array(peripheral.output.suffix(1024)),
            count: peripheral.outputCount)
        },
        rx: peripheral.spec.rxFIFO.map {
          FIFO(
            requestAsserted: peripheral.rxRequestAsserted, fill: peripheral.rxFIFO.count,
            depth: $0.depth, bytes: Array(peripheral.rxPending.prefix(1024)))
        })
    }
    self.init(controllers: controllers, peripherals: peripherals, selected: selected)
  }
}

extension ChannelQueuePanelModel.PhysicalState {
  /// The panel's state for a physical channel's.
  init(_ state: PhysicalChannel.State) {
    switch state {
    case .idle: self = .idle
    case .busy: self = .busy
    case .waitingForRequest: self = .waitingForRequest
    case .interruptPending: self = .interruptPending
    }
  }
}

extension ChannelQueuePanelModel.Channel {
  /// A virtual channel as the panel draws it.
  init(_ vchan: VirtualChannel) {
    self.init(
      name: vchan.name, cookie: Int(vchan.cookie), completedCookie: Int(vchan.completedCookie),
      client: vchan.client, paused: vchan.paused, allocated: vchan.allocated,
      submitted: vchan.submitted, issued: vchan.issued, completed: vchan.completed,
      terminated: vchan.terminated, active: vchan.active,
      descriptors: vchan.descriptors.mapValues(ChannelQueuePanelModel.Descriptor.init),
      taskletScheduled: vchan.taskletScheduled, periodCallbacks: vchan.periodCallbacks,
      peripheral: vchan.peripheral)
  }
}

extension ChannelQueuePanelModel.Descriptor {
  /// A descriptor as its box shows it.
  init(_ descriptor: DMASim.Descriptor) {
    let transfer: ChannelQueuePanelModel.Transfer
    switch (descriptor.kind, descriptor.direction) {
    case (.memcpy, _): transfer = .memcpy
    case (.cyclic, _): transfer = .cyclic
    case (_, .memToDev): transfer = .memToDev
    case (_, .devToMem): transfer = .devToMem
    default: transfer = .other
    }
    self.init(
      label: descriptor.label, cookie: Int(descriptor.cookie),
      assignedCookie: Int(descriptor.assignedCookie), transfer: transfer,
      transferred: descriptor.transferred, length: descriptor.length)
  }
}

extension ChannelQueuePanel {
  /// Creates the panel for a machine (builds the model with `ChannelQueuePanelModel(machine:…)`).
  public init(context: PanelContext, selected: DescriptorSelection? = nil) {
    self.init(
      look: context.look,
      model: ChannelQueuePanelModel(machine: context.machine, selected: selected))
  }
}
