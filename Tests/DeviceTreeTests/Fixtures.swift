import DeviceTree
import Foundation

/// Test fixtures: small `.dtb` files compiled by dtc (`Fixtures/`), and the demo board sources.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static let demos = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("demos/boards")

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
  }

  static func text(_ name: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
  }

  static func demo(_ name: String) throws -> String {
    try String(contentsOf: demos.appendingPathComponent(name), encoding: .utf8)
  }

  /// The boards whose `.dtb` fixtures were compiled from `demos/boards/*.dts`.
  static let boards = ["arm64-cma-soc", "arm64-iommu-soc", "arm64-dma24-soc"]
}

/// The tree without source labels (a blob has none).
func withoutLabels(_ node: DeviceTreeNode) -> DeviceTreeNode {
  DeviceTreeNode(
    name: node.name, labels: [], properties: node.properties,
    children: node.children.map(withoutLabels))
}

/// SplitMix64: a fixed-seed generator for deterministic fuzzing.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
