/// Semantic roles: what a piece of the interface means, independent of how a
/// `Theme` colours it.
public enum Role: String, CaseIterable, Sendable {
  /// Ordinary text.
  case normal
  /// De-emphasised text.
  case dim
  /// Panel titles.
  case title
  /// Borders of unfocused panels.
  case border
  /// Border of the focused panel.
  case borderFocused
  /// The status bar background text.
  case statusBar
  /// Emphasised parts of the status bar.
  case statusAccent
  /// The key-help footer text.
  case footer
  /// Key names in the footer.
  case footerKey
  /// The selected row or item.
  case selection
  /// Something that just changed or needs attention.
  case highlight
  /// Warnings.
  case warning
  /// Errors.
  case error
  /// Narration / explanatory text.
  case narration
  /// Body of pop-up overlays (help, dialogs).
  case overlay
  /// Title of pop-up overlays.
  case overlayTitle
  /// CPU virtual addresses.
  case addressVirtual
  /// Physical addresses.
  case addressPhysical
  /// Bus (DMA / IOVA) addresses.
  case addressBus
  /// Cache line not present.
  case cacheInvalid
  /// Cache line present and clean.
  case cacheClean
  /// Cache line present and dirty.
  case cacheDirty
  /// Cache line touched by the last operation.
  case cacheTouched
  /// Bytes that differ between two views of memory.
  case bytesDiffer
  /// Descriptor allocated.
  case queueAllocated
  /// Descriptor submitted.
  case queueSubmitted
  /// Descriptor issued to the engine.
  case queueIssued
  /// Descriptor being processed.
  case queueActive
  /// Descriptor completed.
  case queueCompleted
  /// Descriptor terminated / aborted.
  case queueTerminated
  /// DMA cookies.
  case cookie
  /// Filled part of a progress bar.
  case progressDone
  /// Unfilled part of a progress bar.
  case progressTodo
  /// Occupied FIFO slots.
  case fifoFilled
  /// Free FIFO slots.
  case fifoEmpty
  /// An asserted signal (IRQ line, ready flag).
  case signalAsserted
  /// Buffer owned by the CPU.
  case ownerCPU
  /// Buffer owned by the device.
  case ownerDevice
  /// A rule violation (for example CPU access to a device-owned buffer).
  case violation
  /// Log lines from the kernel.
  case logKernel
  /// Log lines from the (simulated) hardware.
  case logHardware
  /// Debug log lines.
  case logDebug
  /// Narration lines in the log.
  case logNarration
}
