/// An operand of an operation: a scenario variable or a literal value.
public indirect enum Operand: Hashable, Sendable {
  /// The value of a variable assigned earlier.
  case variable(String)
  /// A literal value.
  case literal(Value)
  /// A pointer or bus address plus a byte offset.
  case offset(Operand, UInt64)

  /// How the operand is written in the scenario.
  public var text: String {
    switch self {
    case .variable(let name): name
    case .literal(let value): value.text
    case .offset(let base, let bytes): "\(base.text) + \(bytes)"
    }
  }
}

/// One kernel API call or scenario directive the simulated CPU executes.
public enum Operation: Hashable, Sendable {
  /// `say "..."`: lesson narration.
  case say(String)
  /// `pause`: a checkpoint where a running lesson stops.
  case pause
  /// `kmalloc(size, flags)`.
  case kmalloc(size: UInt64, flags: GFPFlags)
  /// `cma_alloc(dev_get_cma_area(NULL), count, align, false)`: pages from the default area,
  /// returned as their linear-map address.
  case cmaAlloc(count: UInt64, align: Int)
  /// `cma_release(area, page, count)`.
  case cmaRelease(pointer: Operand, count: UInt64)
  /// `dma_alloc_coherent(dev, size, &handle, gfp)` (or `dma_alloc_wc` with `writeCombine`):
  /// the CPU pointer goes to the action's result, the bus address to `handle`.
  case dmaAllocCoherent(
    device: String, size: UInt64, handle: String, flags: GFPFlags, writeCombine: Bool)
  /// `dma_free_coherent(dev, size, cpu_addr, handle)`.
  case dmaFreeCoherent(device: String, size: UInt64, pointer: Operand, handle: Operand)
  /// `kfree(ptr)`.
  case kfree(Operand)
  /// `cpu_write(ptr, offset, bytes)`: CPU stores through its mapping of `ptr`.
  case cpuWrite(pointer: Operand, offset: UInt64, bytes: [UInt8])
  /// `cpu_read(ptr, offset, length)`: CPU loads through its mapping of `ptr`.
  case cpuRead(pointer: Operand, offset: UInt64, length: UInt64)
  /// `dma_request_chan(dev, name)`.
  case dmaRequestChan(device: String, name: String)
  /// `dma_release_channel(chan)`.
  case dmaReleaseChannel(channel: Operand)
  /// `dmaengine_slave_config(chan, &config)`.
  case dmaengineSlaveConfig(channel: Operand, config: SlaveConfig)
  /// `dma_map_single(dev, ptr, size, dir)`.
  case dmaMapSingle(device: String, pointer: Operand, size: UInt64, direction: DMADataDirection)
  /// `dma_unmap_single(dev, handle, size, dir)`.
  case dmaUnmapSingle(device: String, handle: Operand, size: UInt64, direction: DMADataDirection)
  /// `dma_sync_single_for_cpu(dev, handle, size, dir)`: give the buffer to the CPU.
  case dmaSyncSingleForCPU(
    device: String, handle: Operand, size: UInt64, direction: DMADataDirection)
  /// `dma_sync_single_for_device(dev, handle, size, dir)`: give the buffer back to the device.
  case dmaSyncSingleForDevice(
    device: String, handle: Operand, size: UInt64, direction: DMADataDirection)
  /// `virt_to_phys(ptr)`: a physical address with no mapping and no cache maintenance.
  case virtToPhys(pointer: Operand)
  /// `dma_mapping_error(dev, handle)`.
  case dmaMappingError(device: String, handle: Operand)
  /// `dmaengine_prep_slave_single(chan, buf, len, dir, flags)`.
  case prepSlaveSingle(
    channel: Operand, buffer: Operand, length: UInt64, direction: DMATransferDirection,
    flags: DMACtrlFlags)
  /// `dmaengine_prep_dma_memcpy(chan, dst, src, len, flags)`.
  case prepDmaMemcpy(
    channel: Operand, destination: Operand, source: Operand, length: UInt64, flags: DMACtrlFlags)
  /// `dmaengine_prep_dma_cyclic(chan, buf, buf_len, period_len, dir, flags)`.
  case prepDmaCyclic(
    channel: Operand, buffer: Operand, bufferLength: UInt64, periodLength: UInt64,
    direction: DMATransferDirection, flags: DMACtrlFlags)
  /// `dma_request_chan_by_mask(&mask)` for a capability such as `DMA_MEMCPY`.
  case dmaRequestChanByMask(capability: String)
  /// `dmaengine_pause(chan)`.
  case dmaPause(channel: Operand)
  /// `chan->cookie = N` or `chan->completed_cookie = N`: a scenario sets a channel's cookie
  /// counters (struct dma_chan), for example near `INT_MAX` to show `dma_cookie_assign` wrap.
  case setChannelCookie(channel: Operand, field: ChannelCookieField, value: Int32)
  /// `dmaengine_resume(chan)`.
  case dmaResume(channel: Operand)
  /// `dmaengine_terminate_async(chan)`.
  case terminateAsync(channel: Operand)
  /// `dmaengine_terminate_sync(chan)`.
  case terminateSync(channel: Operand)
  /// `dmaengine_synchronize(chan)`.
  case synchronize(channel: Operand)
  /// `dmaengine_desc_set_reuse(desc)`.
  case descSetReuse(descriptor: Operand)
  /// `dmaengine_desc_free(desc)`.
  case descFree(descriptor: Operand)
  /// Bytes arriving on a peripheral's receive wire (a device-side action).
  case deviceReceive(device: String, bytes: [UInt8])
  /// `sg_init_table(sgl, nents)`: a scatter-gather table of `count` empty entries.
  case sgInitTable(count: Int)
  /// `sg_set_buf(&sgl[index], buf, len)`.
  case sgSetBuf(table: Operand, index: Int, pointer: Operand, length: UInt64)
  /// `dma_map_sg(dev, sgl, nents, dir)`.
  case dmaMapSG(device: String, table: Operand, count: Int, direction: DMADataDirection)
  /// `dma_unmap_sg(dev, sgl, nents, dir)`.
  case dmaUnmapSG(device: String, table: Operand, count: Int, direction: DMADataDirection)
  /// `dma_sync_sg_for_cpu` (`forCPU`) or `dma_sync_sg_for_device` over the first `count`
  /// entries (the `nents` passed to `dma_map_sg`).
  case dmaSyncSG(
    forCPU: Bool, device: String, table: Operand, count: Int, direction: DMADataDirection)
  /// `dmaengine_prep_slave_sg(chan, sgl, sg_len, dir, flags)`.
  case prepSlaveSG(
    channel: Operand, table: Operand, count: Operand, direction: DMATransferDirection,
    flags: DMACtrlFlags)
  /// `dmaengine_submit(desc)`.
  case submit(descriptor: Operand)
  /// `dma_async_issue_pending(chan)`.
  case issuePending(channel: Operand)
  /// `dmaengine_tx_status(chan, cookie, &state)`.
  case txStatus(channel: Operand, cookie: Operand)
  /// `wait_for_completion(&done)` on the completion the descriptor's callback signals.
  case waitForCompletion(cookie: Operand)
  /// `run N ticks`: let the hardware run while the CPU idles.
  case runTicks(UInt64)
  /// `expect EXPR`: checks the machine's state without a step (like `say`); a failure is
  /// logged and recorded, and the program goes on.
  case expect(Expectation)
  /// `ask "question" answer "text"`: a quiz prompt, evaluated without a step. The terminal UI
  /// stops and lets the student answer; headless runs show it with its expected answer.
  case ask(question: String, answer: String, choices: [String], explanation: String? = nil)
  /// A branch, jump, loop back edge or integer assignment of the driver's control flow.
  case control(ControlFlow)
  /// `vmalloc(size)`: virtually contiguous pages in the vmalloc area.
  case vmalloc(size: UInt64)
  /// `__get_free_pages(gfp, order)`: 2^order contiguous pages in the linear map.
  case getFreePages(order: Int, flags: GFPFlags)
  /// `char buf[size]` on the kernel stack (vmapped with `CONFIG_VMAP_STACK`).
  case stackBuffer(size: UInt64, vmapped: Bool)
  // Memory attributes (memattr): barriers, remaps, page-table dumps.
  /// `wmb()`, `rmb()`, `mb()`, `dma_wmb()`, `dma_rmb()`.
  case barrier(MemoryBarrier)
  /// `ioremap`, `ioremap_wc`, `ioremap_np`, `memremap(…, MEMREMAP_WB/WC)` of a physical range.
  case remap(RemapKind, physical: UInt64, size: UInt64)
  /// `iounmap(ptr)` / `memunmap(ptr)`.
  case unmapRemap(pointer: Operand, memunmap: Bool)
  /// `show_pte(addr)`: print the page-table walk for a kernel address.
  case showPTE(pointer: Operand)
  // Engine: interleaved transfers and the block and network devices.
  /// Filling in a `struct dma_interleaved_template` (logged; the prep carries a copy).
  case interleavedTemplate(name: String, template: InterleavedTemplate)
  /// `dmaengine_prep_interleaved_dma(chan, xt, flags)`.
  case prepInterleaved(channel: Operand, template: InterleavedTemplate, flags: DMACtrlFlags)
  /// The MMC host driver sends a data command: read or write `blocks` blocks at `lba`.
  case mmcCommand(device: String, opcode: MMCOpcode, lba: UInt64, blocks: UInt64)
  /// `writel(value, regs + REG)`: a register write to a device (a NIC's ring base or doorbell).
  case writel(device: String, register: DeviceRegister, value: Operand)
  /// `*(__le32 *)(ptr + offset) = cpu_to_le32(value)`: a 32-bit store of a number or a bus
  /// address into memory (a descriptor field).
  case cpuWriteLE32(pointer: Operand, offset: UInt64, value: Operand)
  // Masks and dma_pool.
  /// `dma_set_mask`, `dma_set_coherent_mask` or `dma_set_mask_and_coherent`.
  case dmaSetMask(device: String, mask: UInt64, kind: MaskKind)
  /// `dma_set_max_seg_size`, `dma_set_seg_boundary` or `dma_set_min_align_mask`.
  case dmaSetParameter(device: String, parameter: DMAParameter, value: UInt64)
  /// `dma_get_max_seg_size`, `dma_get_seg_boundary` or `dma_get_min_align_mask`.
  case dmaGetParameter(device: String, parameter: DMAParameter)
  /// `of_reserved_mem_device_init(dev)`.
  case reservedMemDeviceInit(device: String)
  /// `of_reserved_mem_device_release(dev)`.
  case reservedMemDeviceRelease(device: String)
  /// `dma_pool_create(name, dev, size, align, boundary)`.
  case dmaPoolCreate(name: String, device: String, size: UInt64, align: UInt64, boundary: UInt64)
  /// `dma_pool_alloc(pool, gfp, &handle)`, or `dma_pool_zalloc` with `zero`.
  case dmaPoolAlloc(pool: Operand, flags: GFPFlags, handle: String, zero: Bool)
  /// `dma_pool_free(pool, vaddr, dma)`.
  case dmaPoolFree(pool: Operand, pointer: Operand, handle: Operand)
  /// `dma_pool_destroy(pool)`.
  case dmaPoolDestroy(pool: Operand)
  // Pages, dma_map_page and driver unbinding.
  /// `alloc_pages(gfp, order)`: a `struct page *` heading 2^order contiguous pages.
  case allocPages(order: Int, flags: GFPFlags)
  /// `virt_to_page(ptr)` (linear map) or, with `vmalloc`, `vmalloc_to_page(ptr)`.
  case virtToPage(pointer: Operand, vmalloc: Bool)
  /// `page_address(page)`: the page's linear-map address.
  case pageAddress(page: Operand)
  /// `dma_map_page(dev, page, offset, size, dir)`.
  case dmaMapPage(
    device: String, page: Operand, offset: UInt64, size: UInt64, direction: DMADataDirection)
  /// `dma_unmap_page(dev, handle, size, dir)`.
  case dmaUnmapPage(device: String, handle: Operand, size: UInt64, direction: DMADataDirection)
  /// `device_release_driver(dev)`: the driver is unbound (dma-debug's bus notifier runs).
  case deviceReleaseDriver(device: String)
  /// `__free_pages(page, order)`.
  case freePages(page: Operand, order: Int)
  // The dmatest module.
  /// `modprobe dmatest` with its parameters, `echo 1 > run`, then `cat wait`: dmatest's
  /// threads run on the board's memcpy channels; the result is the number of failures.
  case dmatestRun(options: DmatestOptions)
  // Waiting on the hardware.
  /// `run until complete(cookie)`: the CPU polls `dma_async_is_tx_complete` until the cookie is
  /// `DMA_COMPLETE`, giving up (a failed check) when it never can be or after `limit` ticks.
  case runUntilComplete(cookie: Operand, limit: UInt64)
  /// `run until idle`: the CPU idles until no hardware event is pending, or `limit` ticks pass.
  case runUntilIdle(limit: UInt64)
  /// `alloc_pages(GFP_HIGHUSER_MOVABLE, order)`: a movable block (page cache, anonymous
  /// memory) placed by the buddy allocator's CMA balance rule.
  case allocMovablePages(order: Int)
  /// `pin_user_pages` (`pin`) or `unpin_user_page` on a `struct page *`.
  case pinUserPage(page: Operand, pin: Bool)
  /// The dma-buf calls (`drivers/dma-buf/dma-buf.c` with a system-heap-style exporter).
  case dmaBuf(DMABufCall)

  /// The kernel function (or directive) name.
  public var functionName: String {
    switch self {
    case .say: "say"
    case .pause: "pause"
    case .control(let flow):
      switch flow {
      case .branchUnless: "if"
      case .jump: "jump"
      case .loop: "loop"
      case .assign: "assign"
      }
    case .kmalloc: "kmalloc"
    case .dmaAllocCoherent(_, _, _, _, let writeCombine):
      writeCombine ? "dma_alloc_wc" : "dma_alloc_coherent"
    case .dmaFreeCoherent: "dma_free_coherent"
    case .cmaAlloc: "cma_alloc"
    case .cmaRelease: "cma_release"
    case .kfree: "kfree"
    case .cpuWrite: "cpu_write"
    case .cpuRead: "cpu_read"
    case .dmaRequestChan: "dma_request_chan"
    case .dmaReleaseChannel: "dma_release_channel"
    case .dmaengineSlaveConfig: "dmaengine_slave_config"
    case .dmaMapSingle: "dma_map_single"
    case .dmaUnmapSingle: "dma_unmap_single"
    case .dmaSyncSingleForCPU: "dma_sync_single_for_cpu"
    case .dmaSyncSingleForDevice: "dma_sync_single_for_device"
    case .virtToPhys: "virt_to_phys"
    case .dmaMappingError: "dma_mapping_error"
    case .prepSlaveSingle: "dmaengine_prep_slave_single"
    case .prepDmaMemcpy: "dmaengine_prep_dma_memcpy"
    case .prepDmaCyclic: "dmaengine_prep_dma_cyclic"
    case .dmaRequestChanByMask: "dma_request_chan_by_mask"
    case .dmaPause: "dmaengine_pause"
    case .setChannelCookie(_, let field, _): "chan->\(field.rawValue)"
    case .dmaResume: "dmaengine_resume"
    case .terminateAsync: "dmaengine_terminate_async"
    case .terminateSync: "dmaengine_terminate_sync"
    case .synchronize: "dmaengine_synchronize"
    case .descSetReuse: "dmaengine_desc_set_reuse"
    case .descFree: "dmaengine_desc_free"
    case .deviceReceive: "device_receive"
    case .sgInitTable: "sg_init_table"
    case .sgSetBuf: "sg_set_buf"
    case .dmaMapSG: "dma_map_sg"
    case .dmaUnmapSG: "dma_unmap_sg"
    case .dmaSyncSG(let forCPU, _, _, _, _):
      forCPU ? "dma_sync_sg_for_cpu" : "dma_sync_sg_for_device"
    case .prepSlaveSG: "dmaengine_prep_slave_sg"
    case .submit: "dmaengine_submit"
    case .issuePending: "dma_async_issue_pending"
    case .txStatus: "dmaengine_tx_status"
    case .waitForCompletion: "wait_for_completion"
    case .runTicks: "run"
    case .expect: "expect"
    case .ask: "ask"
    case .vmalloc: "vmalloc"
    case .getFreePages: "__get_free_pages"
    case .stackBuffer: "stack_buffer"
    case .barrier(let barrier): barrier.kernelName
    case .remap(let kind, _, _): kind.kernelName
    case .unmapRemap(_, let memunmap): memunmap ? "memunmap" : "iounmap"
    case .showPTE: "show_pte"
    case .interleavedTemplate: "dma_interleaved_template"
    case .prepInterleaved: "dmaengine_prep_interleaved_dma"
    case .mmcCommand: "mmc_send_cmd"
    case .writel: "writel"
    case .cpuWriteLE32: "cpu_write_le32"
    case .dmaSetMask(_, _, let kind): kind.functionName
    case .dmaSetParameter(_, let parameter, _): parameter.functionName
    case .dmaGetParameter(_, let parameter): parameter.getterName
    case .reservedMemDeviceInit: "of_reserved_mem_device_init"
    case .reservedMemDeviceRelease: "of_reserved_mem_device_release"
    case .dmaPoolCreate: "dma_pool_create"
    case .dmaPoolAlloc(_, _, _, let zero): zero ? "dma_pool_zalloc" : "dma_pool_alloc"
    case .dmaPoolFree: "dma_pool_free"
    case .dmaPoolDestroy: "dma_pool_destroy"
    case .allocPages: "alloc_pages"
    case .virtToPage(_, let vmalloc): vmalloc ? "vmalloc_to_page" : "virt_to_page"
    case .pageAddress: "page_address"
    case .dmaMapPage: "dma_map_page"
    case .dmaUnmapPage: "dma_unmap_page"
    case .deviceReleaseDriver: "device_release_driver"
    case .freePages: "__free_pages"
    case .dmatestRun: "dmatest_run"
    case .runUntilComplete, .runUntilIdle: "run"
    case .allocMovablePages: "alloc_pages"
    case .pinUserPage(_, let pin): pin ? "pin_user_pages" : "unpin_user_page"
    case .dmaBuf(let call): call.functionName
    }
  }
}

extension Operation {
  /// The kernel/dma/mapping.c function whose `BUG_ON(!valid_dma_direction(dir))` this call
  /// trips: a streaming call given `DMA_NONE` (nil for every other call and direction).
  public var invalidDirectionBUG: String? {
    switch self {
    case .dmaMapSingle(_, _, _, .none), .dmaMapPage(_, _, _, _, .none):
      "dma_map_page_attrs"
    case .dmaUnmapSingle(_, _, _, .none), .dmaUnmapPage(_, _, _, .none):
      "dma_unmap_page_attrs"
    case .dmaMapSG(_, _, _, .none): "__dma_map_sg_attrs"
    case .dmaUnmapSG(_, _, _, .none): "dma_unmap_sg_attrs"
    case .dmaSyncSingleForCPU(_, _, _, .none): "__dma_sync_single_for_cpu"
    case .dmaSyncSingleForDevice(_, _, _, .none): "__dma_sync_single_for_device"
    case .dmaSyncSG(let forCPU, _, _, _, .none):
      forCPU ? "__dma_sync_sg_for_cpu" : "__dma_sync_sg_for_device"
    default: nil
    }
  }
}

/// A cookie counter of `struct dma_chan` a scenario may set.
public enum ChannelCookieField: String, Hashable, Sendable, CaseIterable {
  /// `chan->cookie`: the last cookie `dma_cookie_assign` handed out.
  case cookie
  /// `chan->completed_cookie`: the last cookie `dma_cookie_complete` completed.
  case completedCookie = "completed_cookie"
}
