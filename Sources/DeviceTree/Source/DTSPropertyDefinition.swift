/// A property as written: name, value parts and where it was defined.
struct DTSPropertyDefinition: Hashable {
  var name: String
  var parts: [DTSValuePart]
  var offset: Int
}
