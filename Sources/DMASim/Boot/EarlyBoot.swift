/// Early kernel memory setup, as arm64's `setup_arch` runs it: memory banks into memblock,
/// `mem=`, reserved-memory (static regions, then dynamic ones, with the `shared-dma-pool`
/// handlers), `/memreserve/`, the static regions' handlers and the overlap check, zone
/// ranges, the default CMA area from `cma=` or `CONFIG_CMA_SIZE_MBYTES`, then (from
/// `mm_core_init`) the default swiotlb pool.
///
/// Between reserved memory and the default CMA area, and between CMA and swiotlb, the
/// profile's `KernelBuild` takes what the kernel takes from the top of memory (page tables,
/// the unflattened tree, `NODE_DATA`, the memmap, per-CPU areas, hash tables). Not modelled:
/// the kernel image and initrd (at the bottom of memory, where no default placement goes).
public struct EarlyBoot {
  /// The input.
  let description: BootDescription
  /// The architecture profile.
  let profile: BootProfile
  /// The parsed command line.
  let commandLine: KernelCommandLine
  var memblock: Memblock
  var log: [KernelLogLine] = []
  /// `reserved_mem[]`: saved regions in save order.
  var saved: [SavedRegion] = []
  /// Capacity of `reserved_mem[]` (`total_reserved_mem_cnt`).
  var capacity = 64
  /// Per reserved-memory node index: outcome of its first region.
  var outcomes: [Int: ReservedRegion.Kind] = [:]
  /// Per dynamic node index: where it was placed (nil: failed).
  var dynamicBases: [Int: UInt64] = [:]
  var cmaAreas: [CMAArea] = []
  var defaultCMA: Int?

  /// A `struct reserved_mem` entry.
  struct SavedRegion {
    var nodeIndex: Int
    var base: UInt64
    var size: UInt64
  }

  init(description: BootDescription, profile: BootProfile) throws {
    self.description = description
    self.profile = profile
    commandLine = try KernelCommandLine(description.commandLine)
    memblock = Memblock(pageSize: profile.pageSize)
  }

  /// Runs the whole setup. Throws `CommandLineError` for a bad `cma=`, `mem=` or `swiotlb=`.
  public static func run(_ description: BootDescription, profile: BootProfile = .arm64) throws
    -> BootResult
  {
    var boot = try EarlyBoot(description: description, profile: profile)
    return boot.runPhases()
  }

  private mutating func runPhases() -> BootResult {
    if !description.model.isEmpty { info("Machine model: \(description.model)") }
    logEarlyParameters()
    for bank in description.memory { addMemory(bank) }
    if profile.physicalAddressBits < 64 {
      memblock.remove(base: 1 << UInt64(profile.physicalAddressBits), size: UInt64.max)
    }
    if profile.name == BootProfile.arm64.name { clipToLinearRegion() }
    if let limit = commandLine.memoryLimit { limitMemory(limit) }
    scanReservedMemory()
    for reservation in description.memoryReservations where reservation.size != 0 {
      memblock.reserve(base: reservation.base, size: reservation.size)
    }
    if profile.kernel.placesDynamicRegionsAfterMemreserve {
      initialiseReservedMemoryV61()
    } else {
      scanStaticRegions()
    }
    allocateBeforeCMA()
    let limit = dmaPhysicalLimit()
    let zones = zoneSpans(dmaLimit: limit)
    logZones(zones)
    reserveDefaultCMA(limit: limit)
    allocateAfterCMA()
    info("Kernel command line: \(commandLine.text)")
    let swiotlb = initialiseSwiotlb(dmaLimit: limit)
    let pools = initialiseAtomicPools(zones: zones, dmaLimit: limit)
    return BootResult(
      profile: profile, commandLine: commandLine, memory: description.memory,
      memoryReservations: description.memoryReservations, reserved: reservedRegions(),
      cmaAreas: cmaAreas, defaultCMAName: defaultCMA.map { cmaAreas[$0].name }, zones: zones,
      dmaPhysicalLimit: limit, swiotlb: swiotlb, memblock: memblock,
      controllers: description.controllers,
      consumers: description.consumers, log: log, atomicPools: pools)
  }

  /// arm64_memblock_init (arch/arm64/mm/init.c): memory the linear map cannot cover (more
  /// than `PAGE_END - PAGE_OFFSET`, 128 TiB with 48-bit VAs, above `memstart_addr`, which is
  /// the start of DRAM rounded down to `ARM64_MEMSTART_ALIGN`, 1 GiB) is removed with a warning.
  private mutating func clipToLinearRegion() {
    guard let first = memblock.memory.first else { return }
    let linearRegionSize: UInt64 = 1 << 47
    let memstart = first.base & ~((1 << 30) - 1)
    guard memblock.endOfDRAM - memstart > linearRegionSize else { return }
    log.append(
      KernelLogLine(.warning, "Memory doesn't fit in the linear mapping, VA_BITS too small"))
    memblock.remove(base: memstart + linearRegionSize, size: UInt64.max)
  }

  /// Messages the early parameter handlers print, in command-line order.
  private mutating func logEarlyParameters() {
    for word in commandLine.text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      if word == "cma" {
        log.append(KernelLogLine(.error, "cma: Config string not provided"))
      } else if word.hasPrefix("mem="), let limit = commandLine.memoryLimit {
        log.append(KernelLogLine(.notice, "Memory limited to \(limit >> 20)MB"))
      } else if word.hasPrefix("swiotlb="),
        let swiotlb = try? KernelCommandLine.parseSwiotlb(
          word.dropFirst(8)), let areas = swiotlb.areas
      {
        info("software IO TLB: area num \(areas).")
        var slots = swiotlb.slots.map(Int.init) ?? Self.defaultSlots
        if roundUpSlots(&slots, areas: Int(areas)) {
          info("software IO TLB: SWIOTLB bounce buffer size roundup to \((slots << 11) >> 20)MB")
        }
      }
    }
  }

  mutating func info(_ text: String) { log.append(KernelLogLine(.info, text)) }
  mutating func error(_ text: String) { log.append(KernelLogLine(.error, text)) }

  /// `%pa` for this profile.
  func pa(_ value: UInt64) -> String { KernelFormat.pa(value, bytes: profile.physAddrBytes) }

  /// `early_init_dt_add_memory_arch`: page-aligns the bank, then `memblock_add`.
  private mutating func addMemory(_ bank: MemoryBank) {
    var base = bank.base
    var size = bank.size
    let page = profile.pageSize
    let misalignment = base & (page - 1)
    guard size >= page - misalignment else {
      log.append(
        KernelLogLine(
          .warning,
          "OF: fdt: Ignoring memory block 0x\(Hex.format(base)) - "
            + "0x\(Hex.format(base &+ size))"))
      return
    }
    if misalignment != 0 {
      size -= page - misalignment
      base += page - misalignment
    }
    size &= ~(page - 1)
    memblock.add(base: base, size: size)
  }

  /// `memblock_mem_limit_remove_map`: keeps the first `limit` bytes of memory.
  private mutating func limitMemory(_ limit: UInt64) {
    guard limit != 0 else { return }
    var remaining = limit
    for region in memblock.memory {
      if remaining <= region.size {
        memblock.capMemory(base: 0, size: region.base + remaining)
        return
      }
      remaining -= region.size
    }
  }
}
