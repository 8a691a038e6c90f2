/// The C type a scenario variable has in an exported module.
enum CVariableType: Hashable, Sendable {
  /// `void *`: kmalloc, coherent and pool memory, `page_address`.
  case pointer
  /// `dma_addr_t`: handles.
  case handle
  /// `struct dma_pool *`.
  case pool
  /// `struct page *`.
  case page
  /// `int`: status returns.
  case status
  /// `phys_addr_t`: `virt_to_phys`.
  case physical

  /// The declaration of `name` with its zero value.
  func declaration(_ name: String) -> String {
    switch self {
    case .pointer: "void *\(name) = NULL;"
    case .handle: "dma_addr_t \(name) = 0;"
    case .pool: "struct dma_pool *\(name) = NULL;"
    case .page: "struct page *\(name) = NULL;"
    case .status: "int \(name) = 0;"
    case .physical: "phys_addr_t \(name) = 0;"
    }
  }
}
