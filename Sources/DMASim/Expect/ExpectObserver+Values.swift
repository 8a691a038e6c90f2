extension ExpectObserver {
  /// Reads a value term of an expectation without changing anything.
  func observe(_ term: ExpectValueTerm) -> ObservedValue {
    switch term {
    case .arithmetic(let op, let left, let right):
      return Self.arithmetic(op, observe(left), observe(right))
    case .physical(let pointer):
      guard case .pointer(let base) = machine.cpu.variables[pointer] else {
        return .unavailable("\(pointer) is not a CPU pointer")
      }
      guard let translation = machine.memory.pageTable.translate(base) else {
        return .unavailable("\(pointer) is not mapped")
      }
      return .address(translation.physical.rawValue)
    case .txState(let channel, let cookieName, let field):
      guard case .channel(let controller, let index) = machine.cpu.variables[channel],
        let vchan = machine.virtualChannel(channel)
      else { return .unavailable("\(channel) is not a channel") }
      switch field {
      case .last: return .integer(Int64(vchan.completedCookie))
      case .used: return .integer(Int64(vchan.cookie))
      case .residue:
        guard case .cookie(let cookie) = machine.cpu.variables[cookieName] else {
          return .unavailable("\(cookieName) is not a cookie")
        }
        return .integer(Int64(machine.txState(controller, index, cookie).residue))
      }
    case .callbacks(let channel):
      guard let vchan = machine.virtualChannel(channel) else {
        return .unavailable("\(channel) is not a channel")
      }
      return .integer(Int64(vchan.callbacksRun))
    case .busBytes(let device, let handle, let offset, let length, let bounce):
      return observeBusBytes(device, handle, offset, length, bounce: bounce)
    case .object(let name):
      guard let value = machine.cpu.variables[name] else {
        return .unavailable("\(name) is not set")
      }
      switch value {
      case .error(let errno): return errno == .null ? .null : .integer(-Int64(errno.rawValue))
      case .descriptor(_, _, let id): return .object("d\(id)")
      default: return .object(value.text)
      }
    }
  }

  /// `a op b`: address ± bytes is an address, address − address their distance, integers
  /// stay integers. Overflow, a zero divisor or mixed kinds give no value (the expectation
  /// fails with the reason), never a trap.
  static func arithmetic(_ op: ExpectArithmetic, _ left: ObservedValue, _ right: ObservedValue)
    -> ObservedValue
  {
    switch (left, right) {
    case (.unavailable, _): return left
    case (_, .unavailable): return right
    case (.integer(let a), .integer(let b)):
      let (value, overflow): (Int64, Bool)
      switch op {
      case .add: (value, overflow) = a.addingReportingOverflow(b)
      case .subtract: (value, overflow) = a.subtractingReportingOverflow(b)
      case .multiply: (value, overflow) = a.multipliedReportingOverflow(by: b)
      case .divide:
        guard b != 0 else { return .unavailable("division by zero") }
        (value, overflow) = a.dividedReportingOverflow(by: b)
      }
      return overflow ? .unavailable("\(a) \(op.rawValue) \(b) overflows") : .integer(value)
    case (.address(let a), .integer(let b)) where op == .add || op == .subtract:
      // dma_addr_t and pointer arithmetic wrap in C; DMA_MAPPING_ERROR has no neighbours.
      guard a != UInt64.max else { return .unavailable("DMA_MAPPING_ERROR has no offset") }
      return .address(op == .add ? a &+ UInt64(bitPattern: b) : a &- UInt64(bitPattern: b))
    case (.address(let a), .address(let b)) where op == .subtract:
      guard a != UInt64.max, b != UInt64.max else {
        return .unavailable("DMA_MAPPING_ERROR has no distance")
      }
      let distance = Int64(bitPattern: a &- b)
      guard (a >= b) == (distance >= 0) else {
        return .unavailable("the distance does not fit in 64 bits")
      }
      return .integer(distance)
    default:
      return .unavailable("\(left.text) \(op.rawValue) \(right.text) has no value")
    }
  }

  private func observeBusBytes(
    _ device: String, _ handleName: String, _ offset: UInt64, _ length: UInt64, bounce: Bool
  ) -> ObservedValue {
    guard case .dmaAddress(let handle) = machine.cpu.variables[handleName], handle != .mappingError
    else { return .unavailable("\(handleName) is not a mapped dma_addr_t") }
    let start = handle.rawValue &+ offset
    if bounce {
      guard let index = machine.bounceIndex(device, DMAAddr(start), size: max(length, 1)),
        let slot = machine.dma.swiotlb?.bounces[index]
      else {
        return .unavailable("\(handleName) + \(offset) is not in a swiotlb slot of \(device)")
      }
      let physical = machine.physicalAddress(DMAAddr(start), for: device)
      guard slot.contains(bounceAddress: physical, count: length) else {
        return .unavailable("the range runs past the bounce buffer")
      }
      // swiotlb_bounce copies with memcpy through the cacheable linear map.
      return .bytes(
        (0..<length).map {
          let address = physical.advanced(by: $0)
          return machine.memory.writeBuffer.byte(at: address)
            ?? machine.memory.cache.peek(address, ram: machine.memory.ram)
        })
    }
    let coherent = machine.board.device(named: device)?.coherent ?? false
    let context = machine.iommuContext(for: device)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(length))
    for index in 0..<length {
      let bus = start &+ index
      let physical: PhysAddr
      if let context {
        guard let translated = machine.iovaToPhys(context, bus) else {
          return .unavailable("IOVA \(Hex.prefixed(bus)) is not mapped")
        }
        physical = translated
      } else {
        physical = machine.physicalAddress(DMAAddr(bus), for: device)
      }
      bytes.append(
        coherent
          ? machine.memory.cache.peek(physical, ram: machine.memory.ram)
          : machine.memory.ram.byte(at: physical))
    }
    return .bytes(bytes)
  }
}
