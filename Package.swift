// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "dmascope",
  targets: [
    .target(name: "DMASim"),
    .testTarget(name: "DMASimTests", dependencies: ["DMASim"]),
  ]
)
