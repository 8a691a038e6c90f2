import DMAPanels
import DMASim
import TermCanvas

extension AppModel {
  /// Edits the open `/` find line with one key; Enter runs the search.
  mutating func editFindLine(_ key: Key) -> [Effect] {
    let text = findLine ?? ""
    switch key {
    case .escape:
      findLine = nil
    case .enter:
      findLine = nil
      findHistory.add(text)
      find(text)
    case .up:
      if let older = findHistory.older(than: text) { findLine = older }
    case .down:
      if let newer = findHistory.newer() { findLine = newer }
    case .tab:
      let names = machine.program.actions.compactMap(\.result) + ["cookie"]
      let outcome = LineCompletion.complete(text, among: names)
      findLine = outcome.text
      message = outcome.candidates.isEmpty ? nil : outcome.candidates.joined(separator: " ")
    case .backspace:
      if text.isEmpty { findLine = nil } else { findLine = String(text.dropLast()) }
    case .character(let character):
      if text.count < 80 { findLine = text + String(character) }
    default:
      break
    }
    return []
  }

  /// Searches for an address, a variable or a cookie and selects the first match.
  public mutating func find(_ query: String) {
    findMatches = Finder.matches(for: query, in: machine)
    findIndex = 0
    guard !findMatches.isEmpty else {
      if findInLog(query) { return }
      message =
        "/\(query): nothing found (try an address, a buffer variable, cookie N, or log text)"
      return
    }
    select(findMatches[0], query: query)
  }

  /// Moves to the next (or previous) match of the last find.
  mutating func cycleFind(by offset: Int) {
    guard !findMatches.isEmpty else {
      message = "no search yet: press / to find an address, a buffer or a cookie"
      return
    }
    findIndex = (findIndex + offset + findMatches.count) % findMatches.count
    select(findMatches[findIndex], query: nil)
  }

  private mutating func select(_ match: FindMatch, query: String?) {
    let position = findMatches.count > 1 ? " [\(findIndex + 1)/\(findMatches.count)]" : ""
    let prefix = query.map { "/\($0): " } ?? ""
    if case .descriptor = match {} else { selectedDescriptor = nil }
    switch match {
    case .buffer(let id, let how):
      selectedBufferID = id
      cmaCursor = nil
      focus = .addressSpaces
      let name = machine.allocators.allocations.first { $0.id == id }?.name ?? "?"
      message = "\(prefix)buffer \(name) (by \(how))\(position)"
    case .cacheLine(let line):
      let slots = CachePanel.validSlots(in: machine.memory.cache)
      if let index = slots.firstIndex(where: { machine.memory.cache.lineAddress(of: $0) == line }) {
        cacheSelection = index
      }
      focus = .cache
      message = "\(prefix)cache line \(line.hex)\(position)"
    case .cmaPage(let page):
      cmaCursor = page
      focus = .cma
      message =
        "\(prefix)CMA page \(page) (pfn \(Hex.prefixed(page + (machine.allocators.cmaAreas.first?.basePFN ?? 0))))\(position)"
    case .descriptor(let reference):
      selectedDescriptor = match
      focus = .queues
      let virtual = machine.virtualChannel(reference.channel)
      let cookie = machine.descriptor(reference)?.cookie ?? 0
      let place = virtual?.place(of: reference.id).map { " (\($0.listName))" } ?? ""
      message =
        "\(prefix)txd d\(reference.id) cookie \(cookie) on "
        + "\(virtual?.name ?? reference.channel.description)\(place)\(position)"
    }
  }
}

extension AppModel {
  /// With nothing live to select, searches the retained event log's text (function and
  /// message, case-insensitive) and scrolls the log to the newest matching line.
  mutating func findInLog(_ query: String) -> Bool {
    let needle = query.trimmingSpaces.lowercased()
    guard !needle.isEmpty else { return false }
    let entries = machine.log.entries
    let hits = entries.indices.filter {
      entries[$0].message.lowercased().contains(needle)
        || entries[$0].function.lowercased().contains(needle)
    }
    guard let newest = hits.last else { return false }
    focus = .log
    logScroll = entries.count - 1 - newest
    let entry = entries[newest]
    let more = hits.count > 1 ? " (\(hits.count) lines match; Up/Down scroll the log)" : ""
    message = "/\(query): log, step \(entry.step): \(entry.function): \(entry.message)\(more)"
    return true
  }
}
