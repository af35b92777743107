// swift-tools-version:6.0
// Dependency rule (one way, top to bottom):
//   hilum (executable) -> HilumCommands -> HilumNet -> HilumLedger -> HilumCrypto, HilumSQLite -> HilumCore
//   HilumCrypto -> CSodium, HilumSQLite -> CSQLite; HilumCore imports no C library.
import PackageDescription

let package = Package(
    name: "Hilum",
    products: [
        .executable(name: "hilum", targets: ["hilum"]),
    ],
    targets: [
        .systemLibrary(name: "CSodium", path: "Sources/CSodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "HilumCore"),
        .target(name: "HilumCrypto", dependencies: ["CSodium", "HilumCore"]),
        .target(name: "HilumSQLite", dependencies: ["CSQLite"]),
        .target(name: "HilumLedger", dependencies: ["HilumCore", "HilumCrypto", "HilumSQLite"]),
        .target(name: "HilumReporting", dependencies: ["HilumCore"]),
        .target(name: "HilumNet", dependencies: ["HilumCore", "HilumCrypto", "HilumLedger"]),
        .target(name: "HilumCommands", dependencies: ["HilumCore", "HilumCrypto", "HilumSQLite", "HilumLedger", "HilumNet"]),
        .executableTarget(name: "hilum", dependencies: ["HilumCommands"]),
        .testTarget(name: "HilumCoreTests", dependencies: ["HilumCore"]),
        .testTarget(name: "HilumCryptoTests", dependencies: ["HilumCrypto", "HilumCore", "CSodium"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "HilumLedgerTests", dependencies: ["HilumLedger", "HilumCrypto", "HilumSQLite", "HilumCore"]),
        .testTarget(name: "HilumReportingTests", dependencies: ["HilumReporting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HilumNetTests", dependencies: ["HilumNet", "HilumLedger", "HilumCrypto", "HilumCore"]),
        .testTarget(name: "HilumCommandsTests", dependencies: ["HilumCommands", "HilumLedger", "HilumCrypto", "HilumCore"]),
    ],
    swiftLanguageModes: [.v6]
)
