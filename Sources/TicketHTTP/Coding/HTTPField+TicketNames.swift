import HTTPTypes

/// The header names the API uses that HTTPTypes does not name.
extension HTTPField.Name {
    /// `X-Request-Id`.
    static var requestID: Self { .init("X-Request-Id")! }
    /// `X-Total-Count`.
    static var totalCount: Self { .init("X-Total-Count")! }
    /// `Link` (RFC 8288).
    static var link: Self { .init("Link")! }
    /// `X-Forwarded-For`.
    static var forwardedFor: Self { .init("X-Forwarded-For")! }
    /// `X-Content-Type-Options`.
    static var xContentTypeOptions: Self { .init("X-Content-Type-Options")! }
    /// `Referrer-Policy`.
    static var referrerPolicy: Self { .init("Referrer-Policy")! }
}
