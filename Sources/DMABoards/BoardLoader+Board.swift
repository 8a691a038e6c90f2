import DMASim

extension BoardLoader.Loaded {
  /// Boots the description (`EarlyBoot.run`) and builds the board a machine runs on. Throws
  /// `CommandLineError` for a bad `cma=`, `mem=` or `swiotlb=`.
  public func board(profile: BootProfile = .arm64) throws -> (board: Board, boot: BootResult) {
    let result = try EarlyBoot.run(description, profile: profile)
    return (BoardBuilder.build(tree, result: result, name: name), result)
  }
}
