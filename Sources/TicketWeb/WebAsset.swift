import Crypto
import Foundation
import Hummingbird

/// One file of the web front end, read once at start: its bytes, its media type and a strong
/// `ETag` made from its content (the same on every server that ships the same file, unlike a
/// modification time).
struct WebAsset: Sendable {
    /// The request path that serves it: `/` for `index.html`, otherwise `/` and its path in
    /// the site folder.
    let path: String
    let body: ByteBuffer
    let contentType: String
    /// A quoted strong entity tag: the first 16 bytes of the content's SHA-256, in hex.
    let etag: String

    /// - Parameters:
    ///   - path: The request path.
    ///   - fileName: The file's name, whose extension gives the media type.
    ///   - contents: The file's bytes.
    init(path: String, fileName: String, contents: Data) {
        self.path = path
        self.body = ByteBuffer(bytes: contents)
        let fileExtension = fileName.split(separator: ".").last.map(String.init) ?? ""
        self.contentType = Self.contentType(forExtension: fileExtension)
        let digest = SHA256.hash(data: contents).prefix(16).map { String(format: "%02x", $0) }.joined()
        self.etag = "\"\(digest)\""
    }

    /// The media type for a file extension, with `charset=utf-8` for text.
    private static func contentType(forExtension fileExtension: String) -> String {
        switch fileExtension {
        // Hummingbird maps .js to application/javascript; HTML's standard names text/javascript.
        case "js": return "text/javascript; charset=utf-8"
        default:
            guard let mediaType = MediaType.getMediaType(forExtension: fileExtension) else { return "application/octet-stream" }
            let text = mediaType.type == .text || fileExtension == "svg"
            return text ? "\(mediaType); charset=utf-8" : "\(mediaType)"
        }
    }

    /// Whether an `If-None-Match` header value names this asset's current version (`*`, or a
    /// list of tags compared weakly, as RFC 9110 asks for this header).
    func isMatched(byIfNoneMatch header: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == self.etag || tag == "W/" + self.etag
        }
    }
}
