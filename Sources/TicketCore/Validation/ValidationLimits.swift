/// Every length limit of the API, in one place. Lengths count Unicode scalars (code points).
public enum ValidationLimits {
    /// User names: 1-100 characters.
    public static let name = 1...100
    /// Passwords: 8-128 characters.
    public static let password = 8...128
    /// Ticket titles: 1-200 characters.
    public static let title = 1...200
    /// Ticket descriptions: 1-20000 characters.
    public static let description = 1...20_000
    /// Comment text: 1-20000 characters.
    public static let comment = 1...20_000
    /// Emails: at most 254 characters (RFC 5321 path limit).
    public static let email = 3...254
    /// A list's `q` search: at most 500 characters.
    public static let searchText = 1...500
    /// A list's `q` search uses at most this many distinct words (``SearchText/searchWords(_:)``).
    public static let searchWords = 16
    /// How long a `q` search may run before it is stopped with a 503.
    public static let searchTime: Duration = .seconds(3)
    /// How much of a ticket's comment thread a `q` search looks at: its first 50,000
    /// characters (the stores' migrations write this number into their triggers). A ticket's
    /// title and description are always searched whole.
    public static let searchedCommentText = 50_000
}
