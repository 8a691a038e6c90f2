/// One piece of a property value, resolved once the whole tree is known.
enum DTSValuePart: Hashable {
  /// Literal bytes.
  case bytes([UInt8])
  /// A 32-bit cell holding the phandle of the referenced node.
  case phandle(DTSReference)
  /// The full path of the referenced node as a NUL-terminated string.
  case path(DTSReference)
}
