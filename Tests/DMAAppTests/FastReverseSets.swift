import DMAScenario
import DMASim

@testable import DMAApp

/// The breakpoint sets `FastReverseTests` compares over a lesson, one per kind: a function the
/// scenario calls, a function only the kernel runs, a line, the event catchpoints, each watch
/// kind (`watch`, `rwatch`, `awatch`, each by a different accessor), the state watchpoints, a
/// condition that holds at a call site and one that never holds.
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
    func add(_ label: String, _ kind: Breakpoint.Kind) {
      sets.append(BreakpointSet(label: label, breakpoints: [(kind, nil)]))
    }
    let actions = scenario.program.actions
    let called = distinct(
      actions.filter { !$0.operation.costsNoStep }.map(\.operation.functionName))
    // The middle call, so stops lie on both sides of it.
    if !called.isEmpty { add("break \(called[called.count / 2])", .call(called[called.count / 2])) }
    let kernelOnly = distinct(final.log.entries.map(\.function)).filter { !called.contains($0) }
    if let name = kernelOnly.last { add("break \(name) (kernel)", .call(name)) }
    let lines = distinct(actions.map(\.line).filter { $0 > 0 })
    if !lines.isEmpty { add("break line \(lines[lines.count / 2])", .line(lines[lines.count / 2])) }
    add("break violation", .violation)
    add("break complete", .descriptorComplete)
    add("break evict", .eviction)
    if let buffer = buffers(history.checkpoints + [final]).first {
      let size = min(buffer.size, 4096)
      let kinds: [(WatchAccess, WatchAccessor)] = [
        (.write, .either), (.read, .cpu), (.any, .device),
      ]
      for (access, accessor) in kinds {
        add(
          "\(access.command) \(Hex.prefixed(buffer.base)) \(size) \(accessor)",
          .watch(base: buffer.base, size: size, access: access, by: accessor))
      }
      add("watch dirty", .becomesDirty(buffer.base))
      add("watch differs", .cpuDiffersFromRAM(base: buffer.base, size: min(size, 256)))
    }
    return sets + conditionSets(scenario, called)
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

  /// The buffers that lived at a checkpoint (base and size), in first-seen order.
  static func buffers(_ states: [Machine]) -> [(base: UInt64, size: UInt64)] {
    var seen: [(base: UInt64, size: UInt64)] = []
    for state in states {
      for allocation in state.allocators.allocations where allocation.size > 0 {
        let item = (base: allocation.physical.rawValue, size: allocation.size)
        if !seen.contains(where: { $0.base == item.base }) { seen.append(item) }
      }
    }
    return seen
  }

  /// The values in first-seen order, each once.
  static func distinct<T: Hashable>(_ values: [T]) -> [T] {
    var seen: Set<T> = []
    return values.filter { seen.insert($0).inserted }
  }
}
