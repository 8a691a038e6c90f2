import DMAScenario
import DMASim

/// Walks a scenario's actions and writes the C statements of `dmascope_scenario`, collecting
/// the variables it declares and a refusal for every call it cannot export.
struct ModuleWriter {
  let scenario: Scenario
  /// The one device the calls use.
  private(set) var device: DeviceSpec?
  private(set) var refusals: [ExportRefusal] = []
  private(set) var body: [String] = []
  private var types: [String: CVariableType] = [:]
  private var order: [String] = []

  init(scenario: Scenario) { self.scenario = scenario }

  /// The declarations, in the order the variables first appear.
  var declarations: [String] { order.compactMap { name in types[name]?.declaration(c(name)) } }

  mutating func writeAll() {
    for action in scenario.program.actions { write(action) }
  }

  /// The C name of a scenario variable (prefixed, so no name clashes with C or the kernel).
  func c(_ name: String) -> String { "v_" + name }

  private mutating func declare(_ name: String?, _ type: CVariableType) -> String {
    guard let name else {
      let temporary = "_l\(body.count)"
      declareNamed(temporary, type)
      return c(temporary)
    }
    declareNamed(name, type)
    return c(name)
  }

  private mutating func declareNamed(_ name: String, _ type: CVariableType) {
    if types[name] == nil { order.append(name) }
    types[name] = type
  }

  /// The C expression for an operand.
  private func operand(_ operand: Operand) -> String {
    switch operand {
    case .variable(let name): return c(name)
    case .literal(let value):
      switch value {
      case .error(.null): return "NULL"
      case .integer(let number): return "\(number)"
      case .dmaAddress(let address): return "(dma_addr_t)0x\(String(address.rawValue, radix: 16))"
      default: return "0"
      }
    case .offset(let base, let bytes):
      if case .variable(let name) = base, types[name] == .pointer {
        return "((u8 *)\(c(name)) + \(bytes))"
      }
      return "(\(self.operand(base)) + \(bytes))"
    }
  }

  private mutating func refuse(_ action: Action, _ message: String, hint: String? = nil) {
    let name = action.operation.functionName
    var column = 1
    if action.line >= 1, action.line <= scenario.sourceLines.count {
      let text = scenario.sourceLines[action.line - 1]
      if let range = text.firstRange(of: name + "(") ?? text.firstRange(of: name) {
        column = text.distance(from: text.startIndex, to: range.lowerBound) + 1
      }
    }
    refusals.append(
      ExportRefusal(
        fileName: scenario.fileName, line: action.line, column: column, message: message,
        hint: hint
          ?? ("a module can perform " + ModuleExporter.exportable.joined(separator: ", ")
            + "; remove this statement or run it in dmascope only")))
  }

  /// Checks the call's device: every call uses one device of the tree, not behind an IOMMU.
  private mutating func use(_ name: String, _ action: Action) -> Bool {
    guard let spec = scenario.board.device(named: name) else {
      refuse(action, "`\(name)` is not a device of the board", hint: "name a device of the tree")
      return false
    }
    if let device, device.name != spec.name {
      refuse(
        action,
        "`\(name)` is a second device; an exported module drives one (`\(device.name)`)",
        hint: "split the scenario in one file per device")
      return false
    }
    if spec.node == nil {
      refuse(
        action, "`\(name)` is not a device-tree node, so a real kernel has no such device",
        hint: "use a board from a device tree with a node such as "
          + "`dmascope-dev { compatible = \"dmascope,module\"; };`")
      return false
    }
    if spec.iommu != nil || !spec.iommuReferences.isEmpty {
      refuse(
        action, "`\(name)` is behind an IOMMU, which QEMU's virt machine does not give it",
        hint: "use a device without `iommus`")
      return false
    }
    device = spec
    return true
  }

  private mutating func emit(_ action: Action, _ lines: [String]) {
    body.append("\t/* line \(action.line): \(ModuleSource.comment(action.text)) */")
    body += lines.map { "\t" + $0 }
  }

  /// An unmap or sync call, `FUNCTION(dev, handle, size, direction);`, and its trace line (no
  /// fields: these calls return nothing).
  private mutating func emitHandleCall(
    _ action: Action, handle: Operand, size: UInt64, direction: DMADataDirection
  ) {
    let call = action.operation.functionName
    emit(
      action,
      [
        "\(call)(dev, \(operand(handle)), \(size), \(direction.kernelName));",
        trace(action, []),
      ])
  }

  /// One `pr_info` in the trace format: `fields` are (key, printf conversion, C argument).
  private func trace(_ action: Action, _ fields: [(String, String, String)]) -> String {
    let name = action.operation.functionName
    let format = (["dmascope: L\(action.line) \(name)"] + fields.map { "\($0.0)=\($0.1)" })
      .joined(separator: " ")
    let arguments = fields.map { ", " + $0.2 }.joined()
    return "pr_info(\"\(format)\\n\"\(arguments));"
  }

  private func ret(_ pointer: String) -> (String, String, String) {
    ("ret", "%s", "\(pointer) ? \"ok\" : \"NULL\"")
  }
  private func hex(_ key: String, _ value: String) -> (String, String, String) {
    (key, "0x%llx", "(unsigned long long)(\(value))")
  }
  private func status(_ value: String) -> (String, String, String) { ("ret", "%d", value) }

  // swiftlint-style: one switch over every operation; non-calls become comments.
  private mutating func write(_ action: Action) {
    switch action.operation {
    case .say, .pause, .expect, .ask:
      return
    case .kmalloc(let size, let flags):
      let v = declare(action.result, .pointer)
      emit(
        action,
        [
          "\(v) = kmalloc(\(size), \(flags.kernelText));",
          trace(action, [ret(v), hex("pa", "dmascope_pa(\(v))")]),
        ])
    case .kfree(let pointer):
      emit(action, ["kfree(\(operand(pointer)));", trace(action, [])])
    case .cpuWrite(let pointer, let offset, let bytes):
      let literal = bytes.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
      emit(
        action,
        [
          "{ static const u8 b[] = { \(literal) }; "
            + "memcpy((u8 *)\(operand(pointer)) + \(offset), b, sizeof(b)); }",
          trace(action, []),
        ])
    case .dmaAllocCoherent(let name, let size, let handle, let flags, let writeCombine):
      guard use(name, action) else { return }
      let v = declare(action.result, .pointer)
      let h = declare(handle, .handle)
      let call = writeCombine ? "dma_alloc_wc" : "dma_alloc_coherent"
      emit(
        action,
        [
          "\(v) = \(call)(dev, \(size), &\(h), \(flags.kernelText));",
          trace(action, [ret(v), hex("handle", h), hex("pa", "dmascope_pa(\(v))")]),
        ])
    case .dmaFreeCoherent(let name, let size, let pointer, let handle):
      guard use(name, action) else { return }
      emit(
        action,
        [
          "dma_free_coherent(dev, \(size), \(operand(pointer)), \(operand(handle)));",
          trace(action, []),
        ])
    case .dmaMapSingle(let name, let pointer, let size, let direction):
      guard use(name, action) else { return }
      let h = declare(action.result, .handle)
      let p = operand(pointer)
      emit(
        action,
        [
          "\(h) = dma_map_single(dev, \(p), \(size), \(direction.kernelName));",
          trace(action, [hex("handle", h), hex("pa", "dmascope_pa(\(p))")]),
        ])
    case .dmaUnmapSingle(let name, let handle, let size, let direction),
      .dmaUnmapPage(let name, let handle, let size, let direction),
      .dmaSyncSingleForCPU(let name, let handle, let size, let direction),
      .dmaSyncSingleForDevice(let name, let handle, let size, let direction):
      guard use(name, action) else { return }
      emitHandleCall(action, handle: handle, size: size, direction: direction)
    case .dmaMappingError(let name, let handle):
      guard use(name, action) else { return }
      let r = declare(action.result, .status)
      emit(
        action,
        ["\(r) = dma_mapping_error(dev, \(operand(handle)));", trace(action, [status(r)])])
    case .dmaSetMask(let name, let mask, let kind):
      guard use(name, action) else { return }
      let r = declare(action.result, .status)
      emit(
        action,
        [
          "\(r) = \(kind.functionName)(dev, 0x\(String(mask, radix: 16))ULL);",
          trace(action, [status(r)]),
        ])
    case .dmaPoolCreate(let poolName, let name, let size, let align, let boundary):
      guard use(name, action) else { return }
      let v = declare(action.result, .pool)
      emit(
        action,
        [
          "\(v) = dma_pool_create(\"\(ModuleSource.cString(poolName))\", dev, \(size), "
            + "\(align), \(boundary));",
          trace(action, [ret(v)]),
        ])
    case .dmaPoolAlloc(let pool, let flags, let handle, let zero):
      let v = declare(action.result, .pointer)
      let h = declare(handle, .handle)
      let call = zero ? "dma_pool_zalloc" : "dma_pool_alloc"
      emit(
        action,
        [
          "\(v) = \(operand(pool)) ? \(call)(\(operand(pool)), \(flags.kernelText), &\(h)) : NULL;",
          trace(action, [ret(v), hex("handle", h), hex("pa", "dmascope_pa(\(v))")]),
        ])
    case .dmaPoolFree(let pool, let pointer, let handle):
      emit(
        action,
        [
          "dma_pool_free(\(operand(pool)), \(operand(pointer)), \(operand(handle)));",
          trace(action, []),
        ])
    case .dmaPoolDestroy(let pool):
      emit(action, ["dma_pool_destroy(\(operand(pool)));", trace(action, [])])
    case .allocPages(let order, let flags):
      let v = declare(action.result, .page)
      emit(
        action,
        [
          "\(v) = alloc_pages(\(flags.kernelText), \(order));",
          trace(action, [ret(v), hex("pa", "\(v) ? page_to_phys(\(v)) : 0")]),
        ])
    case .freePages(let page, let order):
      emit(action, ["__free_pages(\(operand(page)), \(order));", trace(action, [])])
    case .pageAddress(let page):
      let v = declare(action.result, .pointer)
      emit(
        action,
        [
          "\(v) = page_address(\(operand(page)));",
          trace(action, [ret(v), hex("pa", "dmascope_pa(\(v))")]),
        ])
    case .virtToPage(let pointer, let vmalloc):
      let v = declare(action.result, .page)
      let call = vmalloc ? "vmalloc_to_page" : "virt_to_page"
      emit(
        action,
        [
          "\(v) = \(call)(\(operand(pointer)));",
          trace(action, [ret(v), hex("pa", "\(v) ? page_to_phys(\(v)) : 0")]),
        ])
    case .virtToPhys(let pointer):
      let v = declare(action.result, .physical)
      emit(
        action,
        ["\(v) = virt_to_phys(\(operand(pointer)));", trace(action, [hex("pa", v)])])
    case .dmaMapPage(let name, let page, let offset, let size, let direction):
      guard use(name, action) else { return }
      let h = declare(action.result, .handle)
      let p = operand(page)
      emit(
        action,
        [
          "\(h) = dma_map_page(dev, \(p), \(offset), \(size), \(direction.kernelName));",
          trace(action, [hex("handle", h), hex("pa", "page_to_phys(\(p)) + \(offset)")]),
        ])
    case .cmaAlloc, .cmaRelease:
      refuse(
        action, "`\(action.operation.functionName)` is not exported to modules",
        hint: "a module reaches CMA through dma_alloc_coherent of more than one page "
          + "(dma_direct_alloc → dma_alloc_contiguous, kernel/dma/contiguous.c)")
    default:
      refuse(action, "`\(action.operation.functionName)` cannot be exported to a kernel module")
    }
  }
}
