extension CallRegistry {
  /// Devices: README's table of that name is rendered from this list.
  static let devices: [CallDeclaration] = [
    CallDeclaration(
      "device_receive", [.positional("dev", .device), .positional("data", .bytes)],
      returns: nil, lowering: .engine,
      summary: "bytes arrive on a peripheral's receive wire"),
    CallDeclaration(
      "mmc_send_cmd",
      [
        .positional("dev", .device), .positional("opcode", .constant), .positional("lba", .integer),
        .positional("blocks", .integer),
      ],
      returns: nil, lowering: .device,
      summary: "MMC data command (MMC_READ_MULTIPLE_BLOCK, MMC_WRITE_MULTIPLE_BLOCK, ...)"),
    CallDeclaration(
      "writel",
      [
        .positional("dev", .device), .positional("REGISTER", .constant),
        .positional("value", .integer),
      ],
      returns: nil, lowering: .device,
      summary: "write a device register (ring base, doorbell)"),
    CallDeclaration(
      "device_release_driver", [.positional("dev", .device)],
      returns: nil, lowering: .pages,
      summary: "unbind the driver (dma-debug reports leaked mappings)"),
    CallDeclaration(
      "dmatest_run",
      [
        .labelled("iterations", .integer), .labelled("test_buf_size", .integer),
        .labelled("max_channels", .integer), .labelled("transfer_size", .integer),
        .labelled("norandom", .integer), .labelled("noverify", .integer),
        .labelled("verbose", .integer), .labelled("seed", .integer),
        .labelled("inject_stale_cache", .integer),
      ],
      returns: .integer, lowering: .lessonCalls,
      summary: "load dmatest with these parameters and run it; returns the failures"),
  ]
}
