// swift-tools-version:6.2
// Cordon: the epidemic command centre platform. Targets follow dependency boundaries:
// pure engines depend on Domain alone; the stores and the web layer sit on top.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Cordon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cordon", targets: ["cordon"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // Value types, ids, errors, repository protocols. No dependencies.
        .target(name: "Domain", swiftSettings: swiftSettings),
        // Parsing and validation of every import feed (NDJSON/CSV). Pure.
        .target(name: "Ingestion", dependencies: ["Domain"], swiftSettings: swiftSettings),
        // The in-memory timeline index and automatic contact tracing. Pure.
        .target(name: "ContactTracing", dependencies: ["Domain"], swiftSettings: swiftSettings),
        // The health-code credential: CBOR, COSE_Sign1/ES256, CWT, Base45, offline verification.
        // No server dependency, so a scanner app on any Swift platform can reuse it.
        .target(name: "Credentials", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        // libqrencode, and QR codes drawn as SVG (pages, files) or PBM (zbarimg in tests).
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "QRImage", dependencies: ["CQRencode"], swiftSettings: swiftSettings),
        // glibc's mallopt, which Swift's Glibc module leaves out (ProcessMemory: large blocks back to the system).
        .systemLibrary(name: "CMalloc"),
        // EU Digital COVID Certificates (HC1:) read as travel evidence: zlib, signers' keys read from their
        // certificates' DER, ES256 and PS256. `cordon verify` and checkpoint scans use it.
        .target(
            name: "EUDCC",
            dependencies: [
                "Credentials", .product(name: "CompressNIO", package: "compress-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // Health colours with reasons, and risk areas, from facts and the outbreak profile. Pure.
        .target(name: "HealthRules", dependencies: ["Domain"], swiftSettings: swiftSettings),
        // The reproduction number and its projection (Cori et al. 2013): numbers in, numbers out.
        .target(name: "Epidemiology", swiftSettings: swiftSettings),
        // Grid work: tasks from facts, escalation, report completeness, follow-up, rosters. Pure.
        .target(name: "GridWork", dependencies: ["Domain"], swiftSettings: swiftSettings),
        // Encryption at rest, blind index, audit-chain hashing. Pure + swift-crypto.
        .target(
            name: "Privacy",
            dependencies: ["Domain", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Fair supplies: the verifiable reservation lottery and the donation ledger's hash chain. Pure + swift-crypto.
        .target(name: "Supplies", dependencies: ["Domain", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        // Deterministic synthetic city generator. Pure.
        .target(name: "DemoCity", dependencies: ["Domain"], swiftSettings: swiftSettings),
        // The store written once: statements in SQL both databases speak, the migration list, row
        // mappers and value codecs. Each backend below only runs them with its driver.
        .target(name: "StorageSQL", dependencies: ["Domain"], swiftSettings: swiftSettings),
        .target(
            name: "StorageSQLite",
            dependencies: [
                "Domain", "StorageSQL", .product(name: "GRDB", package: "GRDB.swift"),
                // The C API itself, for the bulk insert loop (see RowBinder).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StoragePostgres",
            dependencies: [
                "Domain", "StorageSQL",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The JSON API contract: openapi.yaml and the generated server protocol.
        .target(
            name: "CordonAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // Composition root, web controllers, API implementation, services, templates.
        .target(
            name: "App",
            dependencies: [
                "Domain", "Ingestion", "ContactTracing", "HealthRules", "Epidemiology", "GridWork", "Credentials", "EUDCC", "QRImage", "Privacy", "DemoCity",
                "Supplies", "StorageSQL", "StorageSQLite", "StoragePostgres", "CordonAPI", "CMalloc",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cordon",
            dependencies: [
                "App", "ContactTracing", "HealthRules", "Credentials", "QRImage", "Privacy", "Domain", "DemoCity", "Ingestion", "Supplies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Opens a fresh store on each backend for the contract tests (SQLite file, PostgreSQL database).
        .target(
            name: "TestSupport",
            dependencies: [
                "Domain", "Privacy", "StorageSQL", "StorageSQLite", "StoragePostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DomainTests", dependencies: ["Domain", "Ingestion", "Privacy", "DemoCity", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .testTarget(name: "ContactTracingTests", dependencies: ["Domain", "ContactTracing"], swiftSettings: swiftSettings),
        .testTarget(name: "HealthRulesTests", dependencies: ["Domain", "HealthRules"], swiftSettings: swiftSettings),
        .testTarget(name: "EpidemiologyTests", dependencies: ["Epidemiology"], swiftSettings: swiftSettings),
        .testTarget(name: "SuppliesTests", dependencies: ["Domain", "Supplies"], swiftSettings: swiftSettings),
        .testTarget(name: "GridWorkTests", dependencies: ["Domain", "GridWork"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CredentialsTests", dependencies: ["Credentials", "EUDCC", "QRImage", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Vectors"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Domain", "Privacy", "StorageSQL", "StorageSQLite", "StoragePostgres", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Runs the built `cordon` executable: the command-line contract of DESIGN §5.
        .testTarget(name: "CLITests", dependencies: ["cordon"], swiftSettings: swiftSettings),
        // Real `cordon serve` processes: shutdown within its deadline, a database that goes away and comes back.
        .testTarget(
            name: "InstanceTests", dependencies: ["cordon", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "CordonAPI", "TestSupport", "Domain", "Privacy", "DemoCity", "ContactTracing", "Ingestion", "Credentials", "GridWork", "HealthRules", "Epidemiology", "Supplies",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["Scripts"],
            swiftSettings: swiftSettings
        ),
    ]
)
