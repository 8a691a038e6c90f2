/// A lowered scenario: the actions the simulated CPU runs, in order.
public struct Program: Hashable, Sendable {
  /// The lesson or scenario title.
  public var title: String
  /// The actions.
  public var actions: [Action]

  /// Creates a program.
  public init(title: String, actions: [Action]) {
    self.title = title
    self.actions = actions
  }
}

/// One statement of a scenario, ready to execute.
public struct Action: Hashable, Sendable {
  /// What to do.
  public var operation: Operation
  /// The variable that receives the result, if any.
  public var result: String?
  /// The scenario line (1-based; 0 for generated actions).
  public var line: Int
  /// The statement's source text, for views.
  public var text: String

  /// Creates an action.
  public init(operation: Operation, result: String? = nil, line: Int = 0, text: String = "") {
    self.operation = operation
    self.result = result
    self.line = line
    self.text = text
  }
}
