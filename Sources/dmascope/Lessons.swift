import ArgumentParser
import DMAScenario

/// `dmascope lessons`: list the built-in lessons.
struct Lessons: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the built-in lessons, in course order, or print one's source.")

  @Option(name: .customLong("source"), help: "Print the scenario source of this lesson.")
  var sourceOf: String?

  func run() throws {
    if let name = sourceOf {
      guard let lesson = LessonLibrary.lesson(named: name) else {
        throw UsageError("unknown lesson '\(name)'", hint: "`dmascope lessons` lists them")
      }
      print(lesson.source)
      return
    }
    let width = LessonLibrary.all.map(\.name.count).max() ?? 0
    for lesson in LessonLibrary.all {
      let marker =
        lesson.name == LessonLibrary.startLesson.name ? " (dmascope with no argument)" : ""
      let padding = String(repeating: " ", count: width - lesson.name.count)
      print("\(lesson.name)\(padding)  \(lesson.summary)\(marker)")
    }
  }
}
