import DMASim

/// What the tree does not say about known peripherals and DMA controllers: their driver's
/// name, where their data register sits and how their FIFOs behave. These are simulator
/// choices, chosen to match the hand-built `soc` board; the register offsets are the real
/// ones (PL011 `UARTDR` at 0x00, PL022 `SSPDR` at 0x08, DesignWare I2S `TXDMA` at 0x1c8).
enum PeripheralDefaults {
  /// A known peripheral.
  struct Known {
    var compatible: String
    var driver: String
  }

  static let table: [Known] = [
    Known(compatible: "arm,pl011", driver: "uart-pl011"),
    Known(compatible: "arm,pl022", driver: "ssp-pl022"),
    Known(compatible: "snps,designware-i2s", driver: "designware-i2s"),
    Known(compatible: "arm,pl330", driver: "dma-pl330"),
    // The device an exported scenario module binds to (`dmascope export-module`): no driver
    // in the kernel claims it, so the module's platform driver probes it.
    Known(compatible: "dmascope,module", driver: "dmascope-module"),
  ]

  /// The entry for a compatible string.
  static func known(_ compatible: String) -> Known? { table.first { $0.compatible == compatible } }

  /// TX and RX FIFOs for a peripheral whose registers start at `registerBase`. Unknown
  /// peripherals get a 32-byte, 4-byte-wide FIFO at their first register (a simulator
  /// choice).
  static func fifos(compatible: String, registerBase: UInt64) -> (tx: FIFOSpec, rx: FIFOSpec) {
    switch compatible {
    case "arm,pl011":
      let data = PhysAddr(registerBase)
      return (
        FIFOSpec(dataRegister: data, depth: 16, width: 1, requestThreshold: 8, ticksPerWord: 2),
        FIFOSpec(dataRegister: data, depth: 16, width: 1, requestThreshold: 4, ticksPerWord: 2)
      )
    case "arm,pl022":
      let data = PhysAddr(registerBase + 0x08)
      return (
        FIFOSpec(dataRegister: data, depth: 32, width: 4, requestThreshold: 16, ticksPerWord: 3),
        FIFOSpec(dataRegister: data, depth: 32, width: 4, requestThreshold: 8, ticksPerWord: 3)
      )
    case "snps,designware-i2s":
      return (
        FIFOSpec(
          dataRegister: PhysAddr(registerBase + 0x1c8), depth: 64, width: 4,
          requestThreshold: 32, ticksPerWord: 4),
        FIFOSpec(
          dataRegister: PhysAddr(registerBase + 0x1c0), depth: 64, width: 4,
          requestThreshold: 16, ticksPerWord: 4)
      )
    default:
      let data = PhysAddr(registerBase)
      return (
        FIFOSpec(dataRegister: data, depth: 32, width: 4, requestThreshold: 16, ticksPerWord: 3),
        FIFOSpec(dataRegister: data, depth: 32, width: 4, requestThreshold: 8, ticksPerWord: 3)
      )
    }
  }

  /// A controller's capabilities by compatible. `arm,pl330` is what drivers/dma/pl330.c
  /// registers (slave, cyclic and memcpy; bus widths 1–8 bytes; bursts up to 16; burst
  /// residue; descriptor reuse). Others get slave and cyclic with 1–4-byte widths, bursts of
  /// 8 and descriptor residue (a simulator choice).
  static func capabilities(compatible: String) -> DMACapabilities {
    switch compatible {
    case "arm,pl330":
      DMACapabilities(
        transactionTypes: ["DMA_SLAVE", "DMA_CYCLIC", "DMA_MEMCPY"], addressWidths: [1, 2, 4, 8],
        maxBurst: 16, residueGranularity: .burst, descriptorReuse: true)
    default:
      DMACapabilities(
        transactionTypes: ["DMA_SLAVE", "DMA_CYCLIC"], addressWidths: [1, 2, 4], maxBurst: 8,
        residueGranularity: .descriptor, descriptorReuse: false)
    }
  }
}
