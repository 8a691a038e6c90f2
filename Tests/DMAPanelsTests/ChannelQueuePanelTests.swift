import DMAPanels
import TermCanvas
import Testing

/// The channel-queue panel from hand-built controllers: full lists, the folded form, the
/// arbiter line, the found descriptor and the FIFOs.
@Suite struct ChannelQueuePanelTests {
  typealias Model = ChannelQueuePanelModel

  static let descriptors: [Int: Model.Descriptor] = [
    1: Model.Descriptor(label: "d1", cookie: 2, length: 4096),
    2: Model.Descriptor(label: "d2", cookie: 3, transferred: 1024, length: 4096),
  ]

  static let channel = Model.Channel(
    name: "dma0chan0", cookie: 3, completedCookie: 1, client: "uart0", submitted: [1], active: 2,
    descriptors: descriptors, peripheral: "uart0")

  static func model(
    channels: [Model.Channel] = [channel], selected: DescriptorSelection? = nil,
    peripherals: [Model.Peripheral] = []
  ) -> Model {
    Model(
      controllers: [
        Model.Controller(
          name: "dma0",
          physicalChannels: [Model.PhysicalChannel(index: 0, owner: "dma0chan0", state: .busy)],
          channels: channels)
      ], peripherals: peripherals, selected: selected)
  }

  private func panel(_ model: Model, look: PanelLook = PanelRendering.unicode)
    -> ChannelQueuePanel
  {
    ChannelQueuePanel(look: look, model: model)
  }

  @Test func fullListsWithTheActiveDescriptorsProgress() {
    PanelRendering.expect(
      panel(Self.model()), width: 60, height: 7,
      draws: """
        dma0chan0 cookie 3 done 1 ← uart0
         allocated •
         submitted [d1 #2 M2D 4 KiB]
         issued    •
         active    [d2 #3] ███████░░░░░░░░░░░░░░░░░░░░░░░░ 1024/4096
         completed •

        """)
  }

  @Test func shortOfRowsTheChannelFolds() {
    PanelRendering.expect(
      panel(Self.model()), width: 40, height: 2,
      draws: """
        dma0chan0 cookie 3 done 1 ← uart0
         s:d1#2 act:d2#3 ███░░░░░░░░░░ 1024/4096
        """)
  }

  /// A cyclic ring counts every byte it moved; both forms gauge the current pass (352 bytes
  /// into a 256-byte ring is 96 into its second pass).
  @Test func aCyclicRingGaugesItsCurrentPassFullAndFolded() {
    let ring = Model.Channel(
      name: "dma0chan2", cookie: 2, completedCookie: 1, client: "i2s0", active: 1,
      descriptors: [
        1: Model.Descriptor(
          label: "d1", cookie: 2, transfer: .cyclic, transferred: 352, length: 256)
      ], peripheral: "i2s0")
    let model = Self.model(channels: [ring])
    PanelRendering.expect(
      panel(model), width: 40, height: 2,
      draws: """
        dma0chan2 cookie 2 done 1 ← i2s0
         act:d1#2 ████████░░░░░░░░░░░░░░░ 96/256
        """)
    let full = PanelRendering.text(panel(model), width: 60, height: 7)
    #expect(full.contains("[d1 #2] ") && full.contains(" 96/256"), "\(full)")
  }

  @Test func arbiterLineWhenChannelsShareTheController() {
    let second = Model.Channel(name: "dma0chan1", client: "spi0")
    var model = Self.model(channels: [Self.channel, second])
    model.controllers[0].waiting = [1]
    PanelRendering.expect(
      panel(model, look: PanelRendering.ascii), width: 60, height: 5,
      draws: """
        dma0 ch0 dma0chan0 busy  waiting: dma0chan1
        dma0chan0 cookie 3 done 1 < uart0
         s:d1#2 act:d2#3 ########........................ 1024/4096
        dma0chan1 cookie 1 done 1 < spi0
         no descriptors
        """)
  }

  @Test func theFoundDescriptorIsMarked() {
    let model = Self.model(selected: DescriptorSelection(controller: 0, channel: 0, id: 1))
    let full = PanelRendering.text(panel(model), width: 60, height: 6)
    #expect(
      full == """
        dma0chan0 cookie 3 done 1 ← uart0
         allocated •
         submitted →[d1 #2 M2D 4 KiB]
         issued    •
         active    [d2 #3] ███████░░░░░░░░░░░░░░░░░░░░░░░░ 1024/4096
         completed •
        """)
    // Folded (two rows), the found descriptor keeps its place in the short form.
    let folded = PanelRendering.text(panel(model), width: 60, height: 2)
    #expect(
      folded == """
        dma0chan0 cookie 3 done 1 ← uart0
         s:d1#2 act:d2#3 ████████░░░░░░░░░░░░░░░░░░░░░░░░ 1024/4096
        """)
  }

  @Test func fifosShowTheirRequestLineFillAndWire() {
    let uart = Model.Peripheral(
      name: "uart0",
      tx: Model.FIFO(
        requestAsserted: true, fill: 8, depth: 16, bytes: Array("hello world".utf8), count: 11))
    let idle = Model.Channel(name: "dma0chan0", peripheral: "uart0")
    PanelRendering.expect(
      panel(Self.model(channels: [idle], peripherals: [uart])), width: 40, height: 4,
      draws: """
        dma0chan0 cookie 1 done 1 (free)
         no descriptors
        uart0 TX  DRQ high ████████░░░░░░░░ 8/16
         wire 11B hello world
        """)
  }

  @Test func tinyAreasDrawNothingOutside() {
    for rect in PanelRendering.tinyRects {
      #expect(PanelRendering.touchedOutside(panel(Self.model()), rect: rect) == [], "\(rect)")
    }
  }
}
