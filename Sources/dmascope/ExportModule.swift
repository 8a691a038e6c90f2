import ArgumentParser
import DMAModuleExport
import DMAScenario
import Foundation

/// `dmascope export-module`: a scenario as a Linux kernel module (C source and Kbuild), or with
/// `--trace` dmascope's own values in the module's output format.
struct ExportModule: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-module",
    abstract: "Write a scenario's DMA calls as a Linux kernel module (C source and Kbuild).",
    discussion: """
      The module binds a platform driver to the compatible of the scenario's device (a node \
      of the board's device tree, such as `dmascope-dev { compatible = "dmascope,module"; };`) \
      and in probe performs the scenario's calls in order, printing one line per call: \
      `dmascope: L<line> <call> ret=... handle=0x... pa=0x...`. --trace prints dmascope's own \
      values in that format instead (CMA and swiotlb addresses in hex, buddy pages as \
      page+0xOFF, slab objects as slab). Calls a module cannot make are refused with \
      file:line:column. Exportable: \(ModuleExporter.exportable.joined(separator: ", ")).
      Build with: make -C HEADERS M=DIR ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
      """)

  @ArgumentParser.Argument(help: "A scenario file (or built-in lesson).")
  var scenario: String

  @Option(help: "The folder to write <name>.c and Kbuild into (it must exist).")
  var out: String = "."

  @Option(help: "The module's name (a C identifier); default dmascope_<file name>.")
  var name: String?

  @Flag(help: "Replace <name>.c and Kbuild when they exist.")
  var force = false

  @Flag(help: "Print dmascope's values in the module's format instead of writing files.")
  var trace = false

  func validate() throws {
    if let name, !ModuleExporter.isModuleName(name) {
      throw ValidationError(
        "--name \(name): not a module name; use letters, digits and _ (at most 55, no digit first)")
    }
  }

  func run() throws {
    let loaded = try ScenarioLoader.loadWithSource(scenario)
    let moduleName = name ?? ModuleExporter.moduleName(forFile: loaded.fileName)
    let module: ExportedModule
    switch ModuleExporter.export(loaded.scenario, name: moduleName) {
    case .success(let exported): module = exported
    case .failure(let refusals):
      Output.error(refusals.rendered)
      let count = refusals.all.count
      Output.error(
        "\(count) statement\(count == 1 ? "" : "s") of \(loaded.fileName) cannot be exported")
      throw ExitCode(1)
    }
    if trace {
      do {
        for line in try ModuleTrace.lines(loaded.scenario) { print(line) }
      } catch {
        throw UsageError("\(loaded.fileName): \(error.message)")
      }
      return
    }
    try Self.checkFolder(out)
    let files = [("\(moduleName).c", module.source), ("Kbuild", module.kbuild)]
    if !force {
      for (file, _) in files where FileManager.default.fileExists(atPath: "\(out)/\(file)") {
        throw UsageError(
          "\(out)/\(file) exists; export-module overwrites nothing unless asked",
          hint: "pass --force to replace it, or choose another --out")
      }
    }
    for (file, text) in files { try FileWriter.write(text, to: "\(out)/\(file)") }
    print("\(out)/\(moduleName).c")
    print("\(out)/Kbuild")
  }

  /// `--out` must be a folder this process can write into.
  static func checkFolder(_ path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw UsageError("--out \(path): no such folder", hint: "create it first (mkdir -p)")
    }
    guard isFolder.boolValue else {
      throw UsageError("--out \(path): not a folder", hint: "name a folder to write into")
    }
    guard access(path, W_OK | X_OK) == 0 else {
      throw UsageError(
        "--out \(path): cannot write there: \(String(cString: strerror(errno)))",
        hint: "choose a folder you can write to")
    }
  }
}
