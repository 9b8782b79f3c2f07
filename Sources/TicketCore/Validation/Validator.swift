/// Field checks shared by every service operation. Each returns the cleaned value, or records
/// a message in `errors` and returns `nil`.
struct Validator {
    var errors = FieldErrors()

    /// A required text field, trimmed, within `limits`, without control characters (see
    /// ``hasForbiddenControlCharacter(_:)``).
    mutating func text(_ value: String?, field: String, limits: ClosedRange<Int>) -> String? {
        guard let value else {
            self.errors.add(field, "is required")
            return nil
        }
        return self.presentText(value, field: field, limits: limits)
    }

    /// A text field that was sent, trimmed, within `limits`, without control characters.
    mutating func presentText(_ value: String, field: String, limits: ClosedRange<Int>) -> String? {
        if Self.hasForbiddenControlCharacter(value) {
            self.errors.add(field, "must not contain control characters other than tab and line breaks")
            return nil
        }
        let trimmed = value.trimmingWhitespace()
        // Lengths count Unicode scalars (code points), as JSON Schema and the databases do: a
        // letter with a thousand combining marks is a thousand and one characters, not one.
        let length = trimmed.unicodeScalars.count
        if length < limits.lowerBound {
            self.errors.add(field, limits.lowerBound == 1 ? "must not be blank" : "must be at least \(limits.lowerBound) characters")
            return nil
        }
        if length > limits.upperBound {
            self.errors.add(field, "must be at most \(limits.upperBound) characters")
            return nil
        }
        return trimmed
    }

    /// A new password: 8-128 characters without control characters (tab and line breaks allowed,
    /// as in all text), not trimmed (spaces are part of a password).
    mutating func password(_ value: String?, field: String = "password") -> String? {
        guard let value else {
            self.errors.add(field, "is required")
            return nil
        }
        if Self.hasForbiddenControlCharacter(value) {
            self.errors.add(field, "must not contain control characters other than tab and line breaks")
            return nil
        }
        guard ValidationLimits.password.contains(value.unicodeScalars.count) else {
            self.errors.add(
                field,
                "must be \(ValidationLimits.password.lowerBound) to \(ValidationLimits.password.upperBound) characters"
            )
            return nil
        }
        return value
    }

    /// An email: trimmed, lower-cased, `local@domain` with a plausible domain.
    mutating func email(_ value: String?, field: String = "email") -> String? {
        guard let value else {
            self.errors.add(field, "is required")
            return nil
        }
        guard let email = EmailAddress.normalize(value) else {
            self.errors.add(field, "must be a valid email address")
            return nil
        }
        return email
    }

    /// A ticket priority, case-insensitive.
    mutating func priority(_ value: String?, field: String = "priority") -> TicketPriority? {
        guard let value else {
            self.errors.add(field, "is required")
            return nil
        }
        guard let priority = TicketPriority(parsing: value) else {
            self.errors.add(field, "must be one of: \(TicketPriority.allowedList)")
            return nil
        }
        return priority
    }

    /// One of `categories`, case-insensitive, as configured; `nil` (none) stays `nil`.
    mutating func category(_ value: String?, in categories: TicketCategories, field: String = "category") -> String? {
        guard let value else { return nil }
        guard let name = categories.matching(value) else {
            self.errors.add(field, "must be null or one of: \(categories.allowedList)")
            return nil
        }
        return name
    }

    /// A ticket status, case-insensitive.
    mutating func status(_ value: String, field: String = "status") -> TicketStatus? {
        guard let status = TicketStatus(parsing: value) else {
            self.errors.add(field, "must be one of: \(TicketStatus.allowedList)")
            return nil
        }
        return status
    }

    /// A `limit` query value: `defaultValue` when absent, at most `maximum` (a larger one, even
    /// past what an `Int` holds, is clamped to it); anything but a positive integer is an error.
    mutating func limit(_ value: String?, default defaultValue: Int, maximum: Int, field: String = "limit") -> Int {
        guard let value else { return defaultValue }
        let text = value.trimmingWhitespace()
        // Digits that no Int holds are a very large limit, clamped like any other.
        let digits = text.hasPrefix("+") ? text.dropFirst() : text[...]
        if Int(text) == nil, !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            return maximum
        }
        guard let limit = Int(text), limit >= 1 else {
            self.errors.add(field, "must be a positive integer")
            return defaultValue
        }
        return min(limit, maximum)
    }

    /// Throws the collected errors, if any.
    func check() throws(TicketError) {
        try self.errors.throwIfAny()
    }

    /// `true` when `text` holds a control character (Unicode category Cc: U+0000-U+001F and
    /// U+007F-U+009F) other than tab, line feed and carriage return. Such characters have no
    /// business in a ticket, and each would come back six bytes long (`\u0001`) in JSON.
    static func hasForbiddenControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: false
            case 0x00...0x1F, 0x7F...0x9F: true
            default: false
            }
        }
    }
}

/// Email syntax and normalisation.
public enum EmailAddress {
    /// The trimmed, lower-cased address, or `nil` when it is not `local@domain`.
    ///
    /// The check is deliberately practical: one `@`, a local part of printable characters,
    /// a domain of letters, digits and hyphens in dot-separated labels (`localhost` allowed).
    /// - Parameters:
    ///   - raw: The address as entered.
    /// - Returns: The normalised address, or `nil` when it is not a valid one.
    public static func normalize(_ raw: String) -> String? {
        let email = raw.trimmingWhitespace().lowercased()
        guard ValidationLimits.email.contains(email.unicodeScalars.count) else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return nil }
        guard !local.isEmpty, local.count <= 64 else { return nil }
        let localAllowed = "abcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?^_`{|}~-"
        guard local.allSatisfy({ localAllowed.contains($0) }), !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.isEmpty else { return nil }
        for label in labels {
            guard (1...63).contains(label.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return nil }
        }
        return email
    }
}
