/// Reads the values an `expect` compares, from one machine state, without changing it: the
/// program's variables, bytes through any view (CPU, RAM, the device's bus), cache-line
/// states, descriptor and cookie status, allocator counters.
struct ExpectObserver {
  /// The state read.
  let machine: Machine

  /// Reads one side of an expectation without changing anything.
  func observe(_ term: ExpectTerm) -> ObservedValue {
    switch term {
    case .literal(let value): return value
    case .variable(let name):
      guard let value = machine.cpu.variables[name] else {
        return .unavailable("\(name) is not set")
      }
      return observed(value)
    case .bytes(let view, let pointer, let offset, let length, let device):
      return observeBytes(view, pointer, offset, length, device)
    case .lineState(let pointer, let offset):
      guard let physical = physicalAddress(of: pointer, offset: offset) else {
        return .unavailable("\(pointer) is not a mapped CPU pointer")
      }
      guard let slot = machine.memory.cache.lookup(physical) else { return .lineState(.invalid) }
      return .lineState(machine.memory.cache.line(slot).state)
    case .dirtyLines(let pointer, let length):
      return countDirtyLines(pointer, length)
    case .descriptors(let channel, let place):
      guard let vchan = machine.virtualChannel(channel) else {
        return .unavailable("\(channel) is not a channel")
      }
      let ids: [Int]
      switch place {
      case .allocated: ids = vchan.allocated
      case .submitted: ids = vchan.submitted
      case .issued: ids = vchan.issued
      case .active: ids = vchan.active.map { [$0] } ?? []
      case .completed: ids = vchan.completed
      case .terminated: ids = vchan.terminated
      }
      return .list(ids.map { .descriptor(id: $0, cookie: vchan.descriptors[$0]?.cookie ?? 0) })
    case .txStatus(let channel, let cookieName):
      guard let vchan = machine.virtualChannel(channel) else {
        return .unavailable("\(channel) is not a channel")
      }
      guard case .cookie(let cookie) = machine.cpu.variables[cookieName] else {
        return .unavailable("\(cookieName) is not a cookie")
      }
      let status = vchan.cookieStatus(cookie)
      return .status(status == .inProgress && vchan.paused ? .paused : status)
    case .wire(let device, let offset, let length):
      guard let peripheral = machine.peripherals.first(where: { $0.name == device }) else {
        return .unavailable("no device \(device)")
      }
      let output = peripheral.output
      let start = Int(min(offset, UInt64(output.count)))
      let end = length.map { min(output.count, start + Int($0)) } ?? output.count
      return .bytes(Array(output[start..<end]))
    case .cmaPages(let used):
      guard let area = machine.allocators.cmaAreas.first else {
        return .unavailable("no CMA area on this board")
      }
      return .integer(Int64(used ? area.used : area.availableCount))
    case .dmaDebugErrors: return .integer(Int64(machine.dma.dmaDebug.errorCount))
    case .mappingCount: return .integer(Int64(machine.dma.mappings.count))
    case .counter(let counter): return observe(counter)
    case .count(let inner):
      switch observe(inner) {
      case .list(let items): return .integer(Int64(items.count))
      case .bytes(let bytes): return .integer(Int64(bytes.count))
      case .unavailable(let why): return .unavailable(why)
      case let other: return .unavailable("\(other.text) has no count")
      }
    case .list(let items): return .list(items.map(observe))
    case .iovaToPhys, .iovaMappedPages, .iommuCounter: return machine.observeIOMMU(term)
    case .value(let value): return observe(value)
    }
  }

  /// A variable's value as an expectation sees it.
  private func observed(_ value: Value) -> ObservedValue {
    switch value {
    case .pointer(let address): return .address(address.rawValue)
    case .dmaAddress(let address): return .address(address.rawValue)
    case .channel: return .unavailable("a channel")
    case .descriptor(let controller, let channel, let id):
      let cookie =
        machine.engine.controllers.indices.contains(controller)
          && machine.engine.controllers[controller].virtualChannels.indices.contains(channel)
        ? machine.engine.controllers[controller].virtualChannels[channel].descriptors[id]?.cookie
          ?? 0 : 0
      return .descriptor(id: id, cookie: cookie)
    case .cookie(let cookie): return .integer(Int64(cookie))
    case .integer(let number): return .integer(number)
    case .status(let status): return .status(status)
    case .bytes(let bytes): return .bytes(bytes)
    case .scatterList: return .unavailable("a scatter-gather table")
    case .dmaPool: return .unavailable("a dma_pool")
    case .dmaBuf: return .unavailable("a dma_buf")
    case .dmaBufAttachment: return .unavailable("a dma_buf_attachment")
    case .page(let physical): return .address(physical.rawValue)
    case .error(let errno): return errno == .null ? .null : .integer(-Int64(errno.rawValue))
    }
  }

  /// The physical address behind a pointer variable plus an offset, if the CPU maps it.
  func physicalAddress(of pointer: String, offset: UInt64) -> PhysAddr? {
    guard case .pointer(let base) = machine.cpu.variables[pointer] else { return nil }
    return machine.memory.pageTable.translate(base.advanced(by: offset))?.physical
  }

  private func observeBytes(
    _ view: ByteViewKind, _ pointer: String, _ offset: UInt64, _ length: UInt64, _ device: String
  ) -> ObservedValue {
    guard case .pointer(let base) = machine.cpu.variables[pointer] else {
      return .unavailable("\(pointer) is not a CPU pointer")
    }
    let coherent = machine.board.device(named: device)?.coherent ?? false
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(length))
    for index in 0..<length {
      guard let translation = machine.memory.pageTable.translate(base.advanced(by: offset + index))
      else {
        return .unavailable("\(pointer) + \(offset + index) is not mapped")
      }
      let physical = translation.physical
      let inRAM = machine.memory.ram.byte(at: physical)
      switch view {
      case .ram: bytes.append(inRAM)
      case .cpu:
        // The CPU sees its own buffered (write-combined) stores first.
        bytes.append(
          machine.memory.writeBuffer.byte(at: physical)
            ?? (translation.mapping.memoryType.isCacheable
              ? machine.memory.cache.peek(physical, ram: machine.memory.ram) : inRAM)
        )
      case .device:
        bytes.append(
          coherent ? machine.memory.cache.peek(physical, ram: machine.memory.ram) : inRAM)
      }
    }
    return .bytes(bytes)
  }

  private func countDirtyLines(_ pointer: String, _ length: UInt64) -> ObservedValue {
    guard case .pointer(let base) = machine.cpu.variables[pointer] else {
      return .unavailable("\(pointer) is not a CPU pointer")
    }
    let lineSize = UInt64(machine.memory.cache.geometry.lineSize)
    var lines: [UInt64] = []
    var offset: UInt64 = 0
    while offset < length {
      guard let physical = machine.memory.pageTable.translate(base.advanced(by: offset))?.physical
      else {
        return .unavailable("\(pointer) + \(offset) is not mapped")
      }
      let line = physical.rawValue / lineSize
      if lines.last != line { lines.append(line) }
      offset += min(lineSize - physical.rawValue % lineSize, length - offset)
    }
    let dirty = lines.filter { line in
      machine.memory.cache.lookup(PhysAddr(line * lineSize)).map {
        machine.memory.cache.line($0).state == .dirty
      }
        ?? false
    }
    return .integer(Int64(dirty.count))
  }
}
