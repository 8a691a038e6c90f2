extension Board {
  /// The identity dma-debug prints for a board device (driver name and `dev_name()`); an
  /// unknown name stands for both.
  func debugDevice(_ name: String) -> DMADebugDevice {
    guard let spec = device(named: name) else {
      return DMADebugDevice(name: name, driver: name)
    }
    return DMADebugDevice(name: spec.kernelName, driver: spec.driverName)
  }
}
