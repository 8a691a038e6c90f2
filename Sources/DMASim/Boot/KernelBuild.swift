/// What one kernel build allocates from memblock before and after the default CMA area, on
/// arm64 with 4 KiB pages: the sizes the source leaves to the configuration and the compiler
/// (`sizeof(pg_data_t)`, the per-CPU unit, `struct device_node`), measured once from Debian's
/// arm64 image booting under QEMU with `memblock=debug` and checked on every tree of the
/// real-kernel harness (`Tests/realkernel/run.sh`).
public struct KernelBuild: Hashable, Sendable {
  /// Page-table pages `paging_init` allocates besides one PTE table per mapped 2 MiB block,
  /// one PMD table per GiB and one PUD table: negative where `map_mem` maps the kernel text's
  /// linear alias with block mappings (v6.12: 14 blocks need no PTE table); v6.1 takes one
  /// page more than the rule (arch/arm64/mm/mmu.c `map_mem`, `paging_init`). Measured:
  /// 1013 (6.12) and 1028 (6.1) pages for QEMU's 2 GiB virt.
  public var pageTableAdjustment: Int
  /// `sizeof(struct device_node)` (drivers/of/fdt.c `populate_node`, with `CONFIG_OF_KOBJ`).
  /// With `propertyBytes` fitted to the unflattened size of QEMU's virt tree (45908 bytes on
  /// 6.12, 43516 on 6.1); on the harness's two-cma tree the sum is 8 (6.12) and 16 (6.1)
  /// bytes off the kernel's 47964 and 45468, too little to move a placement.
  public var deviceNodeBytes: UInt64
  /// `sizeof(struct property)` (`populate_properties`).
  public var propertyBytes: UInt64
  /// The unflattened tree also holds a `name` property per node, as the 6.1 image's
  /// measured size says (`populate_properties` adds one when the blob has none).
  public var namesEveryNode: Bool
  /// The rounded `NODE_DATA` size `alloc_node_data` asks for (mm/numa.c, arch/arm64 v6.1
  /// arch/arm64/mm/numa.c `setup_node_data`).
  public var nodeDataBytes: UInt64
  /// v6.1 `numa_alloc_distance`: a page-aligned distance table allocated, freed and
  /// allocated again; nil on v6.12 (`numa_memblks`).
  public var numaDistanceBytes: UInt64?
  /// v6.12 `alloc_bootmem_cpumask_var` before `sparse_init` (0 on v6.1).
  public var cpumaskBytes: UInt64
  /// `sparse_init`: `mem_section` roots (`NR_SECTION_ROOTS * sizeof(struct mem_section *)`).
  public var sectionRootsBytes: UInt64
  /// `sparse_index_alloc`: one root's `struct mem_section` array.
  public var sectionIndexBytes: UInt64
  /// `usemap_size()` per present section (the pageblock flags).
  public var usemapBytesPerSection: UInt64
  /// `setup_arch`'s 64-byte allocation after the CMA area (v6.12).
  public var setupArchBytes: UInt64
  /// `pcpu_embed_first_chunk`: the unit size per CPU (`percpu: Embedded … u…`).
  public var percpuUnitBytes: UInt64
  /// `pcpu_setup_first_chunk` and `pcpu_alloc_first_chunk`: their small allocations in order.
  public var percpuMetadataBytes: [UInt64]

  /// Creates a build description.
  public init(
    pageTableAdjustment: Int, deviceNodeBytes: UInt64, propertyBytes: UInt64,
    nodeDataBytes: UInt64, namesEveryNode: Bool, numaDistanceBytes: UInt64?, cpumaskBytes: UInt64,
    sectionRootsBytes: UInt64, sectionIndexBytes: UInt64, usemapBytesPerSection: UInt64,
    setupArchBytes: UInt64, percpuUnitBytes: UInt64,
    percpuMetadataBytes: [UInt64]
  ) {
    self.pageTableAdjustment = pageTableAdjustment
    self.deviceNodeBytes = deviceNodeBytes
    self.propertyBytes = propertyBytes
    self.nodeDataBytes = nodeDataBytes
    self.namesEveryNode = namesEveryNode
    self.numaDistanceBytes = numaDistanceBytes
    self.cpumaskBytes = cpumaskBytes
    self.sectionRootsBytes = sectionRootsBytes
    self.sectionIndexBytes = sectionIndexBytes
    self.usemapBytesPerSection = usemapBytesPerSection
    self.setupArchBytes = setupArchBytes
    self.percpuUnitBytes = percpuUnitBytes
    self.percpuMetadataBytes = percpuMetadataBytes
  }

  /// Debian's `linux-image-*-arm64` build of a release, 4 possible CPUs (QEMU `-smp 4`).
  public static func debian(for version: KernelVersion) -> KernelBuild {
    switch version {
    case .v61:
      KernelBuild(
        pageTableAdjustment: 1, deviceNodeBytes: 248, propertyBytes: 88, nodeDataBytes: 0x2c80,
        namesEveryNode: true, numaDistanceBytes: 256, cpumaskBytes: 0,
        sectionRootsBytes: 131072, sectionIndexBytes: 4096, usemapBytesPerSection: 56,
        setupArchBytes: 64, percpuUnitBytes: 126976,
        percpuMetadataBytes: [8, 8, 16, 32, 288, 144, 384, 392, 96, 144, 1024, 1032, 256])
    case .v612:
      KernelBuild(
        pageTableAdjustment: -14, deviceNodeBytes: 296, propertyBytes: 112,
        nodeDataBytes: 0x3740, namesEveryNode: false, numaDistanceBytes: nil, cpumaskBytes: 64,
        sectionRootsBytes: 131072, sectionIndexBytes: 4096, usemapBytesPerSection: 56,
        setupArchBytes: 64, percpuUnitBytes: 139264,
        percpuMetadataBytes: [8, 8, 16, 32, 304, 200, 384, 392, 96, 200, 1024, 1032, 256])
    }
  }
}
