import DMAModuleExport
import Testing

@Suite struct ModuleExporterTests {
  @Test func moduleNamesComeFromFileNames() {
    #expect(
      ModuleExporter.moduleName(forFile: "modules/cma-coherent.dms") == "dmascope_cma_coherent")
    #expect(ModuleExporter.isModuleName("dmascope_pool"))
    #expect(!ModuleExporter.isModuleName("9pool"))
    #expect(!ModuleExporter.isModuleName("a-b"))
  }
}
