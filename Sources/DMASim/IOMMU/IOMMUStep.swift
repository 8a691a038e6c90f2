/// The parts of the dma-iommu calls that run after the CPU's cache maintenance, one step each.
enum IOMMUStep: Hashable, Sendable {
  /// `__iommu_dma_map` for `dma_map_single`: allocate the IOVA, `iommu_map`, then the mapping
  /// is recorded as dma-direct's would be.
  case mapSingle(IOMMUContext, StreamingMapping, String?)
  /// `__iommu_dma_unmap` for `dma_unmap_single`.
  case unmapSingle(IOMMUContext, DMAAddr, UInt64)
  /// The rest of `iommu_dma_map_sg`: lay the entries out, allocate one IOVA range,
  /// `iommu_map_sg`, `__finalise_sg`.
  case mapSG(
    IOMMUContext, device: String, table: Int, count: Int, direction: DMADataDirection, String?)
  /// The IOVA range of `iommu_dma_unmap_sg`.
  case unmapSG(IOMMUContext, table: Int, count: Int)
  /// The end of `iommu_dma_alloc_remap`, after `arch_dma_prep_coherent`: hand out the buffer.
  case finishAllocRemap(Allocation, DMAAddr, String?, String, device: String)
}
