/// Pure conversion of buffers to ANSI/VT100 escape sequences.
///
/// Output is deterministic: cursor moves use CUP (`ESC[row;colH`, 1-based)
/// and colours/attributes use SGR. A style change that only adds attributes
/// or changes colours emits just those parameters; one that removes an
/// attribute starts with a reset (`0`). Colours: 30–37/90–97 (foreground),
/// 40–47/100–107 (background), `38;5;n`/`48;5;n` for indexed colours and
/// 39/49 for the defaults. Attributes: 1 bold, 2 dim, 3 italic, 4 underline,
/// 7 reverse. Control characters are written as `Cell.replacementSymbol`.
public enum AnsiEncoder {
  /// The escape character.
  public static let escape = "\u{1B}"

  /// A full repaint: hide the cursor, home, clear the screen, then every row
  /// (each preceded by CUP), ending with an SGR reset.
  public static func frame(_ buffer: Buffer) -> String {
    var output = escape + "[?25l" + escape + "[H" + escape + "[2J"
    var current: Style?
    for y in 0..<buffer.size.height {
      output += cursorPosition(x: 0, y: y)
      for x in 0..<buffer.size.width {
        let cell = buffer[x, y]
        output += transition(from: current, to: cell.style)
        current = cell.style
        output.append(cell.displaySymbol)
      }
    }
    return output + escape + "[0m"
  }

  /// Only the cells of `new` that differ from `old`, with cursor moves
  /// skipped where the cursor is already in place; ends with an SGR reset,
  /// or is empty when nothing changed. Falls back to `frame(_:)` when the
  /// sizes differ.
  public static func diff(from old: Buffer, to new: Buffer) -> String {
    guard old.size == new.size else { return frame(new) }
    var output = ""
    var current: Style?
    var cursor: (x: Int, y: Int)?
    for update in new.diff(from: old) {
      if cursor?.x != update.x || cursor?.y != update.y {
        output += cursorPosition(x: update.x, y: update.y)
      }
      output += transition(from: current, to: update.cell.style)
      current = update.cell.style
      output.append(update.cell.displaySymbol)
      // After the last column the cursor position is terminal-dependent.
      cursor = update.x + 1 < new.size.width ? (update.x + 1, update.y) : nil
    }
    return output.isEmpty ? "" : output + escape + "[0m"
  }

  /// CUP sequence moving the cursor to the 0-based cell `x`/`y`.
  public static func cursorPosition(x: Int, y: Int) -> String {
    escape + "[\(y + 1);\(x + 1)H"
  }

  /// The SGR sequence switching from `old` (unknown when `nil`) to `new`, or
  /// `""` when nothing changes.
  public static func transition(from old: Style?, to new: Style) -> String {
    guard let old, old != new else {
      return old == nil ? sgr(fullParameters(new)) : ""
    }
    if !old.attributes.subtracting(new.attributes).isEmpty {
      return sgr(fullParameters(new))
    }
    var parameters = attributeParameters(new.attributes.subtracting(old.attributes))
    if old.foreground != new.foreground {
      parameters.append(colorParameter(new.foreground, background: false))
    }
    if old.background != new.background {
      parameters.append(colorParameter(new.background, background: true))
    }
    return sgr(parameters)
  }

  /// SGR parameters setting `style` from scratch (starting with a reset).
  private static func fullParameters(_ style: Style) -> [String] {
    var parameters = ["0"] + attributeParameters(style.attributes)
    if style.foreground != .default {
      parameters.append(colorParameter(style.foreground, background: false))
    }
    if style.background != .default {
      parameters.append(colorParameter(style.background, background: true))
    }
    return parameters
  }

  private static func attributeParameters(_ attributes: TextAttributes) -> [String] {
    let codes: [(TextAttributes, String)] = [
      (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7"),
    ]
    return codes.filter { attributes.contains($0.0) }.map(\.1)
  }

  private static func colorParameter(_ color: Color, background: Bool) -> String {
    switch color {
    case .default:
      return background ? "49" : "39"
    case .indexed(let index):
      return (background ? "48;5;" : "38;5;") + String(index)
    default:
      let index = color.paletteIndex ?? 0
      let base = index < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
      return String(base + index % 8)
    }
  }

  private static func sgr(_ parameters: [String]) -> String {
    parameters.isEmpty ? "" : escape + "[" + parameters.joined(separator: ";") + "m"
  }
}
