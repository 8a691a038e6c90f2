/// Writes random but well-typed scenarios for the checker fuzz: calls in any order (unmapping
/// before mapping, freeing twice, submitting to a terminated channel), on several boards, with
/// sizes and offsets from tiny to huge, so the machine sees what lessons never do.
struct ScenarioGenerator {
  private var rng: SplitMix64
  private var lines: [String] = []
  private var names: [String: [String]] = [:]
  private var counter = 0

  /// Boards and the devices on each.
  static let boards = [
    ("soc", ["uart0", "i2s0", "spi0", "mmc0", "eth0"]), ("minimal", ["spi0"]),
    ("soc_iommu", ["uart0", "i2s0", "spi0", "spi1", "mmc0", "eth0"]),
    ("arm64-cma-soc", ["uart0", "spi0", "video_decoder0"]),
  ]
  private var devices: [String] = []
  static let sizes: [UInt64] = [
    1, 3, 4, 16, 63, 64, 65, 100, 128, 512, 4096, 4097, 65536, 1 << 20, 4 << 20, 1 << 30,
  ]
  static let directions = ["DMA_TO_DEVICE", "DMA_FROM_DEVICE", "DMA_BIDIRECTIONAL", "DMA_NONE"]
  static let transfers = ["DMA_MEM_TO_DEV", "DMA_DEV_TO_MEM"]
  static let overrides = [
    "cache size=4 ways=1 line=4", "cache size=64 ways=1 line=64", "cache line=128",
    "cache policy=writethrough write_allocate=off", "device spi0 coherent",
    "device uart0 mask=1 coherent_mask=1", "device mmc0 coherent mask=64",
  ]

  init(seed: UInt64) {
    rng = SplitMix64(seed: seed)
  }

  /// One scenario of `count` statements.
  mutating func scenario(statements count: Int) -> String {
    let (board, devices) = pick(Self.boards)
    self.devices = devices
    lines = ["board \(board)"]
    names = [:]
    if roll(3) { lines.append(pick(Self.overrides)) }
    for _ in 0..<count { statement() }
    return lines.joined(separator: "\n")
  }

  private mutating func roll(_ oneIn: UInt64) -> Bool { rng.next() % oneIn == 0 }

  private mutating func pick<T>(_ choices: [T]) -> T {
    choices[Int(rng.next() % UInt64(choices.count))]
  }

  private mutating func size() -> String { String(pick(Self.sizes)) }

  private mutating func small() -> String { String(pick([0, 1, 2, 3, 8, 31, 64, 4095] as [Int])) }

  /// A variable of `kind`, or a fresh name (undefined: the checker must say so) now and then.
  private mutating func use(_ kind: String) -> String? {
    guard let known = names[kind], !known.isEmpty else { return nil }
    return pick(known)
  }

  private mutating func define(_ kind: String) -> String {
    counter += 1
    let name = "\(kind)\(counter)"
    names[kind, default: []].append(name)
    return name
  }

  private mutating func emit(_ line: String) { lines.append(line) }

  private mutating func statement() {
    let device = pick(devices)
    switch rng.next() % 30 {
    case 0: emit("\(define("p")) = kmalloc(\(size()), GFP_KERNEL)")
    case 1: emit("\(define("p")) = kzalloc(\(size()), GFP_ATOMIC)")
    case 2: emit("\(define("p")) = vmalloc(\(pick([1, 100, 4096, 65536, 4 << 20])))")
    case 3: emit("\(define("p")) = __get_free_pages(GFP_KERNEL, \(pick([0, 1, 4, 10])))")
    case 4: emit("\(define("p")) = stack_buffer(\(pick([1, 64, 100, 4096])))")
    case 5:
      emit("\(define("p")) = cma_alloc(\(pick([1, 2, 16, 4096, 1 << 20])), \(pick([0, 1, 4, 8])))")
    case 6:
      let handle = define("h")
      emit("\(define("p")) = dma_alloc_coherent(\(device), \(size()), \(handle), GFP_KERNEL)")
    case 7: if let p = use("p") { emit("kfree(\(p))") }
    case 8:
      if let p = use("p") {
        emit("cpu_write(\(p), \(small()), \"0123456789abcdef\", repeat=\(pick([1, 4, 300])))")
      }
    case 9: if let p = use("p") { emit("\(define("b")) = cpu_read(\(p), \(small()), \(size()))") }
    case 10:
      if let p = use("p") {
        emit(
          "\(define("h")) = dma_map_single(\(device), \(p), \(size()), \(pick(Self.directions)))")
      }
    case 11: if let h = use("h") { emit("\(define("i")) = dma_mapping_error(\(device), \(h))") }
    case 12:
      if let h = use("h") {
        let call = pick([
          "dma_sync_single_for_cpu", "dma_sync_single_for_device", "dma_unmap_single",
        ])
        emit("\(call)(\(device), \(h), \(size()), \(pick(Self.directions)))")
      }
    case 13:
      emit("\(define("ch")) = dma_request_chan(\(device), \"\(pick(["tx", "rx"]))\")")
    case 14:
      if let ch = use("ch") {
        emit(
          "dmaengine_slave_config(\(ch), dst_addr_width=\(pick([1, 2, 4, 8])), dst_maxburst=\(pick([1, 4, 16])), src_addr_width=\(pick([1, 4])), src_maxburst=\(pick([1, 8])))"
        )
      }
    case 15:
      if let ch = use("ch"), let h = use("h") {
        emit(
          "\(define("d")) = dmaengine_prep_slave_single(\(ch), \(h), \(size()), \(pick(Self.transfers)), DMA_PREP_INTERRUPT)"
        )
      }
    case 16: if let d = use("d") { emit("\(define("c")) = dmaengine_submit(\(d))") }
    case 17: if let ch = use("ch") { emit("dma_async_issue_pending(\(ch))") }
    case 18:
      if let c = use("c") {
        emit(pick(["wait_for_completion(\(c))", "run until complete(\(c)) within 20000 ticks"]))
      }
    case 19:
      if let ch = use("ch") {
        let call = pick([
          "dmaengine_pause", "dmaengine_resume", "dmaengine_terminate_async",
          "dmaengine_terminate_sync", "dmaengine_synchronize", "dma_release_channel",
        ])
        emit("\(call)(\(ch))")
      }
    case 20:
      if let ch = use("ch"), let h = use("h") {
        emit(
          "\(define("d")) = dmaengine_prep_dma_cyclic(\(ch), \(h), \(size()), \(size()), \(pick(Self.transfers)), DMA_PREP_INTERRUPT)"
        )
      }
    case 21:
      emit("\(define("ch")) = dma_request_chan_by_mask(DMA_MEMCPY)")
      if let a = use("h"), let b = use("h") {
        emit(
          "\(define("d")) = dmaengine_prep_dma_memcpy(ch\(counter), \(a), \(b), \(size()), DMA_PREP_INTERRUPT)"
        )
      }
    case 22:
      let table = define("sg")
      let count = pick([1, 2, 3])
      emit("\(table) = sg_init_table(\(count))")
      for index in 0..<count {
        if let p = use("p") { emit("sg_set_buf(\(table), \(index), \(p), \(size()))") }
      }
    case 23:
      if let sg = use("sg") {
        let call = pick([
          "dma_map_sg", "dma_unmap_sg", "dma_sync_sg_for_cpu", "dma_sync_sg_for_device",
        ])
        let result = call == "dma_map_sg" ? "\(define("i")) = " : ""
        emit("\(result)\(call)(\(device), \(sg), \(pick([1, 2, 3])), \(pick(Self.directions)))")
      }
    case 24:
      if let ch = use("ch"), let sg = use("sg") {
        emit(
          "\(define("d")) = dmaengine_prep_slave_sg(\(ch), \(sg), \(use("i") ?? "1"), \(pick(Self.transfers)), DMA_PREP_INTERRUPT)"
        )
      }
    case 25:
      let call = pick(["dma_set_mask", "dma_set_coherent_mask", "dma_set_mask_and_coherent"])
      emit(
        "\(define("i")) = \(call)(\(device), DMA_BIT_MASK(\(pick([1, 12, 20, 24, 32, 40, 64]))))")
    case 26:
      emit(
        "\(define("pool")) = dma_pool_create(\"fuzz\", \(device), \(size()), \(pick([1, 8, 64, 4096])), \(pick([0, 256, 4096])))"
      )
    case 27:
      if let pool = use("pool") {
        if roll(2) {
          let handle = define("h")
          emit("\(define("p")) = dma_pool_alloc(\(pool), GFP_KERNEL, \(handle))")
        } else if let p = use("p"), let h = use("h") {
          emit("dma_pool_free(\(pool), \(p), \(h))")
        } else {
          emit("dma_pool_destroy(\(pool))")
        }
      }
    case 28:
      emit(
        pick([
          "wmb()", "rmb()", "mb()", "dma_wmb()", "dma_rmb()", "run 100 ticks",
          "run until idle within 20000 ticks",
        ]))
    default:
      if let d = use("d") {
        emit(pick(["dmaengine_desc_set_reuse(\(d))", "dmaengine_desc_free(\(d))"]))
      } else {
        emit("device_receive(\(device), \"incoming bytes\")")
      }
    }
  }
}
