extension DMAEngine {
  /// Whether any DMA transfer is under way: a descriptor issued, running, or completed with its
  /// callback still pending.
  public var transferInFlight: Bool {
    controllers.contains { controller in
      controller.virtualChannels.contains { channel in
        channel.active != nil || !channel.issued.isEmpty || !channel.completed.isEmpty
          || channel.taskletScheduled
      }
    }
  }
}
