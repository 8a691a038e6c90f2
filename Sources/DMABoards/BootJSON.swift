import DMASim

/// The `dmascope boot --json` object, written by hand with a fixed key order:
/// `memory`, `reserved`, `cma`, `dma_controllers`, `dma_consumers`.
public enum BootJSON {
  /// One JSON object (no trailing newline). Numbers are JSON integers; addresses are CPU
  /// physical addresses.
  public static func render(_ result: BootResult) -> String {
    let memory = result.memory.map {
      object([("base", number($0.base)), ("size", number($0.size))])
    }
    let reserved = result.reserved.map {
      object([
        ("node", string($0.node)), ("base", number($0.base)), ("size", number($0.size)),
        ("no_map", bool($0.noMap)), ("reusable", bool($0.reusable)), ("dynamic", bool($0.dynamic)),
        ("kind", string($0.kind.rawValue)),
      ])
    }
    let cma = result.cmaAreas.map {
      object([
        ("name", string($0.name)), ("base", number($0.base)), ("size", number($0.size)),
        ("order_per_bit", number(UInt64($0.orderPerBit))),
      ])
    }
    let controllers = result.controllers.map {
      object([
        ("node", string($0.node)), ("compatible", string($0.compatible)),
        ("channels", number(UInt64($0.channels))),
      ])
    }
    let consumers = result.consumers.map { consumer in
      object([
        ("node", string(consumer.node)),
        (
          "channels",
          array(
            consumer.channels.map {
              object([
                ("name", string($0.name)), ("controller", string($0.controller)),
                ("args", array($0.arguments.map { number(UInt64($0)) })),
              ])
            })
        ),
      ])
    }
    return object([
      ("memory", array(memory)), ("reserved", array(reserved)), ("cma", array(cma)),
      ("dma_controllers", array(controllers)), ("dma_consumers", array(consumers)),
    ])
  }

  static func object(_ members: [(String, String)]) -> String {
    "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
  }

  static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

  static func number(_ value: UInt64) -> String { String(value) }

  static func bool(_ value: Bool) -> String { value ? "true" : "false" }

  /// A JSON string literal (see `JSONText.string`).
  public static func string(_ text: String) -> String { JSONText.string(text) }

}
