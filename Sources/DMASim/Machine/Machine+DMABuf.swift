extension Machine {
  /// Runs one dma-buf call.
  mutating func executeDMABuf(_ call: DMABufCall, result: String?) {
    switch call {
    case .export(let size): dmaBufExport(size: size, result: result)
    case .vmap(let buffer): dmaBufVmap(buffer, result: result)
    case .attach(let buffer, let device): dmaBufAttach(buffer, device, result: result)
    case .mapAttachment(let attachment, let direction):
      dmaBufMapAttachment(attachment, direction, result: result)
    case .unmapAttachment(let attachment, _, let direction):
      dmaBufUnmapAttachment(attachment, direction)
    case .detach(let buffer, let attachment): dmaBufDetach(buffer, attachment)
    case .beginCPUAccess(let buffer, let direction):
      dmaBufCPUAccess(buffer, direction, begin: true)
    case .endCPUAccess(let buffer, let direction):
      dmaBufCPUAccess(buffer, direction, begin: false)
    }
  }

  /// `dma_buf_export`: the exporter (a system heap) takes pages one at a time, as
  /// `alloc_pages` hands them out, so they need not be contiguous.
  private mutating func dmaBufExport(size: UInt64, result: String?) {
    let count = max(1, (size + PhysicalMemory.pageSize - 1) / PhysicalMemory.pageSize)
    var allocator = allocators.pages
    var backing: [PhysAddr] = []
    for _ in 0..<count {
      guard let page = allocator.allocatePage() else { break }
      backing.append(page)
      // Another allocation takes the page between, as on a busy system.
      if backing.count < count { _ = allocator.allocatePage() }
    }
    guard backing.count == Int(count) else {
      log(.kernel, "dma_buf_export", "dma_buf_export(\(size)) = ERR_PTR(-ENOMEM)")
      assign(.error(.enomem), to: result)
      return
    }
    allocators.pages = allocator
    let buffer = DMABuf(id: run.nextID, size: count * PhysicalMemory.pageSize, pages: backing)
    run.nextID += 1
    dma.dmaBufs.append(buffer)
    assign(.dmaBuf(buffer.id), to: result)
    log(
      .kernel, "dma_buf_export",
      "dma_buf_export: dmabuf\(buffer.id), \(buffer.size) bytes in \(count) page(s) at "
        + backing.map(\.hex).joined(separator: ", "),
      detail: "The exporter owns the pages. Every importer will get its own sg_table, mapped "
        + "for its own device, so each sees the same pages at its own bus addresses.")
  }

  /// `dma_buf_vmap`: one cacheable kernel mapping of all the pages in the vmalloc area.
  private mutating func dmaBufVmap(_ operand: Operand, result: String?) {
    guard let index = dmaBufIndex(operand, "dma_buf_vmap") else { return }
    let buffer = dma.dmaBufs[index]
    let virtual = buffer.vmap ?? VirtAddr(allocators.nextVmalloc)
    if buffer.vmap == nil {
      allocators.nextVmalloc += UInt64(buffer.pages.count + 1) * PhysicalMemory.pageSize
      for (number, page) in buffer.pages.enumerated() {
        memory.pageTable.add(
          KernelMapping(
            name: "vmap dmabuf\(buffer.id)",
            virtualBase: virtual.advanced(by: UInt64(number) * PhysicalMemory.pageSize),
            physicalBase: page, size: PhysicalMemory.pageSize, memoryType: .normalWriteBack,
            granule: PhysicalMemory.pageSize))
      }
      dma.dmaBufs[index].vmap = virtual
      allocators.allocations.append(
        Allocation(
          id: run.nextID, name: result ?? "dmabuf\(buffer.id)", allocator: "dma-buf vmap",
          virtualAddress: virtual, physical: buffer.pages[0], size: buffer.size,
          reservedSize: buffer.size, allocatedAtStep: stepCount))
      run.nextID += 1
    }
    assign(.pointer(virtual), to: result)
    log(
      .kernel, "dma_buf_vmap",
      "dma_buf_vmap(dmabuf\(buffer.id)) = \(virtual.hex): \(buffer.pages.count) page(s) mapped "
        + "write-back in the vmalloc area")
  }

  /// `dma_buf_attach`: the importer announces itself; nothing is mapped yet.
  private mutating func dmaBufAttach(_ operand: Operand, _ device: String, result: String?) {
    guard let index = dmaBufIndex(operand, "dma_buf_attach") else { return }
    let attachment = DMABuf.Attachment(id: run.nextID, device: device)
    run.nextID += 1
    dma.dmaBufs[index].attachments.append(attachment)
    assign(.dmaBufAttachment(attachment.id), to: result)
    log(
      .kernel, "dma_buf_attach",
      "dma_buf_attach(dmabuf\(dma.dmaBufs[index].id), \(deviceName(device))) = attach\(attachment.id)"
    )
  }

  /// `dma_buf_map_attachment` → the exporter's `map_dma_buf`: an sg_table of the pages, mapped
  /// for the importing device with `dma_map_sgtable` (dma-direct or the IOMMU decides the
  /// addresses).
  private mutating func dmaBufMapAttachment(
    _ operand: Operand, _ direction: DMADataDirection, result: String?
  ) {
    guard let (index, slot) = attachmentIndex(operand, "dma_buf_map_attachment") else { return }
    let buffer = dma.dmaBufs[index]
    let attachment = buffer.attachments[slot]
    guard attachment.table == nil else {
      log(
        .debug, "dma_buf_map_attachment",
        "attach\(attachment.id) is already mapped: unmap it before mapping it again")
      return
    }
    let entries = buffer.pages.map {
      ScatterList.Entry(
        virtualAddress: memory.pageTable.linearAddress(of: $0), length: PhysicalMemory.pageSize,
        physical: $0)
    }
    let table = ScatterList(id: run.nextID, entries: entries)
    run.nextID += 1
    dma.scatterLists.append(table)
    dma.dmaBufs[index].attachments[slot].table = table.id
    dma.dmaBufs[index].attachments[slot].direction = direction
    log(
      .kernel, "dma_buf_map_attachment",
      "dma_buf_map_attachment(attach\(attachment.id), \(direction.kernelName)) → map_dma_buf: "
        + "sgt\(table.id) with \(entries.count) page(s), dma_map_sgtable for "
        + "\(deviceName(attachment.device))")
    mapSG(attachment.device, dma.scatterLists.count - 1, entries.count, direction, result: nil)
    assign(.scatterList(table.id), to: result)
  }

  /// `dma_buf_unmap_attachment` → `unmap_dma_buf`: `dma_unmap_sgtable` with the original
  /// entry count.
  private mutating func dmaBufUnmapAttachment(_ operand: Operand, _ direction: DMADataDirection) {
    guard let (index, slot) = attachmentIndex(operand, "dma_buf_unmap_attachment") else { return }
    unmapAttachment(index, slot, direction)
  }

  private mutating func unmapAttachment(_ index: Int, _ slot: Int, _ direction: DMADataDirection) {
    let attachment = dma.dmaBufs[index].attachments[slot]
    guard let id = attachment.table, let table = dma.scatterLists.firstIndex(where: { $0.id == id })
    else {
      log(
        .debug, "dma_buf_unmap_attachment", "attach\(attachment.id) is not mapped")
      return
    }
    log(
      .kernel, "dma_buf_unmap_attachment",
      "dma_buf_unmap_attachment(attach\(attachment.id), sgt\(id), \(direction.kernelName)) → "
        + "unmap_dma_buf: dma_unmap_sgtable for \(deviceName(attachment.device))")
    unmapSG(attachment.device, table, dma.scatterLists[table].entries.count, direction)
    dma.dmaBufs[index].attachments[slot].table = nil
    dma.dmaBufs[index].attachments[slot].direction = nil
  }

  /// `dma_buf_detach`: a still-mapped attachment is unmapped first, with a warning.
  private mutating func dmaBufDetach(_ bufferOperand: Operand, _ operand: Operand) {
    guard dmaBufIndex(bufferOperand, "dma_buf_detach") != nil,
      let (index, slot) = attachmentIndex(operand, "dma_buf_detach")
    else { return }
    let attachment = dma.dmaBufs[index].attachments[slot]
    if attachment.table != nil {
      log(
        .debug, "dma_buf_detach",
        "attach\(attachment.id) is detached while still mapped: the importer forgot "
          + "dma_buf_unmap_attachment")
      unmapAttachment(index, slot, attachment.direction ?? .bidirectional)
    }
    dma.dmaBufs[index].attachments.remove(at: slot)
    log(
      .kernel, "dma_buf_detach",
      "dma_buf_detach(dmabuf\(dma.dmaBufs[index].id), attach\(attachment.id)): "
        + "\(deviceName(attachment.device)) let go")
  }

  /// `dma_buf_begin_cpu_access` / `dma_buf_end_cpu_access`: the system heap syncs the
  /// sg_table of every mapped attachment, for the CPU or back for its device.
  private mutating func dmaBufCPUAccess(
    _ operand: Operand, _ direction: DMADataDirection, begin: Bool
  ) {
    let function = begin ? "dma_buf_begin_cpu_access" : "dma_buf_end_cpu_access"
    guard let index = dmaBufIndex(operand, function) else { return }
    let mapped = dma.dmaBufs[index].attachments.filter { $0.table != nil }
    log(
      .kernel, function,
      "\(function)(dmabuf\(dma.dmaBufs[index].id), \(direction.kernelName)): "
        + (begin ? "dma_sync_sgtable_for_cpu" : "dma_sync_sgtable_for_device")
        + " for each of \(mapped.count) mapped attachment(s)",
      detail: begin
        ? "The CPU may now read what the devices wrote; each importer's mapping is synced."
        : "The CPU's writes are made visible to every importing device (cleaned to RAM for "
          + "non-coherent ones).")
    for attachment in mapped {
      guard let id = attachment.table,
        let table = dma.scatterLists.firstIndex(where: { $0.id == id })
      else { continue }
      syncSG(
        forCPU: begin, attachment.device, table, dma.scatterLists[table].entries.count, direction)
    }
  }

  private mutating func dmaBufIndex(_ operand: Operand, _ function: String) -> Int? {
    guard let value = resolve(operand, for: function) else { return nil }
    guard case .dmaBuf(let id) = value, let index = dma.dmaBufs.firstIndex(where: { $0.id == id })
    else {
      log(.debug, function, "\(operand.text) is \(value.text), not a dma_buf")
      return nil
    }
    return index
  }

  private mutating func attachmentIndex(_ operand: Operand, _ function: String) -> (Int, Int)? {
    guard let value = resolve(operand, for: function) else { return nil }
    if case .dmaBufAttachment(let id) = value {
      for (index, buffer) in dma.dmaBufs.enumerated() {
        if let slot = buffer.attachments.firstIndex(where: { $0.id == id }) {
          return (index, slot)
        }
      }
    }
    log(.debug, function, "\(operand.text) is \(value.text), not a live dma_buf_attachment")
    return nil
  }
}
