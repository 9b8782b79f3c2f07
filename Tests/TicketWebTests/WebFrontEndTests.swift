import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TicketWeb

@Suite struct WebFrontEndTests {
    let site: WebFrontEnd

    init() throws { self.site = try WebFrontEnd() }

    func withSite(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router()
        self.site.addRoutes(to: router)
        try await Application(router: router).test(.router, test)
    }

    @Test func servesThePageWithItsPolicyTypeAndValidators() async throws {
        try await self.withSite { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(response.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
                #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
                #expect(String(buffer: response.body).contains("<script type=\"module\" src=\"/app/main.js\">"))
            }
        }
    }

    @Test func aReloadWithTheCurrentTagCostsA304WithoutBody() async throws {
        try await self.withSite { client in
            let etag = try await client.execute(uri: "/app/main.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/app/main.js", method: .get, headers: [.ifNoneMatch: "\"other\", \(etag)"]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
            }
            try await client.execute(uri: "/app/main.js", method: .get, headers: [.ifNoneMatch: "\"stale\""]) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes > 0)
            }
        }
    }

    @Test func everyFileHasItsMediaType() async throws {
        let expected = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml; charset=utf-8"]
        #expect(self.site.assets["/"]?.contentType == "text/html; charset=utf-8")
        for asset in self.site.assets.values where asset.path != "/" {
            let fileExtension = String(asset.path.split(separator: ".").last ?? "")
            #expect(expected[fileExtension] == asset.contentType, "\(asset.path)")
        }
        #expect(self.site.assets.count > 10)
    }

    @Test func pathsOutsideTheSiteAreNotServed() async throws {
        try await self.withSite { client in
            for path in ["/app/../index.html", "/app/", "/app/missing.js", "/index.html", "/app/views"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                }
            }
        }
    }

    @Test func otherMethodsOnAPageAre405NamingGet() async throws {
        try await self.withSite { client in
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                try await client.execute(uri: "/", method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET")
                }
            }
        }
    }

    /// Every relative import of every module names a file the server serves, so a renamed
    /// module fails here and not only in a browser.
    @Test func everyModuleImportResolves() throws {
        let importPattern = try Regex(#"from '(\.{1,2}/[^']+)'"#)
        for asset in self.site.assets.values where asset.path.hasSuffix(".js") {
            let source = String(buffer: asset.body)
            let folder = asset.path.split(separator: "/").dropLast().map(String.init)
            for match in source.matches(of: importPattern) {
                guard let target = match.output[1].substring else { continue }
                var parts = folder
                for part in target.split(separator: "/") {
                    if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
                }
                let resolved = "/" + parts.joined(separator: "/")
                #expect(self.site.assets[resolved] != nil, "\(asset.path) imports \(target), which is not served")
            }
        }
    }

    /// The pages insert text from the API as text: no module parses strings as HTML or code.
    @Test func noModuleParsesStringsAsMarkupOrCode() {
        let forbidden = [
            "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'", "javascript:",
        ]
        for asset in self.site.assets.values where asset.path.hasSuffix(".js") || asset.path == "/" {
            let source = String(buffer: asset.body)
            for word in forbidden { #expect(!source.contains(word), "\(asset.path) uses \(word)") }
        }
        let page = String(buffer: self.site.assets["/"]?.body ?? ByteBuffer())
        #expect(!page.contains("<script>"), "index.html has an inline script")
        #expect(!page.contains("style="), "index.html has an inline style")
    }
}
