/// The tables the upgrade tests load and compare, named alike on both stores.
public enum UpgradeTables {
    /// The tables that hold what people wrote; the others are caches of them, which an upgrade
    /// must leave equal to a recomputation.
    public static let data = ["roles", "users", "tickets", "comments", "ticket_events", "settings", "login_attempts", "sessions"]
    /// The data tables an old database is loaded through, parents first (its roles come with
    /// the first migration).
    public static let loaded = ["users", "tickets", "comments", "ticket_events", "settings"]
}
