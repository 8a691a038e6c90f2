extension DMADebugReport.Check {
  /// Why a dma-debug check matters, in a sentence.
  var explanation: String? {
    switch self {
    case .mapErrorNotChecked:
      "Every dma_map_single result must be tested with dma_mapping_error before use."
    case .freeNotAllocated, .freeInvalidAddress:
      "Unmapping twice, or an address that was never mapped, hides a lifetime bug."
    case .freeDifferentSize, .freeDifferentDirection, .freeWrongFunction:
      "Unmap with exactly the size, direction and function used to map."
    case .freeDifferentCPUAddress:
      "dma_free_coherent needs the CPU address dma_alloc_coherent returned, not another alias."
    case .freeDifferentEntryCount, .syncDifferentEntryCount:
      "Unmap and sync a scatterlist with the nents given to dma_map_sg, not the count it "
        + "returned."
    case .syncNotAllocated, .syncOutsideRange:
      "A sync must stay inside a live mapping of the same device."
    case .syncDifferentDirection, .syncReadOnlyForCPU, .syncWriteOnlyToDevice:
      "Sync with the direction the buffer was mapped with."
    case .mapInvalidArea, .mapVmallocArea:
      "Only linear-map memory (kmalloc, __get_free_pages) has the one physical address "
        + "dma_map_single needs; vmalloc and other areas are not physically contiguous."
    case .mapStack:
      "A stack buffer shares cache lines with live stack data (and a vmapped stack is not "
        + "physically contiguous): DMA to it corrupts the stack or reads garbage."
    case .mapKernelText:
      "Kernel text and rodata are not buffers: a device writing there corrupts the kernel."
    case .sgSegmentTooLong, .sgSegmentAcrossBoundary:
      "The device cannot address this segment as one transfer: the scatterlist ignores its "
        + "dma_parms (max segment size and boundary)."
    case .overlappingCacheline:
      "Two mappings the device may write share a cache line: maintenance on one can destroy "
        + "the other's data."
    case .overlapLimitExceeded:
      "More than seven live mappings share this cache line: mappings are probably leaking."
    case .cachelineTrackingOutOfMemory:
      "dma-debug could not track another cache line and switched itself off."
    case .pendingAtRelease:
      "A driver must unmap and free every DMA buffer in its remove path: after unbinding "
        + "nobody will, and the device may still write to the memory."
    }
  }
}
