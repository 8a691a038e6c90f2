extension DMADebug {
  /// `debug_dma_unmap_page` (for `dma_unmap_single` and `dma_unmap_page`).
  public mutating func unmapPage(
    device: DMADebugDevice, dmaAddress: DMAAddr, size: UInt64, direction: DMADataDirection
  ) -> DMADebugOutcome {
    checkUnmap(reference(device, dmaAddress, size, .single, direction))
  }

  /// `debug_dma_unmap_resource`.
  public mutating func unmapResource(
    device: DMADebugDevice, dmaAddress: DMAAddr, size: UInt64, direction: DMADataDirection
  ) -> DMADebugOutcome {
    checkUnmap(reference(device, dmaAddress, size, .resource, direction))
  }

  /// `debug_dma_free_coherent`: `physical` is the physical address behind the CPU address the
  /// driver passes to `dma_free_coherent`.
  public mutating func freeCoherent(
    device: DMADebugDevice, size: UInt64, physical: PhysAddr, dmaAddress: DMAAddr
  ) -> DMADebugOutcome {
    var ref = reference(device, dmaAddress, size, .coherent, .bidirectional)
    ref.physical = physical
    return checkUnmap(ref)
  }

  /// `debug_dma_unmap_sg`: one check per segment, stopping after the mapped count that the
  /// first segment's entry recorded. `nents` is the count the driver passes.
  public mutating func unmapSG(
    device: DMADebugDevice, segments: [DMADebugSegment], nents: Int, direction: DMADataDirection
  ) -> DMADebugOutcome {
    var outcome = DMADebugOutcome()
    var mapped = 0
    for (index, segment) in segments.prefix(max(0, nents)).enumerated() {
      var ref = reference(device, segment.dmaAddress, segment.dmaLength, .scatterGather, direction)
      ref.physical = segment.physical
      ref.sgCallEntries = nents
      if mapped != 0, index >= mapped { break }
      if index == 0 { mapped = findExact(ref)?.sgMappedEntries ?? 0 }
      let one = checkUnmap(ref)
      outcome.reports += one.reports
      outcome.entry = outcome.entry ?? one.entry
    }
    return outcome
  }

  /// `debug_dma_mapping_error`: marks the first unchecked entry with this device and address.
  public mutating func mappingError(device: DMADebugDevice, dmaAddress: DMAAddr) {
    guard !disabled else { return }
    let bucket = Self.bucket(dmaAddress)
    guard
      let index = buckets[bucket]?.firstIndex(where: {
        $0.dmaAddress == dmaAddress && $0.device == device && $0.mapErrorState == .notChecked
      })
    else { return }
    buckets[bucket]?[index].mapErrorState = .checked
  }

  /// A lookup reference, as the kernel builds one on the stack.
  func reference(
    _ device: DMADebugDevice, _ address: DMAAddr, _ size: UInt64,
    _ type: DMADebugEntry.EntryType, _ direction: DMADataDirection
  ) -> DMADebugEntry {
    DMADebugEntry(
      id: 0, device: device, dmaAddress: address, size: size, type: type, direction: direction,
      physical: PhysAddr(0), mapErrorState: .notApplicable)
  }

  /// `check_unmap`: checks 1–8, then removes the entry.
  mutating func checkUnmap(_ ref: DMADebugEntry) -> DMADebugOutcome {
    var reports: [DMADebugReport] = []
    guard !disabled else { return DMADebugOutcome() }
    let device = ref.device
    guard let entry = findExact(ref) else {
      // The kernel calls dma_mapping_error() here, which also marks an entry checked.
      mappingError(device: device, dmaAddress: ref.dmaAddress)
      if ref.dmaAddress == .mappingError {
        report(
          .freeInvalidAddress, device, nil,
          "device driver tries to free an invalid DMA memory address", into: &reports)
      } else {
        report(
          .freeNotAllocated, device, nil,
          "device driver tries to free DMA memory it has not allocated [device address="
            + "\(ref.dmaAddress.hex)] [size=\(ref.size) bytes]", into: &reports)
      }
      return DMADebugOutcome(reports: reports, entry: nil)
    }
    let address = "[device address=\(ref.dmaAddress.hex)]"
    if ref.size != entry.size {
      report(
        .freeDifferentSize, device, entry,
        "device driver frees DMA memory with different size \(address) [map size=\(entry.size) "
          + "bytes] [unmap size=\(ref.size) bytes]", into: &reports)
    }
    if ref.type != entry.type {
      report(
        .freeWrongFunction, device, entry,
        "device driver frees DMA memory with wrong function \(address) [size=\(ref.size) bytes] "
          + "[mapped as \(entry.type.kernelName)] [unmapped as \(ref.type.kernelName)]",
        into: &reports)
    } else if entry.type == .coherent, ref.physical != entry.physical {
      // The format is "0x%pa" and %pa prints its own 0x: the kernel really prints "0x0x…".
      report(
        .freeDifferentCPUAddress, device, entry,
        "device driver frees DMA memory with different CPU address \(address) [size=\(ref.size) "
          + "bytes] [cpu alloc address=0x\(entry.physical.hex)] [cpu free address=0x"
          + "\(ref.physical.hex)]", into: &reports)
    }
    if ref.sgCallEntries != 0, ref.type == .scatterGather,
      ref.sgCallEntries != entry.sgCallEntries
    {
      report(
        .freeDifferentEntryCount, device, entry,
        "device driver frees DMA sg list with different entry count [map count="
          + "\(entry.sgCallEntries)] [unmap count=\(ref.sgCallEntries)]", into: &reports)
    }
    if ref.direction != entry.direction {
      report(
        .freeDifferentDirection, device, entry,
        "device driver frees DMA memory with different direction \(address) [size=\(ref.size) "
          + "bytes] [mapped with \(entry.direction.kernelName)] [unmapped with "
          + "\(ref.direction.kernelName)]", into: &reports)
    }
    if entry.mapErrorState == .notChecked {
      report(
        .mapErrorNotChecked, device, entry,
        "device driver failed to check map error\(address) [size=\(ref.size) bytes] [mapped as "
          + "\(entry.type.kernelName)]", into: &reports)
    }
    remove(entry)
    return DMADebugOutcome(reports: reports, entry: entry)
  }
}

/// One scatterlist segment as dma-debug sees it.
public struct DMADebugSegment: Hashable, Sendable {
  /// `sg_phys()`.
  public var physical: PhysAddr
  /// The CPU address (for the stack and kernel-text checks).
  public var virtualAddress: VirtAddr
  /// `sg->length`.
  public var length: UInt32
  /// `sg_dma_address()`.
  public var dmaAddress: DMAAddr
  /// `sg_dma_len()`.
  public var dmaLength: UInt64
  /// What kind of memory the segment's pages are.
  public var memory: DMADebugMemory

  /// Creates a segment; by default the DMA length equals `length`.
  public init(
    physical: PhysAddr, virtualAddress: VirtAddr, length: UInt32, dmaAddress: DMAAddr,
    dmaLength: UInt64? = nil, memory: DMADebugMemory = .ordinary
  ) {
    self.physical = physical
    self.virtualAddress = virtualAddress
    self.length = length
    self.dmaAddress = dmaAddress
    self.dmaLength = dmaLength ?? UInt64(length)
    self.memory = memory
  }
}

/// What kind of memory a mapped page is, for the map-time checks 17 and 18.
public enum DMADebugMemory: Hashable, Sendable {
  /// Ordinary memory.
  case ordinary
  /// The current task's stack in the linear map.
  case stack
  /// The current task's stack, vmapped (`CONFIG_VMAP_STACK`).
  case vmappedStack
  /// Kernel text or rodata.
  case kernelText
}
