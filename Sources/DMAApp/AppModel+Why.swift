import DMAPanels
import DMASim

extension AppModel {
  /// `w`: the chain of events behind the highlighted cell of the focused panel.
  mutating func explainSelection() {
    if popup != nil {
      popup = nil
      return
    }
    switch focus {
    case .cache:
      let slots = CachePanel.validSlots(in: machine.memory.cache)
      guard slots.indices.contains(cacheSelection) else {
        message = "no cache line selected: every line is invalid"
        return
      }
      let line = machine.memory.cache.lineAddress(of: slots[cacheSelection])
      popup = Popup(title: "Why: cache line", lines: Why.cacheLine(line, in: machine))
    case .addressSpaces, .pageTable:
      guard let buffer = selectedBuffer else {
        message = "no live buffer to explain"
        return
      }
      popup = Popup(title: "Why: buffer \(buffer.name)", lines: Why.buffer(buffer, in: machine))
    case .cma:
      guard let area = machine.allocators.cmaAreas.first else {
        message = "no CMA area on this board"
        return
      }
      popup = Popup(
        title: "Why: CMA \(area.name)", lines: Why.cmaPage(cmaCursorPage, area: area, in: machine))
    case .queues:
      guard let reference = explainedDescriptor else {
        message = "no descriptor yet"
        return
      }
      popup = Popup(title: "Why: descriptor", lines: Why.descriptor(reference, in: machine))
    case .log:
      guard let entry = machine.log.suffix(logScroll + 1).first else { return }
      popup = Popup(title: "Why: log entry", lines: Why.logEntry(entry, in: machine))
    }
  }

  /// The descriptor find selected while it lives, else the newest descriptor of any channel.
  private var explainedDescriptor: DescriptorRef? {
    if case .descriptor(let reference) = selectedDescriptor, machine.descriptor(reference) != nil {
      return reference
    }
    var newest: DescriptorRef?
    for reference in machine.descriptorReferences where reference.id > (newest?.id ?? 0) {
      newest = reference
    }
    return newest
  }
}
