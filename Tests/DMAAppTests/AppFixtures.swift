import DMAApp
import DMAScenario
import TermCanvas
import Testing

/// Builders shared by the app tests.
enum AppFixtures {
  /// The default lesson, compiled.
  static func defaultScenario() throws -> Scenario {
    let lesson = LessonLibrary.defaultLesson
    return try #require(ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
  }

  /// A model for the default lesson, stepped `steps` times with the `s` key.
  static func model(
    steps: Int = 0, size: Size = Size(width: 100, height: 30), theme: Theme = .default,
    glyphs: Glyphs = .unicode
  ) throws -> AppModel {
    var model = AppModel(scenario: try defaultScenario(), size: size, theme: theme, glyphs: glyphs)
    for _ in 0..<steps { _ = model.update(.key(.character("s"))) }
    return model
  }
}

extension AppFixtures {
  /// A model for a built-in lesson, stepped `steps` times with the `s` key.
  static func lessonModel(
    _ name: String, steps: Int, size: Size = Size(width: 120, height: 40),
    theme: Theme = .default, glyphs: Glyphs = .unicode
  ) throws -> AppModel {
    let lesson = try #require(LessonLibrary.lesson(named: name))
    let scenario = try #require(
      ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario)
    var model = AppModel(scenario: scenario, size: size, theme: theme, glyphs: glyphs)
    for _ in 0..<steps { _ = model.update(.key(.character("s"))) }
    return model
  }

  /// Types each character of `text` as a key.
  static func type(_ text: String, into model: inout AppModel) {
    for character in text { _ = model.update(.key(.character(character))) }
  }
}
