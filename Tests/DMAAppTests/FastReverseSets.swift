import DMAScenario
import DMASim

@testable import DMAApp

/// The breakpoint sets `FastReverseTests` compares over a lesson: functions (scenario calls and
/// functions only the kernel runs), lines, the event catchpoints, every watch kind and
/// accessor on the lesson's buffers, the state watchpoints, conditions that hold at some call
/// sites and one that never holds, and all of them at once.
enum FastReverseSets {
  /// One set of breakpoints, with a label for failure messages.
  struct BreakpointSet {
    var label: String
    var breakpoints: [(Breakpoint.Kind, BreakCondition?)]
  }

  /// The sets for a compiled lesson whose run ended in `final` (its history's checkpoints
  /// show the buffers that lived on the way).
  static func breakpointSets(_ scenario: Scenario, final: Machine, history: History)
    -> [BreakpointSet]
  {
    var sets: [BreakpointSet] = []
    func add(_ label: String, _ kinds: [Breakpoint.Kind]) {
      sets.append(BreakpointSet(label: label, breakpoints: kinds.map { ($0, nil) }))
    }
    let actions = scenario.program.actions
    let called = distinct(
      actions.filter { !$0.operation.costsNoStep }.map(\.operation.functionName))
    for name in spread(called, 6) { add("break \(name)", [.call(name)]) }
    let kernelOnly = distinct(final.log.entries.map(\.function)).filter { !called.contains($0) }
    for name in spread(kernelOnly, 3) { add("break \(name) (kernel)", [.call(name)]) }
    let lines = distinct(actions.map(\.line).filter { $0 > 0 })
    for line in spread(lines, 3) { add("break line \(line)", [.line(line)]) }
    add("break violation", [.violation])
    add("break complete", [.descriptorComplete])
    add("break evict", [.eviction])
    let kinds: [(WatchAccess, WatchAccessor)] = [
      (.write, .either), (.read, .cpu), (.any, .device), (.write, .device), (.read, .either),
      (.any, .cpu), (.write, .cpu), (.read, .device),
    ]
    for buffer in buffers(history.checkpoints + [final]) {
      let size = min(buffer.size, 4096)
      for (access, accessor) in kinds {
        add(
          "\(access.command) \(Hex.prefixed(buffer.base)) \(size) \(accessor)",
          [.watch(base: buffer.base, size: size, access: access, by: accessor)])
      }
      if size > 72 {
        add(
          "awatch 8 bytes at +64",
          [.watch(base: buffer.base + 64, size: 8, access: .any, by: .either)])
      }
      add("watch dirty", [.becomesDirty(buffer.base)])
      add("watch differs", [.cpuDiffersFromRAM(base: buffer.base, size: min(size, 256))])
    }
    sets += conditionSets(scenario, called)
    sets.append(
      BreakpointSet(label: "all at once", breakpoints: sets.flatMap(\.breakpoints)))
    return sets
  }

  /// For the call made most often: a condition on its first parameter that holds at its first
  /// site (and perhaps others), and one that never holds anywhere.
  static func conditionSets(_ scenario: Scenario, _ called: [String]) -> [BreakpointSet] {
    let actions = scenario.program.actions
    let counted = called.map { name in
      (name, actions.filter { $0.operation.functionName == name }.count)
    }.filter { CallRegistry.declaration(named: $0.0)?.parameters.isEmpty == false }
    guard let (name, _) = counted.max(by: { $0.1 < $1.1 }),
      let declaration = CallRegistry.declaration(named: name),
      let site = actions.first(where: { $0.operation.functionName == name })
    else { return [] }
    let parameters = BreakConditionCompiler.parameterNames(declaration.parameterList)
    let bound = BreakConditionCompiler.arguments(
      of: site.text, function: name, parameters: parameters)
    var texts = ["swiotlb_used() == 123457"]
    if let parameter = parameters.first, let value = bound[parameter] {
      texts.append("\(parameter) == \(value)")
      texts.append("\(parameter) != \(value)")
    }
    return texts.compactMap { text in
      let kind = Breakpoint.Kind.call(name)
      guard
        case .success(let condition) = BreakConditionCompiler.compile(
          text, for: kind, scenario: scenario)
      else { return nil }
      return BreakpointSet(label: "break \(name) if \(text)", breakpoints: [(kind, condition)])
    }
  }

  /// The first and the last buffer that lived at a checkpoint (base and size).
  static func buffers(_ states: [Machine]) -> [(base: UInt64, size: UInt64)] {
    var seen: [(base: UInt64, size: UInt64)] = []
    for state in states {
      for allocation in state.allocations where allocation.size > 0 {
        let item = (base: allocation.physical.rawValue, size: allocation.size)
        if !seen.contains(where: { $0.base == item.base }) { seen.append(item) }
      }
    }
    return seen.count <= 2 ? seen : [seen[0], seen[seen.count - 1]]
  }

  /// The values in first-seen order, each once.
  static func distinct<T: Hashable>(_ values: [T]) -> [T] {
    var seen: Set<T> = []
    return values.filter { seen.insert($0).inserted }
  }

  /// At most `count` values spread evenly over the list (first and last included).
  static func spread<T>(_ values: [T], _ count: Int) -> [T] {
    guard values.count > count, count > 1 else { return values }
    return (0..<count).map { values[$0 * (values.count - 1) / (count - 1)] }
  }
}
