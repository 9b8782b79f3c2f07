import Foundation
import HTTPTypes
public import Hummingbird

/// The office's web pages: plain HTML, CSS and JavaScript modules shipped as this module's
/// resources and served from memory by the same server as the JSON API, which is all the
/// pages use.
///
/// `/` serves the single page; `/app/...` its modules, style sheet and icon. Every file is
/// served with its media type, a strong content-hash `ETag` and `Cache-Control: no-cache`, so
/// a reload revalidates and costs a `304` without a body. Every response carries a
/// `Content-Security-Policy` that allows scripts, styles and requests from this origin only
/// and no inline script.
public struct WebFrontEnd: Sendable {
    /// The policy of every page: nothing from other origins, no inline script or style
    /// attribute, no plugins, no framing, no `<base>`.
    /// Trusted Types are required with no policy allowed, so no string can ever reach an HTML
    /// or script sink (`innerHTML` and the like throw).
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
        + "require-trusted-types-for 'script'; trusted-types 'none'"

    /// The files served, keyed by request path.
    let assets: [String: WebAsset]

    /// Reads the site from the module's resources.
    /// - Throws: ``WebFrontEndError`` when the build lost its resources.
    public init() throws {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("site", isDirectory: true) else {
            throw WebFrontEndError(message: "this build has no web front end resources")
        }
        try self.init(siteFolder: root)
    }

    /// Reads every file under `siteFolder`: `index.html` is served at `/`, every other file at
    /// its path relative to the folder.
    /// - Parameter siteFolder: The folder holding `index.html` and `app/`.
    init(siteFolder: URL) throws {
        let folder = siteFolder.standardizedFileURL.resolvingSymlinksInPath()
        let keys: Set<URLResourceKey> = [.isRegularFileKey, .isSymbolicLinkKey]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: Array(keys), options: [.skipsHiddenFiles])
        else {
            throw WebFrontEndError(message: "cannot read the web front end at \(folder.path)")
        }
        var assets: [String: WebAsset] = [:]
        for case let file as URL in enumerator {
            // Regular files only: a link could lead outside the folder.
            guard let values = try? file.resourceValues(forKeys: keys), values.isRegularFile == true, values.isSymbolicLink != true,
                file.path.hasPrefix(folder.path + "/")
            else { continue }
            let relative = file.path.dropFirst(folder.path.count)
            let path = relative == "/index.html" ? "/" : String(relative)
            assets[path] = WebAsset(path: path, fileName: file.lastPathComponent, contents: try Data(contentsOf: file))
        }
        guard assets["/"] != nil else { throw WebFrontEndError(message: "the web front end has no index.html") }
        self.assets = assets
    }

    /// Adds one `GET` route per file to `router` (and a 405 for the other methods).
    /// - Parameter router: The router that also serves the API; the pages' paths (`/` and
    ///   `/app/...`) are not API paths.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        for asset in self.assets.values {
            router.get(RouterPath(asset.path)) { request, _ in
                Self.response(for: asset, ifNoneMatch: request.headers[.ifNoneMatch])
            }
            // A page's path with another method is a 405 naming GET, as on the API's paths.
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                router.on(RouterPath(asset.path), method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: "GET"])
                }
            }
        }
    }

    /// The asset, or `304 Not Modified` when the client already holds this version.
    static func response(for asset: WebAsset, ifNoneMatch: String?) -> Response {
        var headers: HTTPFields = [
            .eTag: asset.etag,
            .cacheControl: "no-cache",
            .contentSecurityPolicy: Self.contentSecurityPolicy,
        ]
        if let ifNoneMatch, asset.isMatched(byIfNoneMatch: ifNoneMatch) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}

/// The web front end could not be loaded when the server started.
public struct WebFrontEndError: Error, CustomStringConvertible {
    /// What went wrong, in one line.
    public let message: String
    public var description: String { self.message }
}
