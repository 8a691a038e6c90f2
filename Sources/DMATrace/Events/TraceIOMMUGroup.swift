/// `add_device_to_group`, `remove_device_from_group` (with a group) or
/// `attach_device_to_domain` (without one).
public struct TraceIOMMUGroup: Hashable, Sendable {
  /// What happened.
  public enum Change: String, Hashable, Sendable {
    /// `add_device_to_group`.
    case added = "add_device_to_group"
    /// `remove_device_from_group`: the device is gone (taken as its driver's release).
    case removed = "remove_device_from_group"
    /// `attach_device_to_domain`.
    case attached = "attach_device_to_domain"
  }

  /// What happened.
  public var change: Change
  /// `groupID`.
  public var group: Int?
  /// `device`.
  public var device: String

  /// Creates the event.
  public init(change: Change, group: Int?, device: String) {
    self.change = change
    self.group = group
    self.device = device
  }
}
