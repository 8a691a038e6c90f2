extension CacheOperation {
  /// The instruction on an architecture: arm64's `dc` by VA to the PoC, or ARMv7's CP15
  /// operation by MVA to the PoC (`DCCMVAC`, `DCIMVAC`, `DCCIMVAC`).
  public func instruction(_ architecture: Architecture) -> String {
    switch (architecture, self) {
    case (.arm64, _): instruction
    case (.arm32, .clean): "mcr p15, c7, c10, 1 (DCCMVAC)"
    case (.arm32, .invalidate): "mcr p15, c7, c6, 1 (DCIMVAC)"
    case (.arm32, .cleanInvalidate): "mcr p15, c7, c14, 1 (DCCIMVAC)"
    }
  }
}
