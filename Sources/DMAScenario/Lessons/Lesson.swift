/// A built-in lesson: a scenario with narration, shipped inside dmascope.
public struct Lesson: Hashable, Sendable {
  /// The short name used on the command line (`first-transfer`).
  public var name: String
  /// A one-line summary for `dmascope lessons`.
  public var summary: String
  /// The scenario source.
  public var source: String

  /// The file name diagnostics use for the lesson.
  public var fileName: String { "\(name).dms" }
}

/// The built-in lessons, in course order.
public enum LessonLibrary {
  /// Every built-in lesson, in course order. The course, part by part (lessons other topics
  /// add go in their part):
  /// 1. Getting started: the tour, the first transfer.
  /// 2. Memory a device can reach: DMA-able memory; address spaces, the IOMMU; DMA masks and
  ///    bounce buffers; reserved memory, coherent pools, CMA.
  /// 3. Streaming DMA: the missing clean, receiving (directions), sync for CPU and device,
  ///    mapping errors and unwinding, cacheline sharing, scatter-gather.
  /// 4. Coherent DMA: coherent buffers and the non-cacheable remap, cache modes, dma_pool,
  ///    sharing one buffer between devices.
  /// 5. The DMA engine: the client flow step by step, virtual channels and the arbiter,
  ///    descriptor rings and barriers, cyclic audio and termination, dmatest.
  public static let all: [Lesson] = [
    tour, firstTransfer,
    dmaAbleMemory, dmaMasksAndBounceBuffers, reservedMemory, cmaLending,
    missingClean, uartReceive, syncReuse, mappingErrors, cachelineSharing, iommuScatterGather,
    scatterGatherMMC,
    coherentBuffer, cacheModes, dmaPool, dmaBufSharing,
    dmaengineClientFlow, arbiter, descriptorRing, cyclicAudio, pauseTerminateReuse, dmatest,
  ]

  /// The lesson the tests and recordings use as the reference (`first-transfer`).
  public static let defaultLesson = firstTransfer

  /// The lesson `dmascope` (or `dmascope run`) opens when none is named.
  public static let startLesson = tour

  /// Finds a lesson by name.
  public static func lesson(named name: String) -> Lesson? { all.first { $0.name == name } }
}
