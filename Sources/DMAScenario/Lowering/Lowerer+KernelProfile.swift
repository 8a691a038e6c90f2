import DMASim

extension Lowerer {
  /// `kernel 6.1`: the release whose early memory setup device-tree boards follow where
  /// releases differ (swiotlb, reserved-memory order, log lines, early allocations). Keeps
  /// the Kconfig set chosen so far, re-read for the new release.
  mutating func lowerKernel(_ arguments: [Expression], _ range: SourceRange) {
    let names = KernelVersion.allCases.map(\.rawValue)
    guard arguments.count == 1, let text = Self.versionText(arguments[0]),
      let version = KernelVersion.named(text)
    else {
      error(
        "`kernel` takes one release: \(names.joined(separator: ", "))", at: range,
        hint: "for example `kernel 6.1`")
      return
    }
    let config =
      (try? KernelConfig.parse(configText ?? "defaults", for: version))
      ?? .defaults(for: version)
    bootProfile = bootProfile.with(kernel: version, config: config)
    if boardRequest != nil { resolveBoard() }
  }

  /// `config "debian,CMA_SIZE_MBYTES=32"`: Kconfig values (a named set and `NAME=VALUE`
  /// settings) device-tree boards boot with.
  mutating func lowerConfig(_ arguments: [Expression], _ range: SourceRange) {
    guard arguments.count == 1, case .string(let text) = arguments[0].kind else {
      error(
        "`config` takes one string", at: range,
        hint: "for example `config \"debian\"` or `config \"debian,CMA_SIZE_MBYTES=32\"`")
      return
    }
    do {
      let config = try KernelConfig.parse(text, for: bootProfile.kernel)
      configText = text
      bootProfile = bootProfile.with(kernel: bootProfile.kernel, config: config)
    } catch {
      self.error(error.message, at: arguments[0].range, hint: error.hint)
      return
    }
    if boardRequest != nil { resolveBoard() }
  }

  /// The parser reads `kernel 6.1` as the string `"6.1"`; `kernel "6.12"` is one too.
  static func versionText(_ expression: Expression) -> String? {
    if case .string(let text) = expression.kind { return text }
    return nil
  }
}
