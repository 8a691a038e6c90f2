import Testing

@testable import DMASim

@Suite struct CookieTests {
  @Test func firstCookieAfterInitIsTwo() {
    #expect(Cookie.next(after: 1) == 2)
  }

  @Test func cookieWrapsFromMaxToOne() {
    #expect(Cookie.next(after: Int32.max) == 1)
    #expect(Cookie.next(after: 0x7fff_fffe) == 0x7fff_ffff)
  }

  @Test func statusFollowsDmaAsyncIsComplete() {
    // init (1,1); submit → used 2: cookie 2 in progress.
    #expect(Cookie.status(of: 2, lastComplete: 1, lastUsed: 2) == .inProgress)
    #expect(Cookie.status(of: 2, lastComplete: 2, lastUsed: 2) == .complete)
    // Quirk: a cookie never handed out (beyond last used) reads as complete, so do 0 and negatives.
    #expect(Cookie.status(of: 9, lastComplete: 1, lastUsed: 2) == .complete)
    #expect(Cookie.status(of: 0, lastComplete: 1, lastUsed: 2) == .complete)
    // Wrapped: last_complete > last_used.
    #expect(Cookie.status(of: 0x7fff_fff0, lastComplete: 0x7fff_ffff, lastUsed: 3) == .complete)
    #expect(Cookie.status(of: 2, lastComplete: 0x7fff_ffff, lastUsed: 3) == .inProgress)
  }
}
