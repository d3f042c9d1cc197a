/// One row of the method table: a method's name, what it does, what it takes and what it returns.
///
/// Params are written in a compact notation so the whole API fits on one screen in
/// ``RPCMethods``: `"conversationId: string, before?: string, limit?: integer"`. A `?` marks an
/// optional param; types are `string`, `integer`, `number`, `boolean`, `object`, `[T]` (an array of
/// T) or `a|b|c` (one of these strings). ``params`` parses it for the OpenRPC document.
package struct RPCMethod: Sendable, Hashable {
    package var name: String
    package var summary: String
    /// The params in the compact notation; empty for `{}`.
    package var paramsSpec: String
    /// A short description of the result, in the spec's own notation (`{subscription}`, `[{id, ...}]`).
    package var result: String

    package init(_ name: String, _ summary: String, params: String = "", result: String = "{}") {
        self.name = name
        self.summary = summary
        self.paramsSpec = params
        self.result = result
    }

    /// One named param of a method.
    package struct Param: Sendable, Hashable {
        package var name: String
        package var required: Bool
        /// A JSON Schema for the param's value.
        package var schema: JSONValue
    }

    /// The params parsed from ``paramsSpec``.
    package var params: [Param] {
        Self.splitTopLevel(self.paramsSpec).map { field in
            let parts = field.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces() }
            var name = parts.first ?? field
            let required = !name.hasSuffix("?")
            if !required { name.removeLast() }
            return Param(
                name: name, required: required, schema: Self.schema(for: parts.count > 1 ? parts[1] : "object"))
        }
    }

    /// A JSON Schema for a type written in the compact notation.
    static func schema(for type: String) -> JSONValue {
        if type.hasPrefix("["), type.hasSuffix("]") {
            return ["type": "array", "items": schema(for: String(type.dropFirst().dropLast()))]
        }
        if type.contains("|") {
            return ["type": "string", "enum": .array(type.split(separator: "|").map { .string(String($0)) })]
        }
        return ["type": .string(type)]
    }

    /// Splits on commas that are not inside brackets.
    private static func splitTopLevel(_ spec: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var depth = 0
        for character in spec {
            switch character {
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
            if character == ",", depth == 0 {
                fields.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingSpaces()
        if !last.isEmpty { fields.append(last) }
        return fields
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        self[...].trimmingSpaces()
    }
}
