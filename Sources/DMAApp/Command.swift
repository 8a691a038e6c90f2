import TermCanvas

/// Everything a key can ask the app to do.
public enum Command: Hashable, Sendable {
  /// Advance one simulation event.
  case step
  /// Go back one simulation event, restoring the exact earlier state.
  case stepBack
  /// Run to the next scenario statement.
  case next
  /// Back to the previous statement.
  case reverseNext
  /// Run to the end of the transfer in flight (or the statement).
  case finish
  /// Back to where the transfer in flight started.
  case reverseFinish
  /// Run until a breakpoint, a pause or the end.
  case continueForward
  /// Back to the previous breakpoint hit, or the start.
  case reverseContinue
  /// To step 0.
  case gotoFirst
  /// To the last step (the end of the scenario).
  case gotoLast
  /// Set a breakpoint or watchpoint on what is selected in the focused panel.
  case breakOnSelection
  /// Open the `:` command line.
  case openCommandLine
  /// Run or pause: as a lecture (to the next narration, `pause` or `ask`) unless `:set
  /// pacing free`.
  case toggleRun
  /// Run freely past narrations (to a `pause`, an `ask`, a breakpoint or the end), or pause.
  case runFreely
  /// Run faster.
  case faster
  /// Run slower.
  case slower
  /// Show or hide the key help.
  case toggleHelp
  /// Close an overlay or leave a zoomed panel.
  case cancel
  /// Quit dmascope.
  case quit
  /// Focus the next panel.
  case focusNext
  /// Focus the previous panel.
  case focusPrevious
  /// Focus a panel by number (1-based).
  case focusPanel(Int)
  /// Show the focused panel full screen, or return to all panels.
  case toggleZoom
  /// Scroll the focused panel up (older log lines).
  case scrollUp
  /// Scroll the focused panel down (newer log lines).
  case scrollDown
  /// Scroll a page up.
  case pageUp
  /// Scroll a page down.
  case pageDown
  /// Repaint the whole terminal.
  case redraw
  /// Move the focused panel's cursor left (the CMA cell).
  case moveLeft
  /// Move the focused panel's cursor right (the CMA cell).
  case moveRight
  /// Zoom the CMA strip in (fewer pages per cell).
  case zoomIn
  /// Zoom the CMA strip out.
  case zoomOut
  /// Open the `/` find line (address, buffer variable or cookie).
  case find
  /// Select the next match of the last find.
  case findNext
  /// Select the previous match of the last find.
  case findPrevious
  /// Explain the highlighted cell: the chain of events that made it so.
  case why
  /// Show the narration before the one shown (paging back without stepping back).
  case olderNarration
  /// Show the narration after the one shown, back to the current one.
  case newerNarration
  /// Submit the typed answer to an `ask`.
  case submitAnswer
  /// Skip an `ask` and show its answer.
  case skipQuestion
  /// Erase the last typed character of an answer.
  case eraseAnswer
}

/// Side effects the runtime performs after an update; the model itself never does I/O.
public enum Effect: Hashable, Sendable {
  /// Restore the terminal and exit.
  case quit
  /// Repaint every cell (after Ctrl-L).
  case redraw
  /// Save the session so far as a recording at this path (over an existing file only when
  /// `overwrite`: `:record!`).
  case saveRecording(String, overwrite: Bool)
  /// Start recording what follows to this path (`.dmarec` or `.cast`), over an existing file
  /// only when `overwrite`; the runtime checks the path and cancels with a message if it must.
  case startRecording(String, overwrite: Bool)
  /// Stop the recording started with `startRecording` and write it (`Session.takeFinishedClip`).
  case stopRecording(String)
}

/// Inputs to `AppModel.update`.
public enum Message: Hashable, Sendable {
  /// A key press.
  case key(Key)
  /// The terminal changed size.
  case resize(Size)
  /// A timer tick while running: advance by the current speed.
  case tick
}
