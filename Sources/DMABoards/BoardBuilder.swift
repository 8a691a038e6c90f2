import DMASim
import DeviceTree

/// Turns a device tree and its boot result into the `Board` a machine runs on: DRAM after
/// `mem=`, `no-map` holes, MMIO from `reg`, devices with their bus view (`dma-ranges`,
/// `dma-coherent`, masks as `of_dma_configure` sets them, `memory-region`), DMA controllers
/// and their consumers, CMA areas and the swiotlb pool.
///
/// Simulator choices (the tree does not say): the CPU cache geometry (32 KiB, 4-way, 64-byte
/// lines), `PAGE_OFFSET`, and where the kernel image sits (the first 32 MiB of the page
/// allocator's range, the largest free range above ZONE_DMA when there is one, else the
/// largest; `EarlyBoot` does not model the image).
public enum BoardBuilder {
  /// Bytes kept for the kernel image and early allocations.
  static let kernelImageSize: UInt64 = 32 << 20

  /// Builds the board; `name` is what scenarios and reports call it.
  public static func build(_ tree: DeviceTree, result: BootResult, name: String) -> Board {
    let memory = result.memblock.memory
    // memblock splits a bank where `no-map` starts and ends; the board's banks are whole.
    var dram: [MemoryRegion] = []
    for region in memory {
      if let last = dram.last, last.end == region.base {
        dram[dram.count - 1].size += region.size
      } else {
        dram.append(
          MemoryRegion(
            name: "memory@\(String(region.base, radix: 16))", base: region.base,
            size: region.size))
      }
    }
    let free = result.memblock.freeRanges().filter { $0.end > $0.start }
    // The page allocator's range: the largest free range of the highest zone that has one, as
    // a GFP_KERNEL allocation walks its zonelist from ZONE_NORMAL down (mm/page_alloc.c
    // get_page_from_freelist); ZONE_DMA's memory is then dmaZoneRange below.
    let dmaEnd = result.dmaPhysicalLimit
    let aboveDMA = free.filter { $0.start >= dmaEnd }
    let largest = (aboveDMA.isEmpty ? free : aboveDMA).max {
      ($0.end - $0.start, $1.start) < ($1.end - $1.start, $0.start)
    }
    let kernelBase = largest?.start ?? dram.first?.base ?? 0
    let kernelSize = min(kernelImageSize, (largest.map { $0.end - $0.start } ?? 0) / 2)
    let kernel = MemoryRegion(name: "kernel", base: kernelBase, size: kernelSize)
    let zoneLimit = result.dmaPhysicalLimit &- 1
    let scan = DeviceScan(tree: tree, result: result)
    var devices = scan.devices()
    let iommus = scan.attachIOMMUs(&devices)
    var board = Board(
      name: name, model: model(tree), dram: dram,
      mmio: scan.mmio(devices: devices), pageOffset: 0xffff_0000_0000_0000, kernelReserved: kernel,
      cache: CacheGeometry(size: 32 << 10, ways: 4, lineSize: 64), devices: devices,
      controllers: scan.controllers(devices: devices))
    board.kernel = result.profile.kernel
    board.noMapRegions = memory.filter(\.noMap).map {
      MemoryRegion(name: "no-map@\(String($0.base, radix: 16))", base: $0.base, size: $0.size)
    }
    if let largest {
      board.pageAllocatorRange = MemoryRegion(
        name: "page allocator", base: largest.start + kernelSize,
        size: largest.end - largest.start - kernelSize)
    }
    board.zoneDMALimit = zoneLimit
    if let largest, largest.start > zoneLimit || largest.end - 1 > zoneLimit,
      let low = free.filter({ $0.start <= zoneLimit && ($0.start != largest.start) })
        .max(by: { ($0.end - $0.start) < ($1.end - $1.start) })
    {
      // A simulator choice: the first MiB of DRAM at address 0 is not handed out, so no
      // buffer gets bus address 0 (which reads like NULL).
      let start = low.start == 0 ? min(low.end, 1 << 20) : low.start
      let end = min(low.end, zoneLimit &+ 1)
      if end > start {
        board.dmaZoneRange = MemoryRegion(name: "ZONE_DMA", base: start, size: end - start)
      }
    }
    // The default area first, as `Board.cmaAreas` wants it.
    let areas =
      result.cmaAreas.filter { $0.name == result.defaultCMAName }
      + result.cmaAreas.filter { $0.name != result.defaultCMAName }
    board.cmaAreas = areas.map {
      MemoryRegion(name: $0.name, base: $0.basePFN << 12, size: $0.count << 12)
    }
    board.swiotlb = result.swiotlb
    board.atomicPools = result.atomicPools
    board.iommus = iommus
    return board
  }

  static func model(_ tree: DeviceTree) -> String {
    tree.root.property("model")?.string ?? tree.root.compatible.first ?? "device tree board"
  }
}
