// swift-tools-version:6.2
import PackageDescription

/// Every target builds in Swift 6 mode with these upcoming features; CI adds
/// `-warnings-as-errors` and `--explicit-target-dependency-import-check error`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// How the three programs are linked, for memory and start-up (measured in docs/benchmarks.md):
/// with LLVM's lld from the Swift toolchain, relative relocations packed (DT_RELR, glibc 2.36:
/// 27 KB instead of 3.3 MB of `.rela.dyn` read at every start), and no symbol table exported
/// (nothing loads symbols from an executable; an exported table costs 4 MB of lookups at start).
let programLinkerSettings: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic",
    ])
]

/// Release builds of dialogued place the functions it runs from start-up through its first sync
/// together, so the kernel's 64 KiB fault-around maps them rather than their neighbours (idle RSS
/// 33 → 28 MiB). The list is made by `scripts/link-order.py`; functions it does not name keep
/// their place, so a stale list costs memory, never correctness.
let daemonLinkOrder: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/packaging/dialogued.order",
            "-Xlinker", "--no-warn-symbol-ordering",
        ], .when(configuration: .release))
]

let package = Package(
    name: "dialogue",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dialogue-server", targets: ["dialogue-server"]),
        .executable(name: "dialogued", targets: ["dialogued"]),
        .executable(name: "dialogue", targets: ["dialogue"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.36.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // MARK: Shared: wire types and cryptography
        /// JSON Schemas read off Codable types, so published API documents follow the code; depends
        /// on nothing, so the wire types can describe themselves with it.
        .target(name: "DialogueSchema", swiftSettings: swiftSettings),
        /// Server↔client wire types, with what their schemas need beyond reflection; depends only on
        /// the dependency-free schema target so every side can share it.
        .target(name: "DialogueProtocol", dependencies: ["DialogueSchema"], swiftSettings: swiftSettings),
        /// DLG-E2EE v1 (spec/e2ee.md) on swift-crypto only.
        .target(
            name: "DialogueCrypto",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Server
        /// What the server keeps: the ServerStore protocol and its two implementations, SQLite (one
        /// machine) and PostgreSQL (several instances), with its own error type; no HTTP, so the
        /// HTTP layer converts its errors once.
        .target(
            name: "DialogueServerStore",
            dependencies: [
                "DialogueProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DialogueServer",
            dependencies: [
                "DialogueProtocol",
                "DialogueSchema",
                "DialogueServerStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Daemon's local API
        /// JSON-RPC 2.0 message types and the daemon's typed local API (one type per method,
        /// its params, its result and every notification); depends only on the schema reflector.
        .target(name: "DialogueRPC", dependencies: ["DialogueSchema"], swiftSettings: swiftSettings),
        /// Newline-delimited JSON-RPC over a Unix domain socket (server and client), on SwiftNIO.
        .target(
            name: "DialogueRPCTransport",
            dependencies: [
                "DialogueRPC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Daemon
        /// The sync protocol as pure state machines (reconnect and backoff, resume cursor,
        /// typing debounce), the thin WebSocket service that drives them for a consumer, and the
        /// typed client of the server's REST API, with its own error type.
        .target(
            name: "DialogueSync",
            dependencies: [
                "DialogueProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The daemon's cache: SQLite (WAL) whose every sensitive cell is sealed with the store cipher.
        .target(
            name: "DialogueStore",
            dependencies: ["DialogueCrypto", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),

        /// The daemon's composition root: key store lifecycle, the account session, RPC handlers.
        .target(
            name: "DialogueDaemon",
            dependencies: [
                "DialogueProtocol",
                "DialogueCrypto",
                "DialogueStore",
                "DialogueSync",
                "DialogueRPC",
                "DialogueRPCTransport",
                "DialogueSystemd",
                "DialogueMedia",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        /// libsystemd from Debian's libsystemd-dev: sd_notify, sd_listen_fds, sd-journal, sd-bus.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        /// Being a good systemd citizen: readiness and watchdog notifications, socket activation,
        /// and a swift-log handler for the journal.
        .target(
            name: "DialogueSystemd",
            dependencies: [
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        /// libgd's header from Debian's libgd-dev (no pkgConfig: gdlib.pc's `-DAVIF_DLL` is a flag
        /// SwiftPM refuses with a warning, and gd.h needs no search path). Nothing links libgd: the
        /// media target loads it the first time an image is prepared (GDLibrary).
        .systemLibrary(name: "CGD", providers: [.apt(["libgd-dev"])]),
        /// Attachment images: checked, downscaled, turned upright and re-encoded without metadata.
        .target(name: "DialogueMedia", dependencies: ["CGD"], swiftSettings: swiftSettings),

        /// The `dialogue` command line: talks only to the daemon's socket.
        .target(
            name: "DialogueCLI",
            dependencies: [
                "DialogueRPC",
                "DialogueRPCTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables (one entry file each)
        .executableTarget(
            name: "dialogue-server", dependencies: ["DialogueServer"], swiftSettings: swiftSettings,
            linkerSettings: programLinkerSettings),
        .executableTarget(
            name: "dialogued", dependencies: ["DialogueDaemon"], swiftSettings: swiftSettings,
            linkerSettings: programLinkerSettings + daemonLinkOrder),
        .executableTarget(
            name: "dialogue", dependencies: ["DialogueCLI"], swiftSettings: swiftSettings,
            linkerSettings: programLinkerSettings),

        // MARK: Tests
        /// What the suites share: child processes, short temporary directories, a seeded
        /// generator, a lock, the server in-process or as the real program, a PostgreSQL
        /// database per test, and the AI provider double.
        .target(
            name: "DialogueTestSupport",
            dependencies: [
                "DialogueServer",
                "DialogueServerStore",
                "DialogueCrypto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/DialogueTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DialogueDaemonTests",
            dependencies: [
                "DialogueTestSupport",
                "DialogueDaemon",
                "dialogued",
                "dialogue-server",
                "DialogueServer",
                "DialogueProtocol",
                "DialogueCrypto",
                "DialogueStore",
                "DialogueSync",
                "DialogueRPC",
                "DialogueRPCTransport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DialogueProtocolTests", dependencies: ["DialogueProtocol"], swiftSettings: swiftSettings),
        .testTarget(name: "DialogueSchemaTests", dependencies: ["DialogueSchema"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DialogueStoreTests",
            dependencies: [
                "DialogueTestSupport", "DialogueStore", "DialogueCrypto", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DialogueSystemdTests",
            dependencies: [
                "DialogueTestSupport", "DialogueSystemd", "CSystemd", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The tests draw and inspect images with libgd directly, so they link it; the product loads
        // it only when an image is prepared (see GDLibrary).
        .testTarget(
            name: "DialogueMediaTests", dependencies: ["DialogueTestSupport", "DialogueMedia", "CGD"],
            swiftSettings: swiftSettings,
            linkerSettings: [.linkedLibrary("gd")]),
        .testTarget(
            name: "DialogueCLITests",
            dependencies: [
                "DialogueTestSupport",
                "DialogueCLI",
                "DialogueRPC",
                "DialogueRPCTransport",
                "dialogue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DialogueSyncTests",
            dependencies: [
                "DialogueTestSupport",
                "DialogueSync",
                "DialogueProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DialogueRPCTests",
            dependencies: [
                "DialogueTestSupport",
                "DialogueRPC",
                "DialogueSchema",
                "DialogueRPCTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DialogueCryptoTests",
            dependencies: [
                "DialogueTestSupport",
                "DialogueCrypto",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DialogueServerTests",
            dependencies: [
                "DialogueTestSupport",
                "DialogueServer",
                "DialogueServerStore",
                "DialogueProtocol",
                "dialogue-server",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks
        .executableTarget(
            name: "CryptoBenchmarks",
            dependencies: ["DialogueCrypto", .product(name: "Crypto", package: "swift-crypto")],
            path: "Benchmarks/CryptoBenchmarks",
            swiftSettings: swiftSettings
        ),
        /// Load harness that drives a real `dialogue-server` subprocess (not a timed test).
        .executableTarget(
            name: "ServerBenchmarks",
            dependencies: [
                "DialogueProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/ServerBenchmarks",
            swiftSettings: swiftSettings
        ),
        /// The daemon's own work as a list of scenarios (search index so far; not timed tests).
        .executableTarget(
            name: "DaemonBenchmarks",
            dependencies: ["DialogueStore"],
            path: "Benchmarks/DaemonBenchmarks",
            swiftSettings: swiftSettings
        ),
    ]
)
