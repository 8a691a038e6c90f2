import ArgumentParser
import DMAScenario

/// `dmascope lessons`: list the built-in lessons.
struct Lessons: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the built-in lessons, in course order.")

  func run() {
    let width = LessonLibrary.all.map(\.name.count).max() ?? 0
    for lesson in LessonLibrary.all {
      let marker = lesson.name == LessonLibrary.defaultLesson.name ? " (default)" : ""
      let padding = String(repeating: " ", count: width - lesson.name.count)
      print("\(lesson.name)\(padding)  \(lesson.summary)\(marker)")
    }
  }
}
