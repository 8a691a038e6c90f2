/// A built-in lesson: a scenario with narration, embedded into dmascope from `demos/`.
public struct Lesson: Hashable, Sendable {
  /// The short name used on the command line (`first-transfer`).
  public var name: String
  /// A one-line summary for `dmascope lessons`.
  public var summary: String
  /// The scenario source: `demos/NAME.dms` without its final newline.
  public var source: String

  /// The file name diagnostics use for the lesson.
  public var fileName: String { "\(name).dms" }
}

/// The built-in lessons, in course order. Each lesson's only copy is `demos/NAME.dms`; the
/// EmbedDemos build-tool plugin generates `all` and one constant per lesson (`firstTransfer`)
/// from `demos/lessons.list` and those files at build time.
public enum LessonLibrary {
  /// The lesson the tests and recordings use as the reference (`first-transfer`).
  public static let defaultLesson = firstTransfer

  /// The lesson `dmascope` (or `dmascope run`) opens when none is named.
  public static let startLesson = tour

  /// Finds a lesson by name.
  public static func lesson(named name: String) -> Lesson? { all.first { $0.name == name } }
}
