/// The cookie arithmetic of drivers/dma/dmaengine.h and include/linux/dmaengine.h.
public enum Cookie {
  /// `DMA_MIN_COOKIE`.
  public static let minimum: Int32 = 1

  /// `dma_cookie_assign`: the next cookie after `last`, wrapping from 0x7fffffff to 1.
  public static func next(after last: Int32) -> Int32 {
    let (candidate, overflow) = last.addingReportingOverflow(1)
    return overflow || candidate < minimum ? minimum : candidate
  }

  /// `dma_async_is_complete(cookie, last_complete, last_used)`, quirks included:
  /// a cookie beyond `lastUsed` (never handed out) reads as complete.
  public static func status(
    of cookie: Int32, lastComplete: Int32, lastUsed: Int32
  ) -> DMAStatus {
    if lastComplete <= lastUsed {
      if cookie <= lastComplete || cookie > lastUsed { return .complete }
    } else {
      if cookie <= lastComplete && cookie > lastUsed { return .complete }
    }
    return .inProgress
  }
}
