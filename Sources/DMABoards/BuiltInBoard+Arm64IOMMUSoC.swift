extension BuiltInBoard {
  /// The `arm64-iommu-soc` board (`demos/boards/arm64-iommu-soc.dts`).
  public static let arm64IOMMUSoC = BuiltInBoard(
    name: "arm64-iommu-soc",
    summary: "SoC with an SMMU and 4 GiB of DRAM across the 4 GiB line",
    source: #"""
      // dmascope built-in board: an arm64 SoC with an SMMU. 4 GiB of DRAM starts at 0x80000000, so
      // half of it lies above 4 GiB. The display engine sits behind the SMMU (iommus) and is
      // cache-coherent; the audio DMA controller uses physical addresses and no IOMMU.
      /dts-v1/;

      / {
      	model = "dmascope arm64 IOMMU SoC";
      	compatible = "dmascope,arm64-iommu-soc";
      	#address-cells = <2>;
      	#size-cells = <2>;

      	chosen {
      		bootargs = "console=ttyS0,115200";
      	};

      	memory@80000000 {
      		device_type = "memory";
      		reg = <0x0 0x80000000 0x1 0x0>;
      	};

      	reserved-memory {
      		#address-cells = <2>;
      		#size-cells = <2>;
      		ranges;

      		/* Firmware log buffer kept by the boot loader. */
      		ramoops@bff00000 {
      			compatible = "ramoops";
      			reg = <0x0 0xbff00000 0x0 0x100000>;
      			record-size = <0x20000>;
      			console-size = <0x20000>;
      		};
      	};

      	soc {
      		compatible = "simple-bus";
      		#address-cells = <2>;
      		#size-cells = <2>;
      		ranges;

      		smmu: iommu@12000000 {
      			compatible = "arm,smmu-v3";
      			reg = <0x0 0x12000000 0x0 0x20000>;
      			#iommu-cells = <1>;
      			dma-coherent;
      		};

      		audio_dma: dma-controller@13000000 {
      			compatible = "snps,dma-spear1340";
      			reg = <0x0 0x13000000 0x0 0x1000>;
      			#dma-cells = <3>;
      			dma-channels = <8>;
      			dma-requests = <16>;
      			dma-masters = <1>;
      		};

      		i2s@13100000 {
      			compatible = "snps,designware-i2s";
      			reg = <0x0 0x13100000 0x0 0x1000>;
      			dmas = <&audio_dma 0 0 0>, <&audio_dma 1 0 0>;
      			dma-names = "tx", "rx";
      		};

      		display@14000000 {
      			compatible = "dmascope,display";
      			reg = <0x0 0x14000000 0x0 0x10000>;
      			iommus = <&smmu 0x100>;
      			dma-coherent;
      		};
      	};
      };

      """#)
}
