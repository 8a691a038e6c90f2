import DMAScenario
import DMASim

/// The functions a `:break FUNCTION` may name: every call the scenario language knows, every
/// kernel function and hardware action the simulator logs, and anything this run has logged.
enum KnownFunctions {
  /// Functions and actions `DMASim` writes into `LogEntry.function` besides the scenario's own
  /// calls (the kernel runs them on the driver's behalf). `KnownFunctionsTests` checks that
  /// every lesson's log stays inside this list and `CallRegistry.names`.
  static let logged: [String] = [
    "__dma_clear_buffer", "__dma_direct_alloc_pages", "__dma_page_cpu_to_dev",
    "__dma_page_dev_to_cpu", "__free_pages", "__get_free_pages", "alloc_io_pgtable_ops",
    "alloc_iova", "alloc_pages", "arbiter", "arch_dma_prep_coherent", "arch_sync_dma_for_cpu",
    "arch_sync_dma_for_device", "arm_smmu_context_fault", "arm_smmu_device_probe",
    "arm_smmu_evtq_thread", "ask", "beat", "build_mem_type_table", "cache", "coherency",
    "cpu_write_le32", "data end", "dc cvac", "dc ivac", "dc civac", "desc fetch",
    "device_receive", "dma-debug", "dma_alloc_contiguous", "dma_async_device_register",
    "dma_buf_vmap", "dma_common_pages_remap", "dma_interleaved_template", "dmaengine_desc_free",
    "dmatest", "drain", "drq", "end", "expect", "fence", "free_iova", "iommu_dma_alloc",
    "iommu_dma_map_page", "iommu_dma_map_sg", "iommu_dma_unmap_page", "iommu_dma_unmap_sg",
    "iommu_map", "iommu_probe_device", "iommu_setup_dma_ops", "iommu_unmap", "iotlb", "irq",
    "kasan", "ldr", "link", "lli fetch", "memcpy", "memremap", "migrate_pages",
    "of_reserved_mem_device_init", "overrun", "paging_init", "pause", "probe",
    "rmem_dma_device_init", "run", "say", "setup_arch", "shift", "shift_in", "start", "str",
    "swiotlb_bounce", "swiotlb_tbl_map_single", "swiotlb_tbl_unmap_single", "underrun",
    "vchan_complete", "wait_for_completion", "write buffer", "write lands", "writel",
  ]

  /// Every name `:break` accepts on this machine, scenario calls first.
  static func all(in machine: Machine) -> [String] {
    var names = CallRegistry.names
    names += machine.program.actions.map(\.operation.functionName)
    names += logged
    names += machine.log.entries.map(\.function)
    var seen = Set<String>()
    return names.filter { !$0.isEmpty && seen.insert($0).inserted }
  }
}
