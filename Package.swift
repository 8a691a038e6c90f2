// swift-tools-version:6.0
// dmascope: see ARCHITECTURE.md for the module graph. Dependencies point one way only:
// dmascope → DMAApp → DMAPanels → (DMASim, TermCanvas); DMAApp → DMAScenario → (DMASim,
// DMABoards, DeviceTree);
// dmascope → NcursesBackend → (TermCanvas, CNcursesw); dmascope → DMABoards → (DeviceTree, DMASim).
import PackageDescription

let package = Package(
  name: "dmascope",
  products: [
    .executable(name: "dmascope", targets: ["dmascope"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Pure simulation core: standard library only.
    .target(name: "DMASim"),
    // Device tree blobs and sources in, an ordered tree out: standard library only.
    .target(name: "DeviceTree"),
    // Device trees to boot descriptions, built-in boards, boot reports.
    .target(
      name: "DMABoards", dependencies: ["DeviceTree", "DMASim"], plugins: ["EmbedDemos"]),
    // Scenario text in, actions out (boards from device trees through DMABoards).
    .target(
      name: "DMAScenario", dependencies: ["DMASim", "DMABoards", "DeviceTree"],
      plugins: ["EmbedDemos"]),
    // Build time only: demos/*.dms and demos/boards/*.dts (the only copies of the lessons and
    // built-in boards) become Swift source in the build folder of DMAScenario and DMABoards.
    .executableTarget(name: "EmbedDemosTool"),
    .plugin(name: "EmbedDemos", capability: .buildTool(), dependencies: ["EmbedDemosTool"]),
    // Scenarios as Linux kernel modules (C and Kbuild) and dmascope's values in their format.
    .target(name: "DMAModuleExport", dependencies: ["DMAScenario", "DMASim"]),
    // ftrace text (dma, cma, swiotlb, iommu events) in, typed events, live state, dma-debug-style
    // checks out: standard library only.
    .target(name: "DMATrace"),
    // Terminal-free drawing kit.
    .target(name: "TermCanvas"),
    // Widgets over simulation state.
    .target(name: "DMAPanels", dependencies: ["DMASim", "TermCanvas"]),
    // The views of `dmascope trace`: frames of a stepped trace, keys in (DMAPanels' widgets).
    .target(name: "DMATraceUI", dependencies: ["DMATrace", "DMAPanels", "TermCanvas"]),
    // Model, messages, update, view, key map, history.
    .target(name: "DMAApp", dependencies: ["DMASim", "DMAScenario", "DMAPanels", "TermCanvas"]),
    // ncursesw through a C shim (macros and globals Swift cannot import).
    .systemLibrary(
      name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
    // Buffer diffs to ncurses calls, keys from ncurses.
    .target(name: "NcursesBackend", dependencies: ["TermCanvas", "CNcursesw"]),
    // The composition root: CLI, files, environment, clock, signals.
    .executableTarget(
      name: "dmascope",
      dependencies: [
        "DMAApp", "DMAScenario", "DMASim", "TermCanvas", "NcursesBackend", "DMABoards",
        "DeviceTree", "DMAModuleExport", "DMATrace", "DMATraceUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "DMASimTests", dependencies: ["DMASim"]),
    .testTarget(name: "DeviceTreeTests", dependencies: ["DeviceTree"], exclude: ["Fixtures"]),
    .testTarget(name: "DMABoardsTests", dependencies: ["DMABoards", "DMASim", "DeviceTree"]),
    .testTarget(
      name: "DMAScenarioTests", dependencies: ["DMABoards", "DMAScenario", "DMASim"],
      exclude: ["Fixtures"]),
    .testTarget(name: "TermCanvasTests", dependencies: ["TermCanvas"]),
    // The trace importer, state, checks and views on real 6.12 traces (Tests/trace/fixtures).
    .testTarget(
      name: "DMATraceTests", dependencies: ["DMATrace", "DMATraceUI", "TermCanvas"],
      exclude: ["__Snapshots__"]),
    // Panels drawn from hand-built view models, compared with inline expected text.
    .testTarget(name: "DMAPanelsTests", dependencies: ["DMAPanels", "TermCanvas"]),
    .testTarget(
      name: "DMAModuleExportTests", dependencies: ["DMAModuleExport", "DMAScenario", "DMASim"]),
    .testTarget(
      name: "DMAAppTests",
      dependencies: ["DMAApp", "DMAPanels", "DMAScenario", "DMASim", "TermCanvas"],
      exclude: ["__Snapshots__"]),
  ]
)
