extension DeviceTree {
  /// Reads either format: a blob starting with the FDT magic, else UTF-8 source text.
  public static func load(
    _ bytes: [UInt8], fileName: String, limits: DeviceTreeLimits = .standard
  ) throws -> DeviceTree {
    if FlattenedDeviceTree.hasMagic(bytes) {
      return try FlattenedDeviceTree.parse(bytes, fileName: fileName, limits: limits)
    }
    if bytes.contains(0) {
      throw DeviceTreeError(
        fileName: fileName, location: .byte(0),
        message: "expected the FDT magic 0xd00dfeed or /dts-v1/ source text",
        hint: "pass a .dtb or a self-contained .dts")
    }
    return try DeviceTreeSource.parse(
      String(decoding: bytes, as: UTF8.self), fileName: fileName, limits: limits)
  }
}
