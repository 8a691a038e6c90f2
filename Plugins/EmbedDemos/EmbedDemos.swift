// Build-tool plugin: embeds `demos/*.dms` into DMAScenario (LessonLibrary) and
// `demos/boards/*.dts` into DMABoards (BuiltInBoard), generating one Swift file in the build
// folder each time a list or file changes. The files in `demos/` are the only copies.
import Foundation
import PackagePlugin

@main
struct EmbedDemos: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let demos = context.package.directoryURL.appending(path: "demos")
    let kind: String
    let directory: URL
    let list: URL
    let fileExtension: String
    switch target.name {
    case "DMAScenario":
      (kind, directory, fileExtension) = ("lessons", demos, "dms")
      list = demos.appending(path: "lessons.list")
    case "DMABoards":
      (kind, directory, fileExtension) = ("boards", demos.appending(path: "boards"), "dts")
      list = directory.appending(path: "boards.list")
    default:
      return []
    }
    let files = try FileManager.default.contentsOfDirectory(
      at: directory, includingPropertiesForKeys: nil
    )
    .filter { $0.pathExtension == fileExtension }
    .sorted { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "Embedded\(kind.capitalized).swift")
    return [
      .buildCommand(
        displayName: "Embedding demos/ \(kind) into \(target.name)",
        executable: try context.tool(named: "EmbedDemosTool").url,
        arguments: [kind, list.path, directory.path, output.path],
        inputFiles: [list] + files,
        outputFiles: [output])
    ]
  }
}
