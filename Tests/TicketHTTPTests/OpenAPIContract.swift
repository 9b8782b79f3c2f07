import Foundation
import Testing

/// The OpenAPI document as a contract every response of the HTTP tests must meet: its status
/// is documented for the operation (`default` only stands for the framework's 405, 408, 413
/// and 415), its content type is one the document lists, its documented headers are present when
/// required and well-formed, and its JSON body validates against the schema for that status,
/// with no member the schema does not declare. So the document and the JSON writer cannot
/// drift apart silently.
///
/// The validator covers the JSON Schema keywords the document uses: `$ref`, `type` (one or
/// several), `enum`, `required`, `properties`, `additionalProperties`, `items`, `allOf`,
/// `oneOf`, `anyOf`, `minimum`, `maximum`, `minLength`, `maxLength` and `format` (`date-time`, `date`, `email`).
/// A keyword it does not know fails validation, so the document cannot outgrow it unnoticed.
struct OpenAPIContract: @unchecked Sendable {  // `document` is never changed after init.
    /// The document in the source tree, as the server serves it.
    static let shared: OpenAPIContract = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/TicketHTTP/Resources/openapi.json")
        do {
            let document = try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as? [String: Any] ?? [:]
            return OpenAPIContract(document: document)
        } catch {
            return OpenAPIContract(document: [:])
        }
    }()

    private let document: [String: Any]

    init(document: [String: Any]) {
        self.document = document
    }

    private static let known: Set<String> = [
        "$ref", "type", "enum", "required", "properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "minimum",
        "maximum", "minLength", "maxLength", "format", "description", "example", "default",
    ]

    /// Statuses that a documented `default` response may stand for: the framework's answers to
    /// a method the path does not serve, a body over the limit, and a body that is not JSON.
    static let frameworkStatuses: Set<Int> = [405, 408, 413, 415, 421]

    /// Everything about one response that breaks the document; empty when it conforms.
    func violations(
        method: String, target: String, status: Int, contentType: String?, body: String, headers: [String: String] = [:]
    ) -> [String] {
        guard !self.document.isEmpty else { return ["the OpenAPI document could not be read"] }
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        let operation = self.operation(method: method.lowercased(), path: path)
        let responses: [String: Any]
        if let operation {
            responses = operation["responses"] as? [String: Any] ?? [:]
        } else {
            // An unknown path or a method the path does not serve: a problem, whatever the status.
            responses = ["default": ["$ref": "#/components/responses/Error"]]
        }
        let documented = responses[String(status)] ?? (operation == nil || Self.frameworkStatuses.contains(status) ? responses["default"] : nil)
        guard var response = documented as? [String: Any] else {
            return ["status \(status) is not documented for \(method) \(path)"]
        }
        if let reference = response["$ref"] as? String {
            response = self.resolve(reference) ?? [:]
        }
        var problems: [String] = []
        for (name, header) in response["headers"] as? [String: Any] ?? [:] {
            var header = header as? [String: Any] ?? [:]
            if let reference = header["$ref"] as? String { header = self.resolve(reference) ?? [:] }
            guard let value = headers[name.lowercased()] else {
                if header["required"] as? Bool == true { problems.append("\(method) \(path) \(status): header \(name) is missing") }
                continue
            }
            if (header["schema"] as? [String: Any])?["type"] as? String == "integer", Int(value) == nil {
                problems.append("\(method) \(path) \(status): header \(name) is not an integer: \(value)")
            }
        }
        guard let content = response["content"] as? [String: Any] else {
            return problems + (body.isEmpty ? [] : ["\(method) \(path) \(status): the document lists no body, but one was sent"])
        }
        let mediaType = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            return problems + ["\(method) \(path) \(status): content type \(mediaType) is not one of \(content.keys.sorted())"]
        }
        guard mediaType.hasSuffix("json"), let schema = media["schema"] as? [String: Any] else { return problems }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else {
            return problems + ["\(method) \(path) \(status): the body is not JSON"]
        }
        var bodyProblems: [String] = []
        self.validate(value, against: schema, at: "body", into: &bodyProblems)
        return problems + bodyProblems.map { "\(method) \(path) \(status): \($0)" }
    }

    /// The operation serving `method` on `path`; literal segments win over `{parameters}`.
    /// Empty segments are ignored, as the router ignores them (`//users/` is `/users`).
    private func operation(method: String, path: String) -> [String: Any]? {
        let paths = self.document["paths"] as? [String: Any] ?? [:]
        let segments = path.split(separator: "/")
        var best: (literals: Int, operation: [String: Any])?
        for (template, item) in paths {
            let parts = template.split(separator: "/")
            guard parts.count == segments.count else { continue }
            var literals = 0
            var matches = true
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{") {
                    continue
                } else if part == segment {
                    literals += 1
                } else {
                    matches = false
                    break
                }
            }
            guard matches, let operation = (item as? [String: Any])?[method] as? [String: Any] else { continue }
            if best == nil || literals > best?.literals ?? 0 { best = (literals, operation) }
        }
        return best?.operation
    }

    private func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any? = self.document
        for key in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(key)]
        }
        return node as? [String: Any]
    }

    /// Validates `value`; with `checkingUndeclared`, an object member that no `properties` of
    /// the schema (or of its `allOf` parts) declares is a violation.
    private func validate(
        _ value: Any, against schema: [String: Any], at location: String, checkingUndeclared: Bool = true, into problems: inout [String]
    ) {
        for keyword in schema.keys where !Self.known.contains(keyword) {
            problems.append("\(location): the validator does not know the keyword \(keyword)")
        }
        if let reference = schema["$ref"] as? String {
            guard let target = self.resolve(reference) else {
                problems.append("\(location): unresolvable \(reference)")
                return
            }
            self.validate(value, against: target, at: location, checkingUndeclared: checkingUndeclared, into: &problems)
        }
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            // Each part declares some of the members; the whole is checked below.
            self.validate(value, against: part, at: location, checkingUndeclared: false, into: &problems)
        }
        if checkingUndeclared, schema["$ref"] == nil, schema["additionalProperties"] == nil, let object = value as? [String: Any],
            let declared = self.declaredProperties(schema)
        {
            for key in object.keys.sorted() where !declared.contains(key) {
                problems.append("\(location): member \(key) is not in the document")
            }
        }
        if let choices = schema["oneOf"] as? [[String: Any]] {
            let passing = choices.filter { self.conforms(value, to: $0, at: location) }.count
            if passing != 1 { problems.append("\(location): matches \(passing) of oneOf's \(choices.count) schemas") }
        }
        if let choices = schema["anyOf"] as? [[String: Any]], !choices.contains(where: { self.conforms(value, to: $0, at: location) }) {
            problems.append("\(location): matches none of anyOf's schemas")
        }
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            guard allowed.contains(where: { Self.isJSON(value, ofType: $0) }) else {
                problems.append("\(location): \(Self.describe(value)) is not of type \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let choices = schema["enum"] as? [Any], !choices.contains(where: { ($0 as? NSObject)?.isEqual(value) == true }) {
            problems.append("\(location): \(Self.describe(value)) is not one of \(choices)")
        }
        if let text = value as? String {
            let length = text.unicodeScalars.count
            if let minimum = schema["minLength"] as? Int, length < minimum { problems.append("\(location): shorter than \(minimum)") }
            if let maximum = schema["maxLength"] as? Int, length > maximum { problems.append("\(location): longer than \(maximum)") }
            if schema["format"] as? String == "date-time", text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z/) == nil {
                problems.append("\(location): \(text) is not an RFC 3339 UTC timestamp")
            }
            if schema["format"] as? String == "date", text.wholeMatch(of: /\d{4}-\d\d-\d\d/) == nil {
                problems.append("\(location): \(text) is not a date")
            }
            if schema["format"] as? String == "email", text.wholeMatch(of: /[^@\s]+@[^@\s]+/) == nil {
                problems.append("\(location): \(text) is not an email address")
            }
        }
        if let minimum = schema["minimum"] as? Double, let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue < minimum {
            problems.append("\(location): \(number) is below \(minimum)")
        }
        if let maximum = schema["maximum"] as? Double, let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue > maximum {
            problems.append("\(location): \(number) is above \(maximum)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(location): misses \(key)")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                if let property = properties[key] as? [String: Any] {
                    self.validate(member, against: property, at: "\(location).\(key)", into: &problems)
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    self.validate(member, against: additional, at: "\(location).\(key)", into: &problems)
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(location): unexpected member \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() {
                self.validate(element, against: items, at: "\(location)[\(index)]", into: &problems)
            }
        }
    }

    /// The members `schema` declares through `properties`, its `$ref` and its `allOf` parts;
    /// `nil` when it declares none (a free-form object).
    private func declaredProperties(_ schema: [String: Any]) -> Set<String>? {
        var declared = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        var found = schema["properties"] != nil
        if let reference = schema["$ref"] as? String, let target = self.resolve(reference), let more = self.declaredProperties(target) {
            declared.formUnion(more)
            found = true
        }
        for part in schema["allOf"] as? [[String: Any]] ?? [] {
            if let more = self.declaredProperties(part) {
                declared.formUnion(more)
                found = true
            }
        }
        return found ? declared : nil
    }

    private func conforms(_ value: Any, to schema: [String: Any], at location: String) -> Bool {
        var problems: [String] = []
        self.validate(value, against: schema, at: location, into: &problems)
        return problems.isEmpty
    }

    private static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    private static func isJSON(_ value: Any, ofType type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return (value as? NSNumber).map(Self.isBoolean) ?? false
        case "number": return (value as? NSNumber).map { !Self.isBoolean($0) } ?? false
        case "integer":
            guard let number = value as? NSNumber, !Self.isBoolean(number) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        default: return false
        }
    }

    private static func describe(_ value: Any) -> String {
        let text = String(describing: value)
        return text.count > 80 ? String(text.prefix(80)) + "..." : text
    }
}
