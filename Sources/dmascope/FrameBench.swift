import DMAApp
import DMAScenario
import Foundation
import TermCanvas

/// The terminal figures of `dmascope bench`: a 200x60 frame of the coherent-buffer lesson on
/// soc8g (8 GiB DRAM, 1 GiB CMA), stepped through the whole lesson with every panel shown.
/// Per step it times `view()` and counts the bytes the diffing path would write (the
/// `AnsiEncoder` diff against the previous frame), next to a full repaint.
enum FrameBench {
  /// What one run measured.
  struct Result {
    /// Steps measured.
    var steps: Int
    /// Mean and worst time to build one frame, in seconds.
    var meanBuild: Double
    var worstBuild: Double
    /// The median time to build one frame, in seconds (robust to a busy machine).
    var medianBuild: Double
    /// The step whose frame was slowest.
    var worstStep: Int
    /// Mean and worst bytes written for one step's diff.
    var meanDiffBytes: Int
    var worstDiffBytes: Int
    /// Bytes of one full repaint.
    var fullFrameBytes: Int
  }

  /// Steps the lesson to its end (at most `limit` steps) and measures every frame.
  static func measure(limit: Int = 400) throws -> Result {
    guard let lesson = LessonLibrary.lesson(named: "coherent-buffer"),
      let scenario = ScenarioCompiler.compile(lesson.source, fileName: lesson.fileName).scenario
    else { throw UsageError("the coherent-buffer lesson does not compile") }
    var model = AppModel(scenario: scenario, size: Size(width: 200, height: 60))
    _ = model.update(.key(.character("6")))  // the CMA panel focused: its cursor is drawn too
    var previous = model.view()
    let fullFrameBytes = AnsiEncoder.frame(previous).utf8.count
    var total = 0.0
    var worst = 0.0
    var worstStep = 0
    var times: [Double] = []
    var bytes = 0
    var worstBytes = 0
    var steps = 0
    while steps < limit, !model.machine.isFinished {
      _ = model.update(.key(.character("s")))
      let start = ContinuousClock.now
      let frame = model.view()
      let seconds = (ContinuousClock.now - start).seconds
      let written = AnsiEncoder.diff(from: previous, to: frame).utf8.count
      total += seconds
      times.append(seconds)
      if seconds > worst {
        worst = seconds
        worstStep = model.machine.stepCount
      }
      bytes += written
      worstBytes = max(worstBytes, written)
      previous = frame
      steps += 1
    }
    let count = max(steps, 1)
    return Result(
      steps: steps, meanBuild: total / Double(count), worstBuild: worst,
      medianBuild: times.isEmpty ? 0 : times.sorted()[times.count / 2], worstStep: worstStep,
      meanDiffBytes: bytes / count, worstDiffBytes: worstBytes, fullFrameBytes: fullFrameBytes)
  }

  /// The table rows.
  static func rows() throws -> [BenchRow] {
    let result = try measure()
    return [
      BenchRow(
        figure: "200x60 frame on soc8g (8 GiB, 1 GiB CMA), mean of \(result.steps) steps",
        value: String(format: "%.3f ms", result.meanBuild * 1000), target: "<= 2 ms",
        pass: result.meanBuild <= 0.002),
      BenchRow(
        figure: "200x60 frame on soc8g, median step",
        value: String(format: "%.3f ms", result.medianBuild * 1000), target: "-", pass: nil),
      BenchRow(
        figure: "200x60 frame on soc8g, slowest step (step \(result.worstStep))",
        value: String(format: "%.3f ms", result.worstBuild * 1000), target: "-", pass: nil),
      BenchRow(
        figure: "bytes to the terminal per step (diff), mean / worst",
        value: "\(result.meanDiffBytes) / \(result.worstDiffBytes) B",
        target: "<< \(result.fullFrameBytes) B full",
        pass: result.meanDiffBytes * 10 <= result.fullFrameBytes),
      BenchRow(
        figure: "bytes of a full 200x60 repaint", value: "\(result.fullFrameBytes) B", target: "-",
        pass: nil),
    ]
  }
}
