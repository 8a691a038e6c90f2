extension AppModel {
  /// `:record start FILE` (a `.cast` or a `.dmarec` of what follows), `:record stop`, and
  /// `:record FILE.dmarec` (the whole session so far); `:record!` may replace an existing file.
  mutating func record(_ arguments: [String], overwrite: Bool, usage: String) -> [Effect] {
    switch arguments.first {
    case "start":
      guard arguments.count == 2 else {
        message = "usage: :record start FILE.cast|FILE.dmarec (then :record stop)"
        return []
      }
      let path = arguments[1]
      if let going = recordingPath {
        message = "already recording to \(going): :record stop first"
        return []
      }
      guard path.hasSuffix(".cast") || path.hasSuffix(".dmarec") else {
        message =
          "record: \(path) must end in .cast (asciicast, to play) or .dmarec (to replay and check)"
        return []
      }
      recordingPath = path
      message = "recording to \(path): :record stop ends it"
      return [.startRecording(path, overwrite: overwrite)]
    case "stop":
      guard arguments.count == 1 else {
        message = "usage: :record stop"
        return []
      }
      guard let path = recordingPath else {
        message = "no recording is going: :record start FILE.cast|FILE.dmarec starts one"
        return []
      }
      recordingPath = nil
      message = "recording saved to \(path)"
      return [.stopRecording(path)]
    default:
      guard arguments.count == 1 else {
        message = "usage: \(usage)"
        return []
      }
      message = "recording saved to \(arguments[0])"
      return [.saveRecording(arguments[0], overwrite: overwrite)]
    }
  }

  /// Ends a recording the runtime could not start (the path is refused), with its reason.
  public mutating func cancelRecording(because reason: String) {
    recordingPath = nil
    message = reason
  }
}
