/// One call of the scenario language, declared once: the arity and label checks, suggestions,
/// `dmascope check --help` and README's language reference all come from this.
public struct CallDeclaration: Sendable {
  /// The kernel function name.
  public var name: String
  /// The parameters in order; positional ones first as written, labelled ones anywhere.
  public var parameters: [CallParameter]
  /// What `x = call(…)` assigns, or nil when the call returns nothing to assign.
  var returns: ValueKind?
  /// Where its lowering lives.
  var lowering: CallLowering
  /// The one-line summary README and the help show.
  public var summary: String

  init(
    _ name: String, _ parameters: [CallParameter], returns: ValueKind?, lowering: CallLowering,
    summary: String
  ) {
    self.name = name
    self.parameters = parameters
    self.returns = returns
    self.lowering = lowering
    self.summary = summary
  }

  /// The positional parameters, in order.
  public var positional: [CallParameter] { parameters.filter { !$0.isLabelled } }
  /// The names a `name=value` argument may use.
  public var labels: [String] { parameters.filter(\.isLabelled).map(\.name) }
  /// The parameter list as written in the reference: `dev, ptr, size, dir`.
  public var parameterList: String { parameters.map(\.written).joined(separator: ", ") }
  /// The call as written in the reference: `dma_map_single(dev, ptr, size, dir)`.
  public var signature: String { "\(name)(\(parameterList))" }
  /// What the call returns, in words (`a CPU pointer`), or nil.
  public var returnDescription: String? { returns?.rawValue }
}
