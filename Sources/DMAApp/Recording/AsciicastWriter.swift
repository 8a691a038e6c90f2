import DMASim
import TermCanvas

/// Writes asciicast v2 (one JSON header line, then `[time, code, data]` event lines).
///
/// Times come from the simulation clock: each frame is `pace` seconds per simulated tick after
/// the previous one, and at least one `pace` apart, so playback follows the simulation. The
/// first frame and every frame that starts a scenario statement are full repaints (keyframes)
/// preceded by a marker named after the statement's kernel call; other frames are diffs.
public enum AsciicastWriter {
  /// The whole file for a session's frames.
  public static func cast(
    frames: [Session.Frame], width: Int, height: Int, title: String, pace: Double
  ) -> String {
    var lines = [
      "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"title\": \(JSONText.string(title)), "
        + "\"env\": {\"TERM\": \"xterm-256color\"}}"
    ]
    var time = 0.0
    var previous: Session.Frame?
    for frame in frames {
      if let previous {
        let ticks = Double(max(1, Int(frame.clock) - Int(previous.clock)))
        time += pace * ticks
      }
      let stamp = format(time)
      for marker in frame.markers { lines.append("[\(stamp), \"m\", \(JSONText.string(marker))]") }
      let data: String
      if let previous, frame.markers.isEmpty, previous.buffer.size == frame.buffer.size {
        data = AnsiEncoder.diff(from: previous.buffer, to: frame.buffer)
      } else {
        if let previous, previous.buffer.size != frame.buffer.size {
          lines.append(
            "[\(stamp), \"r\", \"\(frame.buffer.size.width)x\(frame.buffer.size.height)\"]")
        }
        data = AnsiEncoder.frame(frame.buffer)
      }
      if !data.isEmpty { lines.append("[\(stamp), \"o\", \(JSONText.string(data))]") }
      previous = frame
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Seconds with six decimals, without Foundation.
  static func format(_ seconds: Double) -> String {
    let micros = Int((seconds * 1_000_000).rounded())
    let fraction = String(micros % 1_000_000)
    return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
  }

}
