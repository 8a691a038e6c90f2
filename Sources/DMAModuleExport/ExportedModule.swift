/// A kernel module written from a scenario: its C source and the Kbuild file that builds it.
public struct ExportedModule: Hashable, Sendable {
  /// The module's name (`<name>.c`, `<name>.ko`).
  public var name: String
  /// The C source.
  public var source: String
  /// `obj-m += <name>.o`.
  public var kbuild: String
  /// The compatible string the module's platform driver binds to (the scenario's device).
  public var compatible: String
}
