import CNcursesw
import TermCanvas

/// Turns `Style`s into ncurses attributes and colour pairs for the colours
/// the terminal actually has. Pairs are allocated lazily and cached per
/// (foreground, background); when the terminal runs out of pairs the
/// terminal's default pair 0 is used.
struct NcursesColorMapper {
  /// The rendition of a style: attributes plus colour pair number.
  struct Rendition {
    var attributes: attr_t
    var pair: Int32
  }

  private struct PairKey: Hashable {
    var foreground: Int32
    var background: Int32
  }

  /// Number of colours (0 when colour is unavailable).
  let colorCount: Int
  /// Whether `use_default_colors` succeeded, so -1 means "terminal default".
  let defaultColors: Bool
  private let pairLimit: Int32
  private var pairs: [PairKey: Int32] = [:]
  private var nextPair: Int32 = 1
  private var renditions: [Style: Rendition] = [:]

  init(colorCount: Int, defaultColors: Bool, pairLimit: Int32) {
    self.colorCount = colorCount
    self.defaultColors = defaultColors
    self.pairLimit = pairLimit
  }

  /// Attributes and colour pair for `style` (cached).
  mutating func rendition(for style: Style) -> Rendition {
    if let cached = renditions[style] { return cached }
    var attributes = cnc_a_normal()
    let flags: [(TextAttributes, attr_t)] = [
      (.bold, cnc_a_bold()), (.dim, cnc_a_dim()), (.reverse, cnc_a_reverse()),
      (.underline, cnc_a_underline()), (.italic, cnc_a_italic()),
    ]
    for (flag, value) in flags where style.attributes.contains(flag) {
      attributes |= value
    }
    var pair: Int32 = 0
    if colorCount > 0 {
      let foreground = colorNumber(style.foreground, isBackground: false)
      let background = colorNumber(style.background, isBackground: true)
      if foreground.needsBold {
        attributes |= cnc_a_bold()
      }
      pair = pairNumber(foreground: foreground.number, background: background.number)
    }
    let rendition = Rendition(attributes: attributes, pair: pair)
    renditions[style] = rendition
    return rendition
  }

  /// The ncurses colour number for `color`, and whether bold is needed to
  /// show a bright colour on an 8-colour terminal.
  private func colorNumber(_ color: Color, isBackground: Bool) -> (number: Int32, needsBold: Bool) {
    guard let index = color.paletteIndex else {
      if defaultColors { return (-1, false) }
      return (isBackground ? 0 : 7, false)
    }
    if index < colorCount { return (Int32(index), false) }
    let basic = color.basicApproximation.paletteIndex ?? 0
    if basic < colorCount { return (Int32(basic), false) }
    return (Int32(basic % 8), basic >= 8 && !isBackground)
  }

  private mutating func pairNumber(foreground: Int32, background: Int32) -> Int32 {
    if foreground == -1 && background == -1 { return 0 }
    let key = PairKey(foreground: foreground, background: background)
    if let pair = pairs[key] { return pair }
    guard nextPair < pairLimit, init_extended_pair(nextPair, foreground, background) == OK
    else { return 0 }
    let pair = nextPair
    pairs[key] = pair
    nextPair += 1
    return pair
  }
}
