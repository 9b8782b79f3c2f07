/// Who may create their own account with `POST /auth/register`. Closed unless the server is
/// started to open it: anyone on the office network (a guest Wi-Fi included) could otherwise
/// make an account.
public enum SelfRegistration: Sendable, Equatable {
    /// Nobody: an administrator creates every account (the default).
    case closed
    /// Anyone who can reach the server.
    case open
    /// Only addresses in these email domains (lower case, matched exactly: `example.com`
    /// admits `ann@example.com`, not `ann@mail.example.com`).
    case domains(Set<String>)

    /// Open to the given domains; `nil` when one of them is not a domain name.
    /// - Parameters:
    ///   - names: Domain names, such as `example.com`; they are lower-cased.
    /// - Returns: ``domains(_:)`` with the normalised names, or `nil` when a name is not a domain or there is none.
    public static func forDomains(_ names: some Sequence<String>) -> SelfRegistration? {
        var domains = Set<String>()
        for name in names {
            // A domain is valid exactly when an address in it is.
            guard let address = EmailAddress.normalize("x@" + name), let domain = address.split(separator: "@").last else { return nil }
            domains.insert(String(domain))
        }
        return domains.isEmpty ? nil : .domains(domains)
    }
}
