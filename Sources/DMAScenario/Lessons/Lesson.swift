/// A built-in lesson: a scenario with narration, shipped inside dmascope.
public struct Lesson: Hashable, Sendable {
  /// The short name used on the command line (`first-transfer`).
  public var name: String
  /// A one-line summary for `dmascope lessons`.
  public var summary: String
  /// The scenario source.
  public var source: String

  /// The file name diagnostics use for the lesson.
  public var fileName: String { "\(name).dms" }
}

/// The built-in lessons, in course order.
public enum LessonLibrary {
  /// Every built-in lesson.
  public static let all: [Lesson] = [
    firstTransfer, missingClean, coherentBuffer, cacheModes, uartReceive, arbiter, cyclicAudio,
    iommuScatterGather, dmaengineClientFlow, scatterGatherMMC, descriptorRing,
    pauseTerminateReuse,
  ]

  /// The lesson dmascope opens when none is named.
  public static let defaultLesson = firstTransfer

  /// Finds a lesson by name.
  public static func lesson(named name: String) -> Lesson? { all.first { $0.name == name } }
}
