/// What an event says, by the event classes of include/trace/events/dma.h, cma.h, swiotlb.h
/// and iommu.h.
public enum TraceEventKind: Hashable, Sendable {
  /// `dma_map_page`, `dma_map_resource` (6.10–6.16) or `dma_map_phys` (6.17+): class `dma_map`.
  case map(TraceMapping)
  /// `dma_unmap_page`, `dma_unmap_resource` or `dma_unmap_phys`: class `dma_unmap`.
  case unmap(TraceMapping)
  /// `dma_sync_single_for_cpu` (true) or `_for_device` (false): class `dma_sync_single`.
  case syncSingle(TraceMapping, forCPU: Bool)
  /// `dma_alloc`, `dma_alloc_pages` or `dma_alloc_sgt_err`: class `dma_alloc_class`.
  case alloc(TraceAllocation)
  /// `dma_free` or `dma_free_pages`: class `dma_free_class`.
  case free(TraceAllocation)
  /// `dma_map_sg` or `dma_map_sg_err`.
  case mapSG(TraceScatterList)
  /// `dma_unmap_sg`.
  case unmapSG(TraceScatterList)
  /// `dma_sync_sg_for_cpu` (true) or `_for_device` (false).
  case syncSG(TraceScatterList, forCPU: Bool)
  /// `dma_alloc_sgt`.
  case allocSGT(TraceScatterList)
  /// `dma_free_sgt`.
  case freeSGT(TraceScatterList)
  /// `cma_alloc_start`, `cma_alloc_finish`, `cma_alloc_busy_retry`, `cma_release`.
  case cma(TraceCMAEvent)
  /// `swiotlb_bounced`.
  case swiotlbBounced(TraceBounce)
  /// iommu `map`: `iommu_map` of a range (no device: the domain is not traced).
  case iommuMap(TraceIOMMURange)
  /// iommu `unmap`: `iommu_unmap` of a range.
  case iommuUnmap(TraceIOMMURange)
  /// `add_device_to_group`, `remove_device_from_group`, `attach_device_to_domain`.
  case iommuGroup(TraceIOMMUGroup)
  /// `io_page_fault`.
  case iommuFault(TraceIOMMUFault)
}
