extension KernelConfig {
  /// A Kconfig setting dmascope cannot take, with a hint.
  public struct SettingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// How to write it.
    public var hint: String
    /// The message.
    public var description: String { message }
  }

  /// The options `setting(_:)` understands, without `CONFIG_`.
  public static let optionNames = [
    "CMA_SIZE_MBYTES", "CMA_SIZE_PERCENTAGE", "CMA_SIZE_SEL_MBYTES", "CMA_SIZE_SEL_PERCENTAGE",
    "CMA_SIZE_SEL_MIN", "CMA_SIZE_SEL_MAX", "CMA_ALIGNMENT", "CMA_AREAS",
    "DMA_BOUNCE_UNALIGNED_KMALLOC", "SWIOTLB_DYNAMIC", "ZONE_DEVICE",
  ]

  /// Reads a configuration: a comma-separated list of a named set (`defaults`, `debian`)
  /// and `[CONFIG_]NAME=VALUE` settings applied in order on top of it, e.g.
  /// `debian,CMA_SIZE_MBYTES=32`.
  public static func parse(_ text: String, for version: KernelVersion) throws(SettingError)
    -> KernelConfig
  {
    var config = KernelConfig.defaults(for: version)
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let word = item.trimmingSpaces
      if let named = KernelConfig.named(word, for: version) {
        config = named
      } else {
        try config.apply(word)
      }
    }
    return config
  }

  /// Applies one `[CONFIG_]NAME=VALUE` setting (`y`/`n` for booleans).
  public mutating func apply(_ setting: String) throws(SettingError) {
    guard let equals = setting.firstIndex(of: "=") else {
      throw SettingError(
        message: "unknown configuration '\(setting)'",
        hint: "use a set (\(Self.setNames.joined(separator: ", "))) or NAME=VALUE, "
          + "e.g. CMA_SIZE_MBYTES=64")
    }
    var name = String(setting[..<equals])
    if name.hasPrefix("CONFIG_") { name.removeFirst(7) }
    let value = String(setting[setting.index(after: equals)...])
    switch name {
    case "CMA_SIZE_MBYTES": cmaSizeMegabytes = try Self.number(name, value, maximum: 1 << 30)
    case "CMA_SIZE_PERCENTAGE": cmaSizePercentage = try Self.number(name, value, maximum: 100)
    case "CMA_ALIGNMENT": cmaAlignment = Int(try Self.number(name, value, maximum: 12))
    case "CMA_AREAS": cmaAreas = Int(try Self.number(name, value, maximum: 255))
    case "DMA_BOUNCE_UNALIGNED_KMALLOC": dmaBounceUnalignedKmalloc = try Self.flag(name, value)
    case "SWIOTLB_DYNAMIC": swiotlbDynamic = try Self.flag(name, value)
    case "ZONE_DEVICE": zoneDevice = try Self.flag(name, value)
    case "CMA_SIZE_SEL_MBYTES", "CMA_SIZE_SEL_PERCENTAGE", "CMA_SIZE_SEL_MIN", "CMA_SIZE_SEL_MAX":
      guard try Self.flag(name, value) else {
        throw SettingError(
          message: "CONFIG_\(name) is one choice of CMA_SIZE_SEL_* and cannot be n",
          hint: "set the one you want to y, e.g. CMA_SIZE_SEL_PERCENTAGE=y")
      }
      let choice = name.dropFirst("CMA_SIZE_SEL_".count).lowercased()
      cmaSizeSelection = CMASizeSelection(rawValue: choice) ?? .mbytes
    default:
      throw SettingError(
        message: "unknown configuration option CONFIG_\(name)",
        hint: "known: " + Self.optionNames.joined(separator: ", "))
    }
  }

  private static func number(_ name: String, _ value: String, maximum: UInt64)
    throws(SettingError) -> UInt64
  {
    guard let number = UInt64(value), number <= maximum else {
      throw SettingError(
        message: "CONFIG_\(name)=\(value) is not a number from 0 to \(maximum)",
        hint: "write CONFIG_\(name)=N in decimal")
    }
    return number
  }

  private static func flag(_ name: String, _ value: String) throws(SettingError) -> Bool {
    switch value {
    case "y": return true
    case "n": return false
    default:
      throw SettingError(
        message: "CONFIG_\(name)=\(value) must be y or n", hint: "write CONFIG_\(name)=y")
    }
  }
}

extension Substring {
  /// Without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
