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
