extension DMAController {
  /// The controller's broken rules: each descriptor on exactly one virt-dma list (or the
  /// active one), list entries naming live descriptors, physical and virtual channel bindings
  /// that agree.
  func invariantViolations() -> [String] {
    var problems: [String] = []
    for (index, vchan) in virtualChannels.enumerated() {
      var seen: [Int: Int] = [:]
      let places = [
        vchan.allocated, vchan.submitted, vchan.issued, vchan.completed, vchan.terminated,
      ]
      for id in places.joined() { seen[id, default: 0] += 1 }
      if let active = vchan.active { seen[active, default: 0] += 1 }
      for (id, count) in seen.sorted(by: { $0.key < $1.key }) {
        if count != 1 { problems.append("\(vchan.name): txd d\(id) is on \(count) lists") }
        if vchan.descriptors[id] == nil {
          problems.append("\(vchan.name): txd d\(id) listed but freed")
        }
      }
      for id in vchan.descriptors.keys.sorted() where seen[id] == nil {
        problems.append("\(vchan.name): txd d\(id) is on no list")
      }
      if let physical = vchan.physicalChannel,
        physicalChannels.indices.contains(physical),
        physicalChannels[physical].virtualChannel != index
      {
        problems.append("\(vchan.name): bound to ch\(physical), which does not point back")
      }
    }
    for pchan in physicalChannels {
      if let channel = pchan.virtualChannel,
        virtualChannels[channel].physicalChannel != pchan.index
      {
        problems.append("\(name) ch\(pchan.index): bound to a channel that disagrees")
      }
    }
    return problems
  }
}
