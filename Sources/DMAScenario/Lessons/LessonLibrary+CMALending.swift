extension LessonLibrary {
  /// Lesson `cma-lending`: free CMA pages are lent to movable allocations and migrated out when cma_alloc claims them; a pinned page makes the range busy.
  public static let cmaLending = Lesson(
    name: "cma-lending",
    summary:
      "CMA lends free pages to movable allocations; cma_alloc migrates them back, a pinned page makes it retry",
    source: #"""
      # CMA memory is lent to movable pages and taken back by migration; a pinned page blocks it.
      lesson "CMA lending and migration"
      board arm64-cma-soc
      cmdline "mem=128M"

      say "mem=128M leaves 128 MiB of RAM, and the device tree's linux,cma node takes 64 MiB of it for the default CMA area. The area is not wasted while no driver needs it: its pageblocks are MIGRATE_CMA, free in the buddy allocator for movable pages."
      say "Where CMA areas come from: a reusable shared-dma-pool node (here linux,cma with linux,cma-default), or cma=size[@base[-limit]] on the command line, which takes precedence over the node (Reserved memory: bypass linux,cma node, using cmdline CMA params instead), or, with neither, CONFIG_CMA_SIZE_MBYTES (16 MiB by default). Try dmascope boot arm64-cma-soc --cmdline cma=32M."
      expect cma_free() == 16384
      say "A process faults in page-cache and anonymous pages: alloc_pages(GFP_HIGHUSER_MOVABLE, 0). __rmqueue takes them from CMA when more than half of the zone's free memory is CMA, which is the case here. (arm64 has no highmem: page_address() is each page's linear-map address.)"
      p1 = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)
      a1 = page_address(p1)
      cpu_write(a1, 0, "file page 1: cached data")
      p2 = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)
      a2 = page_address(p2)
      cpu_write(a2, 0, "file page 2: cached data")
      p3 = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)
      a3 = page_address(p3)
      cpu_write(a3, 0, "anon page 3: heap")
      p4 = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)
      a4 = page_address(p4)
      cpu_write(a4, 0, "anon page 4: stack")
      say "The buddy allocator split the highest free 4 MiB block of the area and handed out its lowest pages: four pages lent, shown as movable in the CMA view."
      expect cma_lent() == 4
      expect cma_used() == 0
      pause

      say "A display driver claims 60 MiB for its framebuffers: cma_alloc is first fit from the bottom of the area, so this range holds no lent page and nothing moves."
      fb = cma_alloc(15360, 8)
      expect cma_migrated() == 0
      expect cma_used() == 15360
      say "An O_DIRECT read is in flight into p3: the block layer pinned it with pin_user_pages (a short-term FOLL_PIN; FOLL_LONGTERM would have migrated it out of CMA first)."
      pin_user_pages(p3)
      expect cma_pinned() == 1
      pause

      say "The video decoder needs 16 KiB, aligned to 16 KiB: cma_alloc(4, 2). The first free aligned range is the four lent pages, and p3 is pinned in it."
      v1 = cma_alloc(4, 2)
      say "alloc_contig_range isolated the range, found a page it cannot migrate: '[...) PFNs busy', -EBUSY. cma_alloc gives the bits back and retries at the next aligned candidate, four pages on, which holds no lent page."
      expect cma_migrated() == 0
      expect cma_used() == 15364
      pause

      say "The I/O completes and the pin is dropped. Another 16 KiB request lands on the lent pages again; this time alloc_contig_range migrates them."
      unpin_user_page(p3)
      v2 = cma_alloc(4, 2)
      say "Each lent page is copied to a new page, every mapping of it is switched to the copy, and the emptied range goes to the decoder. The new pages follow the same balance rule: with the framebuffers claimed, little of the free memory is CMA now, so they come from ordinary memory."
      expect cma_migrated() == 4
      expect cma_lent() == 0
      expect cma_used() == 15368
      ask "The process reads p3 again. Does it still see its data after the migration?" choices("yes", "no") answer "yes"
      expect cpu_view(a3, 0, 17) == "anon page 3: heap"
      expect cpu_view(a1, 0, 24) == "file page 1: cached data"
      say "That is CMA's bargain: lending makes the reserved memory useful, and a claim costs migrations, or fails over to another range, when a page is pinned. Long-term pins are therefore never allowed to stay in CMA."
      """#)
}
