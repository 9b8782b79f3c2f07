// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "tickets",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TicketCore", targets: ["TicketCore"]),
        .library(name: "TicketStoreSQLite", targets: ["TicketStoreSQLite"]),
        .library(name: "TicketStorePostgres", targets: ["TicketStorePostgres"]),
        .library(name: "TicketHTTP", targets: ["TicketHTTP"]),
        .library(name: "TicketWeb", targets: ["TicketWeb"]),
        .executable(name: "ticket-server", targets: ["TicketServer"]),
        .executable(name: "ticket-triage", targets: ["TicketTriage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "TicketCore", swiftSettings: swiftSettings),
        .target(
            name: "TicketStoreSQLite",
            dependencies: [
                "TicketCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TicketStorePostgres",
            dependencies: [
                "TicketCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TicketHTTP",
            dependencies: [
                "TicketCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TicketWeb",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/site")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TicketStoreConformance",
            dependencies: ["TicketCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TicketTestSupport",
            dependencies: [
                "TicketCore",
                "TicketStoreSQLite",
                "TicketStorePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TicketServer",
            dependencies: [
                "TicketCore",
                "TicketStoreSQLite",
                "TicketStorePostgres",
                "TicketHTTP",
                "TicketWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/TicketServer",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TicketTriage",
            dependencies: [
                "TicketCore",
                "TicketStoreSQLite",
                "TicketHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/TicketTriage",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TicketCoreTests", dependencies: ["TicketCore", "TicketStoreConformance"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TicketStoreSQLiteTests",
            dependencies: [
                "TicketCore",
                "TicketStoreSQLite",
                "TicketTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TicketStoreConformanceTests",
            dependencies: ["TicketCore", "TicketStoreConformance", "TicketTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TicketStorePostgresTests",
            dependencies: [
                "TicketCore",
                "TicketStorePostgres",
                "TicketTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TicketHTTPTests",
            dependencies: [
                .product(name: "NIOEmbedded", package: "swift-nio"),
                "TicketCore",
                "TicketStoreSQLite",
                "TicketHTTP",
                "TicketTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TicketWebTests",
            dependencies: ["TicketWeb", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TicketServerTests",
            dependencies: [
                "TicketServer",
                "TicketCore",
                "TicketHTTP",
                "TicketTestSupport",
                "TicketStoreSQLite",
                "TicketStorePostgres",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TicketTriageTests",
            dependencies: [
                "TicketTriage",
                "TicketCore",
                "TicketStoreSQLite",
                "TicketHTTP",
                "TicketTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
