extension BuiltInBoard {
  /// The `arm64-cma-soc` board (`demos/boards/arm64-cma-soc.dts`).
  public static let arm64CMASoC = BuiltInBoard(
    name: "arm64-cma-soc",
    summary: "non-coherent SoC: default CMA, TEE carve-out, coherent pool",
    source: #"""
      // dmascope built-in board: a small arm64 SoC whose DMA masters are not cache-coherent.
      // - 2 GiB of DRAM at 0x40000000 and a /memreserve/ for the boot CPU's spin table,
      // - the default CMA area as a dynamic reusable shared-dma-pool (linux,cma-default),
      // - a no-map carve-out for the trusted OS,
      // - a non-reusable shared-dma-pool that the video decoder gets via memory-region,
      // - a PL330 DMA controller serving an SPI controller and a UART.
      /dts-v1/;

      /memreserve/ 0x40000000 0x10000;

      / {
      	model = "dmascope arm64 CMA SoC";
      	compatible = "dmascope,arm64-cma-soc";
      	#address-cells = <2>;
      	#size-cells = <2>;
      	interrupt-parent = <&gic>;

      	chosen {
      		bootargs = "console=ttyAMA0,115200 earlycon";
      		stdout-path = "serial0:115200n8";
      	};

      	aliases {
      		serial0 = &uart0;
      	};

      	memory@40000000 {
      		device_type = "memory";
      		reg = <0x0 0x40000000 0x0 0x80000000>;
      	};

      	reserved-memory {
      		#address-cells = <2>;
      		#size-cells = <2>;
      		ranges;

      		/* The default CMA area: placed by the kernel inside the first GiB. */
      		linux,cma {
      			compatible = "shared-dma-pool";
      			reusable;
      			size = <0x0 0x4000000>;
      			alignment = <0x0 0x400000>;
      			alloc-ranges = <0x0 0x40000000 0x0 0x40000000>;
      			linux,cma-default;
      		};

      		/* Trusted OS memory: never mapped by Linux. */
      		tee@4e000000 {
      			reg = <0x0 0x4e000000 0x0 0x200000>;
      			no-map;
      		};

      		/* Per-device coherent pool for the video decoder. */
      		vdec_pool: vdec-pool@50000000 {
      			compatible = "shared-dma-pool";
      			reg = <0x0 0x50000000 0x0 0x1000000>;
      		};
      	};

      	cpus {
      		#address-cells = <1>;
      		#size-cells = <0>;

      		cpu@0 {
      			device_type = "cpu";
      			compatible = "arm,cortex-a53";
      			reg = <0x0>;
      			enable-method = "spin-table";
      			cpu-release-addr = <0x0 0x4000fff8>;
      		};
      	};

      	soc@0 {
      		compatible = "simple-bus";
      		#address-cells = <1>;
      		#size-cells = <1>;
      		ranges = <0x0 0x0 0x0 0x40000000>;

      		gic: interrupt-controller@8000000 {
      			compatible = "arm,gic-400";
      			reg = <0x8000000 0x1000>, <0x8010000 0x2000>;
      			#interrupt-cells = <3>;
      			#address-cells = <0>;
      			interrupt-controller;
      		};

      		dmac: dma-controller@9000000 {
      			compatible = "arm,pl330", "arm,primecell";
      			reg = <0x9000000 0x1000>;
      			interrupts = <0 42 4>;
      			#dma-cells = <1>;
      			dma-channels = <8>;
      			dma-requests = <32>;
      		};

      		uart0: serial@9040000 {
      			compatible = "arm,pl011", "arm,primecell";
      			reg = <0x9040000 0x1000>;
      			interrupts = <0 44 4>;
      			dmas = <&dmac 2>, <&dmac 3>;
      			dma-names = "tx", "rx";
      		};

      		spi@9060000 {
      			compatible = "arm,pl022", "arm,primecell";
      			reg = <0x9060000 0x1000>;
      			interrupts = <0 46 4>;
      			dmas = <&dmac 5>, <&dmac 6>;
      			dma-names = "tx", "rx";
      			#address-cells = <1>;
      			#size-cells = <0>;
      		};

      		video-decoder@a000000 {
      			compatible = "dmascope,vdec";
      			reg = <0xa000000 0x10000>;
      			interrupts = <0 50 4>;
      			memory-region = <&vdec_pool>;
      		};
      	};
      };

      """#)
}
