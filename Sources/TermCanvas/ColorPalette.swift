/// Integer RGB values of the xterm 256-colour palette, used to approximate
/// indexed colours on terminals with fewer colours.
enum ColorPalette {
  /// RGB of the 16 basic colours as xterm draws them.
  static let basicRGB: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
    (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]

  /// Channel levels of the 6x6x6 colour cube.
  private static let cubeLevels = [0, 95, 135, 175, 215, 255]

  /// RGB of a palette entry 0 ... 255.
  static func rgb(ofPaletteIndex index: Int) -> (Int, Int, Int) {
    let clamped = min(max(index, 0), 255)
    if clamped < 16 { return basicRGB[clamped] }
    if clamped >= 232 {
      let level = 8 + 10 * (clamped - 232)
      return (level, level, level)
    }
    let cube = clamped - 16
    return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
  }

  /// Index (0 ... 15) of the basic colour nearest to a palette entry.
  static func nearestBasicIndex(toPaletteIndex index: Int) -> Int {
    if index >= 0 && index < 16 { return index }
    let (red, green, blue) = rgb(ofPaletteIndex: index)
    var best = 0
    var bestDistance = Int.max
    for (candidate, value) in basicRGB.enumerated() {
      let dr = red - value.0
      let dg = green - value.1
      let db = blue - value.2
      let distance = dr * dr + dg * dg + db * db
      if distance < bestDistance {
        bestDistance = distance
        best = candidate
      }
    }
    return best
  }
}
