import DMAPanels
import TermCanvas

extension AppModel {
  /// The zoom level at which every strip of the address map shows one page a row, for the
  /// zoomed panel at the current size.
  public var deepestAddressZoom: Int {
    let body = bodyArea
    let inner = Rect(
      x: body.x + 1, y: body.y + 1, width: max(0, body.width - 2), height: max(0, body.height - 2))
    return AddressSpacePanel(context: panelContext, buffer: selectedBuffer, scaleZoom: addressZoom)
      .deepestScaleZoom(in: inner)
  }

  /// Zooms the address-space panel's to-scale map in or out around the selected buffer.
  mutating func zoomAddressMap(in zoomIn: Bool) {
    guard zoomed else {
      message = "Enter zooms the address panel; its map to scale then zooms with z / Z"
      return
    }
    if zoomIn {
      guard addressZoom < deepestAddressZoom else {
        message = "address map: already one page a row"
        return
      }
      addressZoom += 1
    } else {
      addressZoom = max(0, addressZoom - 1)
    }
    message =
      addressZoom == 0
      ? "address map: every region fits" : "address map: zoom \(addressZoom) around the buffer"
  }
}
