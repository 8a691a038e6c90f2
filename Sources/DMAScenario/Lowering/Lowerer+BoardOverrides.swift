import DMASim

/// A `cache` or `device` statement, kept so that a later `board` or `cmdline` (which boots the
/// board again) keeps the override.
struct BoardOverride: Hashable, Sendable {
  /// `cache` or `device`.
  var keyword: String
  /// The statement's arguments.
  var arguments: [Expression]
  /// The statement's keyword.
  var range: SourceRange
}

extension Lowerer {
  /// The options `cache` accepts, for errors and suggestions.
  static let cacheOptions = ["size", "ways", "line", "replacement", "policy", "write_allocate"]
  /// The flags and options `device NAME` accepts.
  static let deviceOptions = ["coherent", "noncoherent", "absent", "mask", "coherent_mask"]

  /// `cache size=32K ways=4 line=64 replacement=lru policy=writeback write_allocate=on` or
  /// `device spi0 coherent mask=32`: changes the board's hardware before it boots.
  mutating func lowerBoardOverride(
    _ keyword: String, _ arguments: [Expression], _ range: SourceRange
  ) {
    if actions.contains(where: { !$0.operation.costsNoStep }) {
      error(
        "`\(keyword)` changes the board, so it must come before the first call", at: range,
        hint: "move it up, after `board` and `cmdline`: the machine boots with it")
      return
    }
    let applied = keyword == "cache" ? applyCache(arguments, range) : applyDevice(arguments, range)
    if applied {
      boardOverrides.append(BoardOverride(keyword: keyword, arguments: arguments, range: range))
    }
  }

  /// Applies the overrides seen so far again, after `board` or `cmdline` booted a new board.
  mutating func reapplyBoardOverrides() {
    for override in boardOverrides {
      _ =
        override.keyword == "cache"
        ? applyCache(override.arguments, override.range)
        : applyDevice(override.arguments, override.range)
    }
  }

  /// One `name=value` option, or nil with an error.
  private mutating func option(
    _ argument: Expression, _ keyword: String, _ known: [String]
  ) -> (name: String, nameRange: SourceRange, value: Expression)? {
    guard case .binary(.equal, let lhs, let rhs) = argument.kind,
      case .identifier(let name) = lhs.kind
    else {
      error(
        "expected `name=value` in `\(keyword)`", at: argument.range,
        hint: "options: \(known.map { "\($0)=" }.joined(separator: ", "))")
      return nil
    }
    guard known.contains(name) else {
      error(
        "`\(keyword)` has no option `\(name)`", at: lhs.range,
        hint: NameSuggestion.nearest(to: name, in: known).map { "did you mean `\($0)`?" }
          ?? "options: \(known.joined(separator: ", "))")
      return nil
    }
    return (name, lhs.range, rhs)
  }

  /// An identifier value among `choices`, or nil with an error at the value.
  private mutating func choice(
    _ value: Expression, _ name: String, _ choices: [String]
  ) -> String? {
    if case .identifier(let text) = value.kind, choices.contains(text) { return text }
    if case .integer(let number) = value.kind, choices == ["on", "off"], number <= 1 {
      return number == 1 ? "on" : "off"
    }
    var written = "this"
    if case .identifier(let text) = value.kind { written = "`\(text)`" }
    error(
      "\(written) is not a value of `\(name)`", at: value.range,
      hint: "`\(name)` is one of: \(choices.joined(separator: ", "))")
    return nil
  }

  private mutating func applyCache(_ arguments: [Expression], _ range: SourceRange) -> Bool {
    guard !arguments.isEmpty else {
      error(
        "`cache` needs at least one option", at: range,
        hint: "for example `cache size=32K ways=4 line=64`")
      return false
    }
    var geometry = board.cache
    var ranges: [CacheGeometryProblem.Field: SourceRange] = [:]
    for argument in arguments {
      guard let (name, _, value) = option(argument, "cache", Self.cacheOptions) else {
        return false
      }
      switch name {
      case "size", "ways", "line":
        guard let number = integer(value), number <= 1 << 30 else {
          error(
            "`\(name)` must be a constant from 1 to 1G", at: value.range,
            hint: "for example `size=32K`, `ways=4`, `line=64`")
          return false
        }
        if name == "size" {
          geometry.size = Int(number)
          ranges[.size] = value.range
        } else if name == "ways" {
          geometry.ways = Int(number)
          ranges[.ways] = value.range
        } else {
          geometry.lineSize = Int(number)
          ranges[.lineSize] = value.range
        }
      case "replacement":
        guard choice(value, name, ["lru"]) != nil else { return false }
      case "policy":
        guard let text = choice(value, name, ["writeback", "writethrough"]) else { return false }
        geometry.writePolicy = text == "writeback" ? .writeBack : .writeThrough
      default:
        guard let text = choice(value, name, ["on", "off"]) else { return false }
        geometry.allocateOnWrite = text == "on"
      }
    }
    if let problem = geometry.problem {
      error(problem.message, at: ranges[problem.field] ?? range, hint: problem.hint)
      return false
    }
    board.cache = geometry
    return true
  }

  private mutating func applyDevice(_ arguments: [Expression], _ range: SourceRange) -> Bool {
    guard let first = arguments.first else {
      error(
        "`device` needs a device name and what to change", at: range,
        hint: "for example `device spi0 coherent` or `device spi0 mask=32`")
      return false
    }
    guard let name = device(first),
      let index = board.devices.firstIndex(where: { $0.name == name })
    else { return false }
    guard arguments.count > 1 else {
      error(
        "`device \(name)` needs something to change", at: first.range,
        hint: "one of: \(Self.deviceOptions.joined(separator: ", "))")
      return false
    }
    var spec = board.devices[index]
    var absent = false
    for argument in arguments.dropFirst() {
      if case .identifier(let flag) = argument.kind {
        switch flag {
        case "coherent": spec.coherent = true
        case "noncoherent": spec.coherent = false
        case "absent": absent = true
        default:
          error(
            "`device` has no flag `\(flag)`", at: argument.range,
            hint: NameSuggestion.nearest(to: flag, in: Self.deviceOptions).map {
              "did you mean `\($0)`?"
            } ?? "one of: \(Self.deviceOptions.joined(separator: ", "))")
          return false
        }
        continue
      }
      guard let (option, _, value) = option(argument, "device", ["mask", "coherent_mask"]) else {
        return false
      }
      guard let bits = integer(value), (1...64).contains(bits) else {
        error(
          "`\(option)` is a mask width in bits, from 1 to 64", at: value.range,
          hint: "for example `\(option)=32` for DMA_BIT_MASK(32)")
        return false
      }
      if option == "mask" {
        spec.dmaMaskBits = Int(bits)
      } else {
        spec.coherentMaskBits = Int(bits)
      }
    }
    if absent {
      guard arguments.count == 2 else {
        error(
          "an absent device has nothing else to change", at: range,
          hint: "write `device \(name) absent` on its own")
        return false
      }
      board.devices.remove(at: index)
    } else {
      board.devices[index] = spec
    }
    return true
  }
}
