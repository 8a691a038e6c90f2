import DeviceTree
import Testing

@Suite struct DeviceTreeSourceTests {
  @Test func featuresMatchWhatDtcCompiled() throws {
    let source = try DeviceTreeSource.parse(try Fixtures.text("features.dts"), fileName: "f.dts")
    let blob = try FlattenedDeviceTree.parse(try Fixtures.bytes("features.dtb"))
    #expect(withoutLabels(source.root) == blob.root)
    #expect(source.reservations == blob.reservations)
  }

  @Test func labelsPhandlesAndReferences() throws {
    let tree = try DeviceTreeSource.parse(try Fixtures.text("features.dts"), fileName: "f.dts")
    #expect(tree.node(at: "/bus@1000")?.labels == ["bus"])
    #expect(tree.node(at: "/bus@1000/dma@10")?.phandle == 1)
    #expect(tree.node(at: "/bus@1000/dev@20")?.phandle == 2)
    #expect(tree.node(at: "/other")?.phandle == 3)
    #expect(tree.node(at: "/explicit-phandle")?.phandle == 7)
    #expect(tree.root.property("path-to-bus")?.string == "/bus@1000")
    #expect(tree.node(at: "/bus@1000/gone@30") == nil)
    #expect(tree.node(at: "/bus@1000")?.has("to-be-deleted") == false)
    #expect(tree.node(at: "/bus@1000")?.properties.last?.name == "added")
    #expect(tree.root.property("model")?.string == "features, merged")
  }

  @Test func valueSyntax() throws {
    let tree = try DeviceTreeSource.parse(
      """
      /dts-v1/;
      / {
        list = "a", "bc";
        cells = <1 0x10 (3 * 4) 'z'>;
        bytes = [0a0B 0c];
        wide = /bits/ 64 <(1 << 40)>;
        flag;
      };
      """, fileName: "v.dts")
    #expect(tree.root.property("list")?.strings == ["a", "bc"])
    #expect(tree.root.property("cells")?.cells == [1, 16, 12, 122])
    #expect(tree.root.property("bytes")?.value == [10, 11, 12])
    #expect(tree.root.property("wide")?.u64 == 1 << 40)
    #expect(tree.root.property("flag")?.isEmpty == true)
  }

  func sourceError(_ text: String) -> DeviceTreeError? {
    do {
      _ = try DeviceTreeSource.parse(text, fileName: "board.dts")
      return nil
    } catch let error as DeviceTreeError {
      return error
    } catch {
      return nil
    }
  }

  @Test func includesAreRejectedWithTheDtcHint() {
    let hash = sourceError("/dts-v1/;\n\n#include \"soc.dtsi\"\n/ { };\n")
    #expect(hash?.location == .source(line: 3, column: 1))
    #expect(hash?.description.hasPrefix("board.dts:3:1: error: #include is not supported") == true)
    #expect(hash?.hint?.contains("dtc -I dts -O dtb") == true)
    #expect(hash?.hint?.contains("cpp -nostdinc -undef -x assembler-with-cpp") == true)
    let slash = sourceError("/dts-v1/;\n/ {\n\t/include/ \"x.dtsi\"\n};\n")
    #expect(slash?.location == .source(line: 3, column: 2))
    #expect(slash?.message.hasPrefix("/include/ is not supported") == true)
    let define = sourceError("#define X 1\n/dts-v1/;\n/ { };\n")
    #expect(define?.message == "preprocessor directive #define is not supported")
  }

  @Test func hashPropertiesAreNotDirectives() throws {
    let tree = try DeviceTreeSource.parse(
      "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <0>; };\n", fileName: "ok.dts")
    #expect(tree.root.property("#address-cells")?.u32 == 1)
  }

  @Test func errorsCarryLineAndColumn() {
    let cases: [(String, Int, Int, String)] = [
      ("/ { };\n", 1, 1, "expected /dts-v1/; at the start of the file, found '/'"),
      ("/dts-v1/;\n/ {\n\tx = \"open;\n};\n", 3, 6, "unterminated string literal"),
      ("/dts-v1/;\n/ {\n\tx = <&nowhere>;\n};\n", 3, 7, "reference to undefined label &nowhere"),
      (
        "/dts-v1/;\n/ {\n\tx = <1 2;\n};\n", 3, 10,
        "expected a number, a character literal or "
          + "'(', found ';'"
      ),
      ("/dts-v1/;\n/ {\n\tn { };\n\tp = <1>;\n};\n", 4, 2, "property 'p' comes after a child node"),
      (
        "/dts-v1/;\n/ {\n\tx = <1>;\n\tx = <2>;\n};\n", 4, 2,
        "duplicate property 'x' in one "
          + "node body"
      ),
      ("/dts-v1/;\n/ { };\n&missing { };\n", 3, 1, "reference to undefined label &missing"),
      ("/dts-v1/;\n/ {\n\tx = /bits/ 8 <256>;\n};\n", 3, 16, "value 0x100 does not fit in 8 bits"),
      ("/dts-v1/;\n/ {\n\tx = <(1 / 0)>;\n};\n", 3, 10, "division by zero in a cell expression"),
      ("/dts-v1/;\n/ {\n", 2, 1, "node '/' is not closed"),
      ("/dts-v1/;\n/* open\n/ { };\n", 2, 1, "unterminated /* comment"),
      ("/dts-v1/;\n/ { a: x { }; a: y { }; };\n", 2, 18, "duplicate label 'a' on /x and /y"),
    ]
    for (text, line, column, message) in cases {
      let error = sourceError(text)
      #expect(error?.location == .source(line: line, column: column), "\(text)")
      #expect(error?.message == message, "\(text)")
    }
  }

  @Test func deepNestingAndLongExpressionsHitLimits() {
    let deep =
      "/dts-v1/;\n/ {" + String(repeating: " n {", count: 200)
      + String(
        repeating: " };", count: 200) + " };\n"
    #expect(sourceError(deep)?.message.contains("deeper than 64") == true)
    let parens =
      "/dts-v1/;\n/ { x = <" + String(repeating: "(", count: 500) + "1"
      + String(repeating: ")", count: 500) + ">; };\n"
    #expect(sourceError(parens)?.message.contains("expression nests deeper") == true)
  }

  @Test func overlaysAreRejected() {
    let error = sourceError("/dts-v1/;\n/plugin/;\n&x { };\n")
    #expect(error?.message == "overlays (/plugin/) are not supported")
  }

  @Test func randomSourceMutationsNeverCrash() throws {
    var rng = SplitMix64(seed: 0xDD75)
    let base = Array(try Fixtures.text("features.dts").utf8)
    let fragments: [[UInt8]] = ["{", "}", ";", "<", ">", "&", "\"", "/", "*", "(", "[", ":", "#"]
      .map { Array($0.utf8) }
    for _ in 0..<1500 {
      var bytes = base
      for _ in 0...(rng.next() % 4) {
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 3 {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(contentsOf: fragments[Int(rng.next() % 13)], at: at)
        default: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
        }
      }
      _ = try? DeviceTreeSource.parse(String(decoding: bytes, as: UTF8.self), fileName: "m.dts")
    }
  }
}
