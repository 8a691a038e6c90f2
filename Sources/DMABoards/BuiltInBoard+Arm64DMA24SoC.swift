extension BuiltInBoard {
  /// The `arm64-dma24-soc` board (`demos/boards/arm64-dma24-soc.dts`).
  public static let arm64DMA24SoC = BuiltInBoard(
    name: "arm64-dma24-soc",
    summary: "SoC with a 24-bit DMA bus: ZONE_DMA and CMA below 16 MiB",
    source: #"""
      // dmascope built-in board: a legacy DMA master that only drives 24 address bits. Its bus
      // describes that with dma-ranges (a 16 MiB window), so ZONE_DMA ends at 16 MiB and the
      // default CMA area (cma=8M on the command line) must fit below it.
      /dts-v1/;

      / {
      	model = "dmascope arm64 24-bit DMA SoC";
      	compatible = "dmascope,arm64-dma24-soc";
      	#address-cells = <2>;
      	#size-cells = <2>;

      	chosen {
      		bootargs = "console=ttyS0,115200 cma=8M";
      	};

      	memory@0 {
      		device_type = "memory";
      		reg = <0x0 0x0 0x0 0x40000000>;
      	};

      	soc {
      		compatible = "simple-bus";
      		#address-cells = <2>;
      		#size-cells = <2>;
      		ranges;

      		legacy-bus@10000000 {
      			compatible = "simple-bus";
      			#address-cells = <1>;
      			#size-cells = <1>;
      			ranges = <0x0 0x0 0x10000000 0x100000>;
      			/* Bus address 0 is CPU address 0; only 16 MiB are reachable. */
      			dma-ranges = <0x0 0x0 0x0 0x1000000>;

      			isa_dma: dma-controller@0 {
      				compatible = "dmascope,isa-dma";
      				reg = <0x0 0x1000>;
      				#dma-cells = <1>;
      				dma-channels = <4>;
      			};

      			floppy@3f0 {
      				compatible = "dmascope,floppy";
      				reg = <0x3f0 0x8>;
      				dmas = <&isa_dma 2>;
      				dma-names = "data";
      			};
      		};
      	};
      };

      """#)
}
