import DMAScenario
import DMASim

/// dmascope's own values for an exported scenario, in the exported module's format, so the
/// real-kernel harness can compare the two line by line.
///
/// Values the model places exactly as the kernel does are printed in hex: CMA pages
/// (`cma_alloc` is a first-fit bitmap over an area the boot placed) and swiotlb slots. Values
/// the kernel takes from the buddy allocator or a slab cache depend on everything the kernel
/// allocated before the module loaded, which dmascope does not model; they are printed
/// relative: `page+0xOFF` (only the offset in the page is claimed) and `slab` (nothing is
/// claimed). CPU pointers are `ok` or `NULL` (the kernel's virtual layout is not compared).
public enum ModuleTrace {
  /// Why a trace could not be made.
  public struct Failure: Error, Hashable, Sendable {
    /// What went wrong.
    public var message: String
  }

  /// The trace lines: `dmascope: begin DEV coherent=N`, one line per exported call, `end`.
  public static func lines(_ scenario: Scenario, stepLimit: Int = 2_000_000) throws(Failure)
    -> [String]
  {
    let exported: Set<Int> = Set(
      scenario.program.actions.indices.filter { index in
        switch scenario.program.actions[index].operation {
        case .say, .pause, .expect, .ask: false
        default: true
        }
      })
    var machine = Machine(board: scenario.board, program: scenario.program)
    var captured: [Int: String] = [:]
    var steps = 0
    while machine.step() {
      steps += 1
      if steps > stepLimit {
        throw Failure(message: "the scenario ran more than \(stepLimit) steps")
      }
      guard let index = machine.cpu.currentAction, !machine.cpu.isInsideAction,
        exported.contains(index), captured[index] == nil
      else { continue }
      captured[index] = TraceLine(machine: machine).line(scenario.program.actions[index])
    }
    let device = scenario.program.actions.lazy.compactMap { TraceLine.device(of: $0.operation) }
      .first.flatMap { scenario.board.device(named: $0) }
    var lines: [String] = []
    if let device {
      lines.append("dmascope: begin \(device.kernelName) coherent=\(device.coherent ? 1 : 0)")
    }
    lines += captured.keys.sorted().compactMap { captured[$0] }
    lines.append("dmascope: end")
    return lines
  }
}

/// One call's values read from the machine just after the call returned.
struct TraceLine {
  let machine: Machine

  /// The device a call names, if any.
  static func device(of operation: Operation) -> String? {
    switch operation {
    case .dmaAllocCoherent(let device, _, _, _, _), .dmaFreeCoherent(let device, _, _, _),
      .dmaMapSingle(let device, _, _, _), .dmaUnmapSingle(let device, _, _, _),
      .dmaSyncSingleForCPU(let device, _, _, _), .dmaSyncSingleForDevice(let device, _, _, _),
      .dmaMappingError(let device, _), .dmaSetMask(let device, _, _),
      .dmaPoolCreate(_, let device, _, _, _), .dmaMapPage(let device, _, _, _, _),
      .dmaUnmapPage(let device, _, _, _):
      device
    default: nil
    }
  }

  func line(_ action: Action) -> String {
    let fields: [String]
    let result = action.result.flatMap { machine.cpu.variables[$0] }
    switch action.operation {
    case .kmalloc, .pageAddress:
      fields = [ret(result), "pa=" + pointerPA(result)]
    case .dmaAllocCoherent(let device, _, let handle, _, _):
      fields = [
        ret(result), "handle=" + shown(machine.cpu.variables[handle], device: device),
        "pa=" + pointerPA(result),
      ]
    case .dmaPoolAlloc(let pool, _, let handle, _):
      let device = poolDevice(pool)
      fields = [
        ret(result), "handle=" + shown(machine.cpu.variables[handle], device: device),
        "pa=" + pointerPA(result),
      ]
    case .dmaMapSingle(let device, let pointer, _, _):
      fields = ["handle=" + shown(result, device: device), "pa=" + pointerPA(value(pointer))]
    case .dmaMapPage(let device, let page, let offset, _, _):
      var pa = "pa=0x0"
      if case .page(let physical) = value(page) {
        pa = "pa=" + classify(physical.rawValue &+ offset)
      }
      fields = ["handle=" + shown(result, device: device), pa]
    case .dmaMappingError, .dmaSetMask:
      fields = [status(result)]
    case .dmaPoolCreate:
      fields = [ret(result)]
    case .allocPages, .virtToPage:
      if case .page(let physical) = result {
        fields = ["ret=ok", "pa=" + classify(physical.rawValue)]
      } else {
        fields = ["ret=NULL", "pa=0x0"]
      }
    case .virtToPhys:
      if case .dmaAddress(let address) = result {
        fields = ["pa=" + classify(address.rawValue)]
      } else {
        fields = ["pa=" + pointerPA(result)]
      }
    default:
      fields = []
    }
    return (["dmascope: L\(action.line) \(action.operation.functionName)"] + fields)
      .joined(separator: " ")
  }

  /// The value of an operand now (variables, literals, `base + bytes`).
  func value(_ operand: Operand) -> Value? {
    switch operand {
    case .variable(let name): machine.cpu.variables[name]
    case .literal(let value): value
    case .offset(let base, let bytes):
      switch value(base) {
      case .pointer(let address): .pointer(address.advanced(by: bytes))
      case .dmaAddress(let address): .dmaAddress(DMAAddr(address.rawValue &+ bytes))
      case .page(let address): .page(address.advanced(by: bytes))
      default: nil
      }
    }
  }

  private func poolDevice(_ pool: Operand) -> String {
    if case .dmaPool(let id) = value(pool),
      let live = machine.dma.dmaPools.first(where: { $0.id == id })
    {
      return live.device
    }
    return ""
  }

  private func ret(_ value: Value?) -> String {
    switch value {
    case .pointer, .dmaPool, .page: "ret=ok"
    default: "ret=NULL"
    }
  }

  private func status(_ value: Value?) -> String {
    switch value {
    case .integer(let number): "ret=\(number)"
    case .error(let errno): "ret=-\(errno.rawValue)"
    default: "ret=0"
    }
  }

  /// The physical address behind a CPU pointer, classified.
  private func pointerPA(_ value: Value?) -> String {
    guard case .pointer(let virtual) = value,
      let translation = machine.memory.pageTable.translate(virtual)
    else { return "0x0" }
    return classify(translation.physical.rawValue)
  }

  /// A handle, classified by the physical address behind it.
  private func shown(_ value: Value?, device: String) -> String {
    guard case .dmaAddress(let handle) = value else { return "0x0" }
    let offset = machine.board.device(named: device)?.dmaOffset ?? 0
    return classify(handle.rawValue &+ offset, printing: handle.rawValue)
  }

  /// `printing` in hex when `physical` is CMA or swiotlb memory; `slab` for a slab object;
  /// else `page+0xOFF`.
  func classify(_ physical: UInt64, printing: UInt64? = nil) -> String {
    let shown = printing ?? physical
    let exact = "0x" + String(shown, radix: 16)
    for area in machine.allocators.cmaAreas {
      let base = area.basePFN << 12
      if physical >= base, physical - base < area.count << 12 { return exact }
    }
    if let pool = machine.dma.swiotlb, physical >= pool.start,
      physical - pool.start < UInt64(pool.slotCount) << SwiotlbPool.slotShift
    {
      return exact
    }
    if shown == 0 { return exact }
    let slab = machine.allocators.allocations.contains { allocation in
      allocation.allocator.hasPrefix("kmalloc-") && physical >= allocation.physical.rawValue
        && physical - allocation.physical.rawValue < max(allocation.reservedSize, 1)
    }
    if slab { return "slab" }
    let inPage = String(shown & 0xfff, radix: 16)
    return "page+0x" + String(repeating: "0", count: max(0, 3 - inPage.count)) + inPage
  }
}
