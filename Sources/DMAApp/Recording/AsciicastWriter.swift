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
    frames: [Session.Frame], width: Int, height: Int, title: String, pace: Double,
    byTime: Bool = false, trailingHold: Int = 0
  ) -> String {
    var lines = [
      "{\"version\": 2, \"width\": \(width), \"height\": \(height), \"title\": \(JSONText.string(title)), "
        + "\"env\": {\"TERM\": \"xterm-256color\"}}"
    ]
    var time = 0.0
    var previous: Session.Frame?
    for frame in frames {
      if byTime {
        time = Double(frame.time) / 1000
      } else if let previous {
        let ticks = Double(max(1, Int(frame.clock) - Int(previous.clock)))
        time += pace * ticks + Double(frame.wait) / 1000
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
    if !byTime, trailingHold > 0 {
      lines.append("[\(format(time + Double(trailingHold) / 1000)), \"m\", \"end\"]")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The whole file for a session's frames timed by their own times (a played lecture): a
  /// frame replaced at the same millisecond, or shown for less than `frameMilliseconds` soon
  /// after the last frame kept, is folded into the next (its markers move with it), and a last `m` event `end` comes `trailingHold` milliseconds
  /// after the last frame, so players keep the last screen that long.
  public static func castByTime(
    frames: [Session.Frame], width: Int, height: Int, title: String, trailingHold: Int,
    frameMilliseconds: Int = 33
  ) -> String {
    var kept: [Session.Frame] = []
    var carried: [String] = []
    for (index, frame) in frames.enumerated() {
      var frame = frame
      frame.markers = carried + frame.markers
      let next = index + 1 < frames.count ? frames[index + 1] : nil
      let sameSize = next?.buffer.size == frame.buffer.size
      let shownFor = (next?.time ?? Int.max) - frame.time
      let sinceKept = frame.time - (kept.last?.time ?? Int.min / 2)
      if sameSize, shownFor == 0 || (shownFor < frameMilliseconds && sinceKept < frameMilliseconds)
      {
        carried = frame.markers
        continue
      }
      carried = []
      kept.append(frame)
    }
    var text = cast(
      frames: kept, width: width, height: height, title: title, pace: 0, byTime: true)
    let end = Double((kept.last?.time ?? 0) + max(0, trailingHold)) / 1000
    text += "[\(format(end)), \"m\", \"end\"]\n"
    return text
  }

  /// Seconds with six decimals, without Foundation.
  static func format(_ seconds: Double) -> String {
    let micros = Int((seconds * 1_000_000).rounded())
    let fraction = String(micros % 1_000_000)
    return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
  }

}
