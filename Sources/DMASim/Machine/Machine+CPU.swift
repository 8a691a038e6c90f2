extension Machine {
  /// One CPU event: fetch the next action or run the next micro-operation of the current one.
  mutating func runCPU() {
    if case .ticks = cpu.waiting { cpu.waiting = nil }
    if cpu.pending.isEmpty {
      guard cpu.programCounter < program.actions.count else {
        cpu.currentAction = nil
        cpu.finished = true
        log(.kernel, "end", "end of scenario")
        return
      }
      // Statements that cost no step ran as soon as the previous action returned in a CPU
      // event (`runStatementsAhead`). Left here are those after an `ask`, and those after a
      // wait (`wait_for_completion`, `run until`, `run N ticks`): the woken CPU runs them when
      // it runs again. Narration or a question among them gets this event to itself, so it
      // shows before the next action starts.
      if runStatementsWithoutStep() {
        agenda.schedule(.cpu, at: clock + 1)
        return
      }
      guard cpu.programCounter < program.actions.count else {
        cpu.finished = true
        log(.kernel, "end", "end of scenario")
        return
      }
      cpu.currentAction = cpu.programCounter
      cpu.programCounter += 1
      execute(program.actions[cpu.programCounter - 1])
      // The first piece of a multi-step call happens in the same step as the call itself.
      if let first = cpu.pending.first, first.runsWithCall { perform(cpu.pending.removeFirst()) }
    } else {
      perform(cpu.pending.removeFirst())
    }
    if cpu.waiting == nil, !cpu.finished {
      agenda.schedule(.cpu, at: clock + 1)
      if cpu.pending.isEmpty { cpu.actionReturned = true }
    }
  }

  /// Runs the `say`, `expect` and `ask` statements that follow the action that just returned,
  /// so a narration shows while the screen holds the state it describes: after the action
  /// before it and before the action after it runs anything. Stops after an `ask`: nothing
  /// after a question runs before it is answered (the next CPU event runs the rest).
  mutating func runStatementsAhead() {
    guard cpu.actionReturned else { return }
    cpu.actionReturned = false
    guard !cpu.finished, cpu.pending.isEmpty else { return }
    // The step still belongs to the action that returned: views and `n` name it.
    let returned = cpu.currentAction
    _ = runStatementsWithoutStep()
    cpu.currentAction = returned
  }

  /// Runs the statements that cost no step at the program counter, up to the next action or
  /// just past an `ask`. Returns whether a `say` or `ask` was among them.
  private mutating func runStatementsWithoutStep() -> Bool {
    var narrated = false
    while cpu.programCounter < program.actions.count,
      program.actions[cpu.programCounter].operation.costsNoStep
    {
      let operation = program.actions[cpu.programCounter].operation
      cpu.currentAction = cpu.programCounter
      cpu.programCounter += 1
      runWithoutStep(operation)
      switch operation {
      case .say: narrated = true
      case .ask: return true
      default: break
      }
    }
    return narrated
  }

  /// Starts an action: logs the call and queues its micro-operations.
  private mutating func execute(_ action: Action) {
    if let function = action.operation.invalidDirectionBUG, !skipsSync(action.operation) {
      invalidDirectionBUG(function, action)
      return
    }
    switch action.operation {
    case .say(let text):
      cpu.narration = text
      run.lastTouch.narrated = true
      log(.narration, "say", text)
    case .control(let flow): runControl(flow)
    case .pause:
      run.lastTouch.pause = true
      log(.narration, "pause", "checkpoint: the lesson pauses here")
    case .kmalloc(let size, let flags): kmalloc(size: size, flags: flags, result: action.result)
    case .kfree(let pointer): kfree(pointer)
    case .cmaAlloc(let count, let align):
      cmaAlloc(count: count, align: align, result: action.result)
    case .dmaAllocCoherent(let device, let size, let handle, let flags, let writeCombine):
      dmaAllocCoherent(
        device, size: size, flags: flags, writeCombine: writeCombine, result: action.result,
        handle: handle)
    case .dmaFreeCoherent(let device, let size, let pointer, let handle):
      dmaFreeCoherent(device, size: size, pointer: pointer, handle: handle)
    case .cmaRelease(let pointer, let count): cmaRelease(pointer, count: count)
    case .cpuWrite(let pointer, let offset, let bytes):
      cpuWrite(pointer, offset: offset, bytes: bytes)
    case .cpuRead(let pointer, let offset, let length):
      cpuRead(pointer, offset: offset, length: length, result: action.result)
    case .dmaMapSingle(let device, let pointer, let size, let direction):
      dmaMapSingle(device, pointer, size: size, direction: direction, result: action.result)
    case .dmaUnmapSingle(let device, let handle, let size, let direction):
      dmaUnmapSingle(device, handle, size: size, direction: direction)
    case .virtToPhys(let pointer): virtToPhys(pointer, result: action.result)
    case .dmaMappingError(let device, let handle):
      dmaMappingError(device, handle, result: action.result)
    case .dmaSyncSingleForCPU(let device, let handle, let size, let direction):
      dmaSyncSingle(forCPU: true, device, handle, size: size, direction: direction)
    case .dmaSyncSingleForDevice(let device, let handle, let size, let direction):
      dmaSyncSingle(forCPU: false, device, handle, size: size, direction: direction)
    case .vmalloc(let size): vmalloc(size: size, result: action.result)
    case .getFreePages(let order, let flags):
      getFreePages(order: order, flags: flags, result: action.result)
    case .stackBuffer(let size, let vmapped):
      stackBuffer(size: size, vmapped: vmapped, result: action.result)
    case .sgInitTable, .sgSetBuf, .dmaMapSG, .dmaUnmapSG, .dmaSyncSG, .prepSlaveSG:
      executeScatterGather(action)
    case .barrier, .remap, .unmapRemap, .showPTE: executeMemoryAttributeCall(action)
    case .allocPages, .virtToPage, .pageAddress, .dmaMapPage, .dmaUnmapPage, .deviceReleaseDriver,
      .freePages:
      executePageCall(action)
    default: executeEngineCall(action)
    }
  }

  /// Runs `say`, `expect` or `ask`, which take no step of their own.
  private mutating func runWithoutStep(_ operation: Operation) {
    switch operation {
    case .say(let text):
      cpu.narration = text
      run.lastTouch.narrated = true
      log(.narration, "say", text)
    case .expect(let expectation): evaluate(expectation)
    case .ask(let question, _, _, _):
      cpu.narration = question
      run.lastTouch.question = cpu.currentAction
      // Like `pause`, a question stops a running lesson so the student can answer.
      run.lastTouch.pause = true
      if let index = cpu.currentAction { cpu.askedQuestions.append(index) }
      // The answer is not logged: the log is on screen while the question is open.
      log(.narration, "ask", question)
    case .control(let flow): runControl(flow)
    default: break
    }
  }

  /// Runs a branch, jump, loop back edge or assignment: control goes on at its target, or the
  /// variable takes the value computed as `expect` computes it.
  private mutating func runControl(_ flow: ControlFlow) {
    switch flow {
    case .branchUnless(let condition, let target):
      if !holds(condition) { cpu.programCounter = min(target, program.actions.count) }
    case .jump(let target):
      cpu.programCounter = min(target, program.actions.count)
    case .loop(let target):
      cpu.programCounter = min(target, program.actions.count)
      let line = program.actions.indices.contains(target) ? program.actions[target].line : 0
      log(.kernel, "loop", "back to line \(line)")
    case .assign(let variable, let term):
      switch observe(term) {
      case .integer(let value): cpu.variables[variable] = .integer(value)
      case .unavailable(let why):
        log(.debug, "assign", "\(variable) is left unchanged: \(why)")
      case let other:
        log(.debug, "assign", "\(variable) is left unchanged: \(other.text) is not an integer")
      }
    }
  }

  /// Whether a condition of the driver's control flow holds now. `&&` and `||` short-circuit.
  func holds(_ condition: Condition) -> Bool {
    switch condition {
    case .compare(let comparison):
      Self.holds(
        observe(comparison.actual), comparison.comparison, observe(comparison.expected))
    case .not(let inner): !holds(inner)
    case .and(let left, let right): holds(left) && holds(right)
    case .or(let left, let right): holds(left) || holds(right)
    case .isError(let name):
      if case .error(let errno) = cpu.variables[name] { errno != .null } else { false }
    }
  }

  /// Runs one micro-operation.
  private mutating func perform(_ op: MicroOp) {
    switch op {
    case .store(let virtual, let physical, let bytes, let type):
      store(virtual, physical, bytes, type)
    // A run's first cache line now; the rest goes back to the front of the queue (the same
    // accesses, in the same steps, as one queued access per line).
    case .zeroRun(let virtual, let physical, let count, let type):
      let line = nextLine(virtual, physical, remaining: count)
      if count > line.length {
        cpu.pending.prepend(
          .zeroRun(line.nextVirtual, line.nextPhysical, count: count - line.length, type))
      }
      store(virtual, physical, [UInt8](repeating: 0, count: Int(line.length)), type)
    case .storeRun(let virtual, let physical, let bytes, let offset, let type):
      let line = nextLine(virtual, physical, remaining: UInt64(bytes.count - offset))
      let end = offset + Int(line.length)
      if end < bytes.count {
        cpu.pending.prepend(
          .storeRun(line.nextVirtual, line.nextPhysical, bytes, offset: end, type))
      }
      store(virtual, physical, Array(bytes[offset..<end]), type)
    case .loadRun(let virtual, let physical, let count, let type):
      let line = nextLine(virtual, physical, remaining: count)
      if count > line.length {
        cpu.pending.prepend(
          .loadRun(line.nextVirtual, line.nextPhysical, count: count - line.length, type))
      }
      load(virtual, physical, Int(line.length), type)
    case .load(let virtual, let physical, let count, let type):
      load(virtual, physical, count, type)
    case .maintain(let operation, let address): maintain(operation, address)
    case .maintainRange(let operation, let address, let lines):
      maintainRange(operation, address, lines: lines)
    case .finishRead(let virtual, let result):
      let bytes = cpu.readBuffer.bytes
      cpu.readBuffer = ReadBuffer()
      assign(.bytes(bytes), to: result)
      log(
        .kernel, "cpu_read",
        "read \(bytes.count) bytes at \(virtual.hex): \(ByteText.quoted(bytes))")
    case .finishMap(let mapping, let result): finishMap(mapping, result: result)
    case .startTransfer(let controller, _):
      drainWriteBuffer(by: "writel", instruction: "__iowmb(): dmb oshst")
      arbitrate(controller)
    case .finishAllocCoherent(let allocation, let handle, let result, let handleName, let device):
      finishAllocCoherent(
        allocation, handle, result: result, handleName: handleName, device: device)
    case .finishMapSG(let table, let device, let count, let direction, let result):
      finishMapSG(table, device, count, direction, result)
    case .finishUnmapSG(let table, let device, let count, let direction):
      finishUnmapSG(table, device, count, direction)
    case .finishSyncSG(let forCPU, let table, let device, let count, let direction):
      finishSyncSG(forCPU: forCPU, table, device, count, direction)
    case .finishUnmap(let device, let handle, let size, let direction):
      finishUnmap(device, handle, size, direction)
    case .finishSync(let forCPU, let device, let handle, let size, let direction):
      finishSync(forCPU: forCPU, device, handle, size, direction)
    case .iommu(let step): runIOMMUStep(step)
    case .bounceCopy(let from, let to, let count): bounceCopy(from: from, to: to, count: count)
    case .finishPoolAlloc(let pool, let chunk, let result, let handle, let zero):
      finishPoolAlloc(pool, chunk: chunk, result: result, handle: handle, zero: zero)
    }
  }

  /// Stores a variable, if the action names one.
  mutating func assign(_ value: Value, to name: String?) {
    guard let name else { return }
    cpu.variables[name] = value
  }

  /// The value of an operand, logging a driver error when it is undefined.
  mutating func resolve(_ operand: Operand, for function: String) -> Value? {
    switch operand {
    case .literal(let value): return value
    case .variable(let name):
      if let value = cpu.variables[name] { return value }
      log(.debug, function, "\(name) is not set: \(function) gets garbage and does nothing")
      return nil
    case .offset(let base, let bytes):
      switch resolve(base, for: function) {
      case .pointer(let address): return .pointer(address.advanced(by: bytes))
      case .dmaAddress(let address): return .dmaAddress(address.advanced(by: bytes))
      case .some(let other):
        log(.debug, function, "\(base.text) is \(other.text): an offset needs an address")
        return nil
      case .none: return nil
      }
    }
  }

  /// The kernel `dev_name()` of a board device name.
  func deviceName(_ name: String) -> String {
    board.device(named: name)?.kernelName ?? name
  }

  /// The first cache line of a CPU range run at `virtual`/`physical` with `remaining` bytes
  /// left, and where the rest starts: at a page boundary the rest continues wherever the next
  /// page is mapped, exactly as `lineChunks` splits the whole range.
  func nextLine(_ virtual: VirtAddr, _ physical: PhysAddr, remaining: UInt64) -> (
    length: UInt64, nextVirtual: VirtAddr, nextPhysical: PhysAddr
  ) {
    let lineSize = UInt64(memory.cache.geometry.lineSize)
    let length = min(lineSize - physical.rawValue % lineSize, remaining)
    let nextVirtual = virtual.advanced(by: length)
    var nextPhysical = physical.advanced(by: length)
    if virtual.rawValue != 0, nextVirtual.rawValue % PhysicalMemory.pageSize == 0,
      let mapped = memory.pageTable.translate(nextVirtual)?.physical
    {
      nextPhysical = mapped
    }
    return (length, nextVirtual, nextPhysical)
  }

  /// Splits `[physical, physical + count)` at cache-line boundaries.
  func lineChunks(_ virtual: VirtAddr, _ physical: PhysAddr, count: UInt64) -> [(
    VirtAddr, PhysAddr, Int
  )] {
    var chunks: [(VirtAddr, PhysAddr, Int)] = []
    var done: UInt64 = 0
    let lineSize = UInt64(memory.cache.geometry.lineSize)
    // A CPU range crossing a page boundary continues wherever the next page is mapped (vmalloc
    // and remapped buffers are not physically contiguous); physical-only ranges (virtual 0) are.
    var pageBase = physical.rawValue
    var pageDone: UInt64 = 0
    while done < count {
      let va = virtual.rawValue &+ done
      if virtual.rawValue != 0, done > 0, va % PhysicalMemory.pageSize == 0,
        let next = memory.pageTable.translate(VirtAddr(va))?.physical
      {
        pageBase = next.rawValue
        pageDone = done
      }
      let at = pageBase + (done - pageDone)
      let length = min(lineSize - at % lineSize, count - done)
      chunks.append((virtual.advanced(by: done), PhysAddr(at), Int(length)))
      done += length
    }
    return chunks
  }
}

extension Machine {
  /// Whether a sync call never reaches `__dma_sync_*` (and its `BUG_ON`): the inline
  /// `dma_sync_*` wrappers test `dma_dev_need_sync(dev)` first (include/linux/dma-mapping.h,
  /// v6.10+), and `dev->dma_skip_sync` is set for a coherent device on the direct path
  /// (kernel/dma/mapping.c `dma_setup_need_sync`) until swiotlb bounces for it
  /// (`dma_reset_need_sync`); a live bounce stands for that here.
  func skipsSync(_ operation: Operation) -> Bool {
    let device: String
    switch operation {
    case .dmaSyncSingleForCPU(let name, _, _, _), .dmaSyncSingleForDevice(let name, _, _, _),
      .dmaSyncSG(_, let name, _, _, _):
      device = name
    default: return false
    }
    return board.device(named: device)?.coherent == true
      && !dma.bounces.contains { $0.device == device }
  }

  /// `BUG_ON(!valid_dma_direction(dir))` (include/linux/dma-direction.h: only
  /// `DMA_BIDIRECTIONAL`, `DMA_TO_DEVICE` and `DMA_FROM_DEVICE` are valid): the kernel prints
  /// the BUG and, on arm64, the `brk #0x800` Oops (arch/arm64/kernel/traps.c `bug_handler`,
  /// `die`), killing the task. The driver's scenario stops with a failed check; the machine
  /// (and dmascope) go on.
  mutating func invalidDirectionBUG(_ function: String, _ action: Action) {
    log(.debug, "BUG", "------------[ cut here ]------------")
    log(
      .debug, "BUG", "kernel BUG at kernel/dma/mapping.c: \(function)",
      detail: "\(function) starts with BUG_ON(!valid_dma_direction(dir)): DMA_NONE is only for "
        + "debugging, never for a mapping or a sync. (The kernel prints the source line after "
        + "the file name; it differs between releases.)")
    log(
      .debug, "BUG", "Internal error: Oops - BUG: 00000000f2000800 [#1] SMP",
      detail: "arm64's BUG() is brk #0x800 (ESR 0xf2000800); die() kills the task that ran "
        + "the driver, so the scenario stops here.")
    cpu.expectationResults.append(
      ExpectationResult(
        line: action.line, text: action.text, passed: false, actual: "kernel BUG",
        expected: "a valid DMA direction", step: stepCount, kind: .kernelBUG))
    cpu.narration = "\(action.text) at line \(action.line): kernel BUG in \(function) (DMA_NONE)"
    cpu.finished = true
  }
}
