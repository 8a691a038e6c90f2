import DMAScenario
import DMASim

/// `dmascope export-module`: writes a scenario's allocation and mapping calls as a Linux kernel
/// module. The module registers a platform driver for the compatible of the scenario's device
/// (a node of the board's device tree, so the real kernel's `of_dma_configure` gives it the
/// same `dma-coherent` flag and masks dmascope reads) and, in `probe`, performs the calls in
/// order, printing one line per call in the format `ModuleTrace` prints dmascope's own values
/// in: `dmascope: L<line> <call> ret=... handle=0x... pa=0x...`.
public enum ModuleExporter {
  /// The calls that can be exported, for hints.
  public static let exportable = [
    "kmalloc", "kfree", "cpu_write", "dma_alloc_coherent", "dma_free_coherent",
    "dma_map_single", "dma_unmap_single", "dma_map_page", "dma_unmap_page",
    "dma_sync_single_for_cpu", "dma_sync_single_for_device", "dma_mapping_error",
    "dma_set_mask", "dma_set_coherent_mask", "dma_set_mask_and_coherent", "dma_pool_create",
    "dma_pool_alloc", "dma_pool_zalloc", "dma_pool_free", "dma_pool_destroy", "alloc_pages",
    "__free_pages", "page_address", "virt_to_page", "virt_to_phys",
  ]

  /// Exports `scenario` as module `name` (a C identifier), or every statement it cannot export.
  public static func export(_ scenario: Scenario, name: String) -> Result<
    ExportedModule, ExportRefusals
  > {
    var writer = ModuleWriter(scenario: scenario)
    writer.writeAll()
    if !writer.refusals.isEmpty { return .failure(ExportRefusals(all: writer.refusals)) }
    guard let device = writer.device else {
      return .failure(
        ExportRefusals(all: [
          ExportRefusal(
            fileName: scenario.fileName, line: 1, column: 1,
            message: "the scenario makes no call on a device",
            hint: "a module needs a device: add a call such as "
              + "`buf = dma_alloc_coherent(dev, 4096, h, GFP_KERNEL)` on the board's device")
        ]))
    }
    let source = ModuleSource.text(
      name: name, scenario: scenario, compatible: device.compatible,
      declarations: writer.declarations, body: writer.body)
    return .success(
      ExportedModule(
        name: name, source: source, kbuild: "obj-m += \(name).o\n",
        compatible: device.compatible))
  }

  /// Whether `name` can name a module: a C identifier of at most 55 characters
  /// (`MODULE_NAME_LEN` is 64 with the NUL and `.ko`).
  public static func isModuleName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 55 else {
      return false
    }
    let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_".unicodeScalars)
    let digits = Set("0123456789".unicodeScalars)
    return letters.contains(first)
      && name.unicodeScalars.allSatisfy { letters.contains($0) || digits.contains($0) }
  }

  /// A module name made from a scenario file name: `modules/cma-coherent.dms` →
  /// `dmascope_cma_coherent`.
  public static func moduleName(forFile fileName: String) -> String {
    let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
    let stem = base.hasSuffix(".dms") ? String(base.dropLast(4)) : base
    let cleaned = String(
      stem.unicodeScalars.map { scalar -> Character in
        let c = Character(scalar)
        return c.isASCII && (c.isLetter || c.isNumber) ? c : "_"
      })
    let name = "dmascope_" + cleaned
    return String(name.prefix(55))
  }
}

/// Every refusal of one export, in source order.
public struct ExportRefusals: Error, Hashable, Sendable {
  /// The refusals.
  public var all: [ExportRefusal]
  /// All of them rendered, one after another.
  public var rendered: String { all.map(\.rendered).joined(separator: "\n") }
}
