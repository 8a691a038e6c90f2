extension CallRegistry {
  /// CPU accesses, barriers and memory attributes: README's table of that name is rendered from this list.
  static let cpuAndMemory: [CallDeclaration] = [
    CallDeclaration(
      "cpu_write",
      [
        .positional("ptr", .pointer), .positional("offset", .integer), .positional("data", .bytes),
        .labelled("repeat", .integer),
      ],
      returns: nil, lowering: .core,
      summary: "CPU stores bytes"),
    CallDeclaration(
      "cpu_read",
      [
        .positional("ptr", .pointer), .positional("offset", .integer),
        .positional("length", .integer),
      ],
      returns: .bytes, lowering: .core,
      summary: "CPU loads bytes"),
    CallDeclaration(
      "cpu_write_le32",
      [
        .positional("ptr", .pointer), .positional("offset", .integer),
        .positional("value", .integer),
      ],
      returns: nil, lowering: .device,
      summary: "CPU stores a 32-bit field (desc->addr = cpu_to_le32(dma))"),
    CallDeclaration(
      "wmb", [],
      returns: nil, lowering: .memoryAttributes,
      summary: "store barrier (dsb st): drains the write buffer"),
    CallDeclaration(
      "rmb", [],
      returns: nil, lowering: .memoryAttributes,
      summary: "load barrier (dsb ld)"),
    CallDeclaration(
      "mb", [],
      returns: nil, lowering: .memoryAttributes,
      summary: "full barrier (dsb sy)"),
    CallDeclaration(
      "dma_wmb", [],
      returns: nil, lowering: .memoryAttributes,
      summary: "order stores to coherent memory (dmb oshst)"),
    CallDeclaration(
      "dma_rmb", [],
      returns: nil, lowering: .memoryAttributes,
      summary: "order loads from coherent memory (dmb oshld)"),
    CallDeclaration(
      "ioremap", [.positional("phys", .integer), .positional("size", .integer)],
      returns: .pointer, lowering: .memoryAttributes,
      summary: "map registers as Device-nGnRE"),
    CallDeclaration(
      "ioremap_wc", [.positional("phys", .integer), .positional("size", .integer)],
      returns: .pointer, lowering: .memoryAttributes,
      summary: "map as Normal non-cacheable"),
    CallDeclaration(
      "ioremap_np", [.positional("phys", .integer), .positional("size", .integer)],
      returns: .pointer, lowering: .memoryAttributes,
      summary: "map as Device-nGnRnE (non-posted)"),
    CallDeclaration(
      "memremap",
      [
        .positional("phys", .integer), .positional("size", .integer),
        .positional("MEMREMAP_WB|MEMREMAP_WC", .flags),
      ],
      returns: .pointer, lowering: .memoryAttributes,
      summary: "map memory write-back or write-combining"),
    CallDeclaration(
      "iounmap", [.positional("ptr", .pointer)],
      returns: nil, lowering: .memoryAttributes,
      summary: "undo ioremap"),
    CallDeclaration(
      "memunmap", [.positional("ptr", .pointer)],
      returns: nil, lowering: .memoryAttributes,
      summary: "undo memremap"),
    CallDeclaration(
      "show_pte", [.positional("ptr", .pointer)],
      returns: nil, lowering: .memoryAttributes,
      summary: "print the page-table walk"),
  ]
}
