/// The office's ticket categories (`Hardware`, `Software`, ...), configured when the server
/// starts: a ticket's `category` is one of them or none. Names are matched case-insensitively and
/// stored and shown as configured.
public struct TicketCategories: Sendable, Hashable {
    /// The categories in the order they are offered.
    public let names: [String]

    /// `Hardware`, `Software`, `Network`, `Accounts`, `Other`.
    public static let `default` = TicketCategories(checked: ["Hardware", "Software", "Network", "Accounts", "Other"])

    /// The most categories an office may configure (each list and form offers all of them).
    public static let maximumCount = 50
    /// A category name's length in characters.
    public static let nameLength = 1...40
    /// The filter value for tickets without a category (so no category may be called this).
    public static let noneFilter = "none"

    /// Checks a configured list.
    /// - Parameter names: The categories, in the order to offer them.
    /// - Throws: ``TicketError/Kind/validation`` under the field `categories` when the list is
    ///   empty or longer than ``maximumCount``, or a name is blank, longer than ``nameLength``,
    ///   holds a comma or a control character, is `none`, or repeats another ignoring case.
    public init(_ names: [String]) throws(TicketError) {
        var errors = FieldErrors()
        var seen: Set<String> = []
        var cleaned: [String] = []
        if names.isEmpty || names.count > Self.maximumCount {
            errors.add("categories", "must list 1 to \(Self.maximumCount) categories")
        }
        for name in names {
            let trimmed = name.trimmingWhitespace()
            let length = trimmed.unicodeScalars.count
            let controls = trimmed.unicodeScalars.contains { [.control, .format].contains($0.properties.generalCategory) }
            if !Self.nameLength.contains(length) || controls || trimmed.contains(",") {
                errors.add("categories", "each must be 1 to \(Self.nameLength.upperBound) characters without commas, control or format characters")
            } else if Self.folded(trimmed) == Self.noneFilter {
                errors.add("categories", "must not include \(Self.noneFilter), which filters tickets without a category")
            } else if !seen.insert(Self.folded(trimmed)).inserted {
                errors.add("categories", "must not repeat \(trimmed)")
            } else {
                cleaned.append(trimmed)
            }
        }
        try errors.throwIfAny()
        self.names = cleaned
    }

    private init(checked names: [String]) {
        self.names = names
    }

    /// The configured name `raw` stands for, ignoring case and surrounding white space, or `nil`.
    /// - Parameter raw: A name as a client sent it.
    /// - Returns: The name as configured, or `nil` when it is none of them.
    public func matching(_ raw: String) -> String? {
        let wanted = Self.folded(raw)
        return self.names.first { Self.folded($0) == wanted }
    }

    /// A name as it is compared: trimmed and lower-cased.
    /// - Parameter name: A category name.
    /// - Returns: The form two names that mean the same category share.
    public static func folded(_ name: String) -> String {
        name.trimmingWhitespace().lowercased()
    }

    /// The names joined for an error message (`Hardware, Software, ...`).
    var allowedList: String { self.names.joined(separator: ", ") }
}
