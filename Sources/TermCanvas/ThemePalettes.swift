/// The role-to-style tables of the built-in themes. Each table is an
/// exhaustive `switch`, so adding a `Role` without styling it in every theme
/// does not compile.
enum ThemePalettes {
  private static func style(
    _ foreground: Color = .default,
    _ background: Color = .default,
    _ attributes: TextAttributes = []
  ) -> Style {
    Style(foreground: foreground, background: background, attributes: attributes)
  }

  /// Basic 16 colours; every role has its own style.
  static func defaultStyle(_ role: Role) -> Style {
    switch role {
    case .normal: return style()
    case .dim: return style(.default, .default, .dim)
    case .title: return style(.cyan, .default, .bold)
    case .border: return style(.blue)
    case .borderFocused: return style(.brightCyan, .default, .bold)
    case .statusBar: return style(.white, .blue)
    case .statusAccent: return style(.brightYellow, .blue, .bold)
    case .footer: return style(.black, .white)
    case .footerKey: return style(.blue, .white, .bold)
    case .selection: return style(.black, .cyan)
    case .highlight: return style(.black, .yellow)
    case .warning: return style(.yellow, .default, .bold)
    case .error: return style(.brightRed, .default, .bold)
    case .narration: return style(.cyan, .default, .italic)
    case .overlay: return style(.white, .black)
    case .overlayTitle: return style(.brightYellow, .black, .bold)
    case .addressVirtual: return style(.green)
    case .addressPhysical: return style(.magenta)
    case .addressBus: return style(.brightYellow)
    case .cacheInvalid: return style(.brightBlack)
    case .cacheClean: return style(.black, .green)
    case .cacheDirty: return style(.black, .red)
    case .cacheTouched: return style(.black, .magenta)
    case .bytesDiffer: return style(.red, .default, [.bold, .underline])
    case .queueAllocated: return style(.white)
    case .queueSubmitted: return style(.brightBlue)
    case .queueIssued: return style(.yellow)
    case .queueActive: return style(.cyan, .default, [.bold, .reverse])
    case .queueCompleted: return style(.brightGreen)
    case .queueTerminated: return style(.red)
    case .cookie: return style(.brightMagenta)
    case .progressDone: return style(.green, .default, .bold)
    case .progressTodo: return style(.white, .default, .dim)
    case .fifoFilled: return style(.cyan, .default, .reverse)
    case .fifoEmpty: return style(.blue, .default, .dim)
    case .signalAsserted: return style(.brightGreen, .default, [.bold, .reverse])
    case .ownerCPU: return style(.brightWhite, .blue, .bold)
    case .ownerDevice: return style(.brightWhite, .magenta, .bold)
    case .violation: return style(.brightYellow, .red, .bold)
    case .logKernel: return style(.brightWhite)
    case .logHardware: return style(.brightCyan)
    case .logDebug: return style(.brightBlack, .default, .dim)
    case .logNarration: return style(.brightCyan, .default, .italic)
    }
  }

  /// Attributes only, default colours (what `NO_COLOR` selects).
  static func monochromeStyle(_ role: Role) -> Style {
    let attributes: TextAttributes
    switch role {
    case .normal, .border, .footer, .narration, .overlay, .addressVirtual, .addressPhysical,
      .addressBus, .cacheClean, .queueSubmitted, .logKernel, .logHardware:
      attributes = []
    case .dim, .cacheInvalid, .queueAllocated, .progressTodo, .fifoEmpty, .logDebug:
      attributes = .dim
    case .title, .borderFocused, .warning, .overlayTitle, .queueCompleted, .ownerCPU,
      .logNarration:
      attributes = .bold
    case .statusBar, .selection, .footerKey, .cacheDirty, .fifoFilled:
      attributes = .reverse
    case .progressDone:
      attributes = .bold
    case .highlight, .queueIssued, .cookie, .ownerDevice:
      attributes = .underline
    case .statusAccent, .queueActive, .bytesDiffer, .signalAsserted:
      attributes = [.bold, .reverse]
    case .error, .cacheTouched:
      attributes = [.bold, .underline]
    case .queueTerminated:
      attributes = [.dim, .underline]
    case .violation:
      attributes = [.bold, .reverse, .underline]
    }
    return Style(attributes: attributes)
  }

  /// Bright colours and bold text.
  static func highContrastStyle(_ role: Role) -> Style {
    switch role {
    case .normal: return style(.brightWhite)
    case .dim: return style(.white)
    case .title: return style(.brightYellow, .default, .bold)
    case .border: return style(.brightWhite)
    case .borderFocused: return style(.brightYellow, .default, .bold)
    case .statusBar: return style(.black, .brightWhite, .bold)
    case .statusAccent: return style(.brightBlue, .brightWhite, .bold)
    case .footer: return style(.black, .brightWhite)
    case .footerKey: return style(.brightYellow, .black, .bold)
    case .selection: return style(.black, .brightYellow, .bold)
    case .highlight: return style(.black, .brightCyan, .bold)
    case .warning: return style(.brightYellow, .default, .bold)
    case .error: return style(.brightRed, .default, .bold)
    case .narration: return style(.brightCyan, .default, .bold)
    case .overlay: return style(.brightWhite, .blue, .bold)
    case .overlayTitle: return style(.brightYellow, .blue, .bold)
    case .addressVirtual: return style(.brightGreen, .default, .bold)
    case .addressPhysical: return style(.brightMagenta, .default, .bold)
    case .addressBus: return style(.brightYellow, .default, .bold)
    case .cacheInvalid: return style(.white)
    case .cacheClean: return style(.black, .brightGreen, .bold)
    case .cacheDirty: return style(.black, .brightRed, .bold)
    case .cacheTouched: return style(.black, .brightMagenta, .bold)
    case .bytesDiffer: return style(.brightRed, .default, [.bold, .underline])
    case .queueAllocated: return style(.white, .default, .bold)
    case .queueSubmitted: return style(.brightBlue, .default, .bold)
    case .queueIssued: return style(.brightYellow, .default, .bold)
    case .queueActive: return style(.black, .brightCyan, .bold)
    case .queueCompleted: return style(.brightGreen, .default, .bold)
    case .queueTerminated: return style(.brightRed, .default, .bold)
    case .cookie: return style(.brightMagenta, .default, .bold)
    case .progressDone: return style(.brightGreen, .default, .bold)
    case .progressTodo: return style(.white)
    case .fifoFilled: return style(.black, .brightCyan, .bold)
    case .fifoEmpty: return style(.white)
    case .signalAsserted: return style(.black, .brightYellow, .bold)
    case .ownerCPU: return style(.brightWhite, .blue, .bold)
    case .ownerDevice: return style(.brightWhite, .magenta, .bold)
    case .violation: return style(.brightYellow, .red, .bold)
    case .logKernel: return style(.brightWhite)
    case .logHardware: return style(.brightCyan, .default, .bold)
    case .logDebug: return style(.white)
    case .logNarration: return style(.brightCyan, .default, .bold)
    }
  }
}
