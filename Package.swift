// swift-tools-version:6.0
// Dependency rule (one way, top to bottom):
//   hilum (executable) -> HilumCommands -> HilumNet -> HilumLedger -> HilumCrypto, HilumSQLite -> HilumCore
//   HilumCommands -> HilumDICOMweb -> HilumCrypto, HilumCore (and Foundation's networking)
//   HilumCrypto -> CSodium, HilumSQLite -> CSQLite, CHilumPageChecksum (a VFS in C) -> CSQLite;
//   HilumCore imports no C library.
//   HilumCommands -> HilumHistory (FHIR reader, history summary, rules) -> Foundation only
//   HilumCommands, HilumWorklist -> HilumReporting (templates, report payload, checks, exports) -> HilumCore
//   HilumTerminal -> CNcursesw, CHilumTerminalRestore, HilumCore;
//   HilumScreens (the worklist app) -> HilumTerminal, HilumWorklist, HilumNet, HilumLedger, HilumHistory, HilumReporting, HilumVoice;
//   HilumVoice (speech recognition) -> CPocketSphinx, HilumReporting;
//   HilumCommands -> HilumScreens for 'hilum worklist';
//   HilumScreens, HilumCommands -> HilumPreview (key image fetch, PNG decoding, libchafa drawing) -> CChafa, CPNG, HilumDICOMweb;
//   hilum-terminal-check (a test tool) -> HilumTerminal.
//   Tests: OrthancSandbox (Orthanc in a private network namespace) -> Foundation only; test targets use it
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
        .systemLibrary(name: "CChafa", path: "Sources/CChafa", pkgConfig: "chafa", providers: [.apt(["libchafa-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CPocketSphinx", path: "Sources/CPocketSphinx", pkgConfig: "pocketsphinx",
                       providers: [.apt(["libpocketsphinx-dev", "libsphinxbase-dev", "pocketsphinx-en-us"])]),
        .target(name: "CHilumTerminalRestore", path: "Sources/CHilumTerminalRestore"),
        .target(name: "HilumCore"),
        .target(name: "HilumTerminal", dependencies: ["CNcursesw", "CHilumTerminalRestore", "HilumCore"]),
        .executableTarget(name: "hilum-terminal-check", dependencies: ["HilumTerminal"]),
        .target(name: "HilumCrypto", dependencies: ["CSodium", "HilumCore"]),
        .target(name: "CHilumPageChecksum", dependencies: ["CSQLite"], path: "Sources/CHilumPageChecksum"),
        .target(name: "HilumSQLite", dependencies: ["CSQLite", "CHilumPageChecksum"]),
        .target(name: "HilumLedger", dependencies: ["HilumCore", "HilumCrypto", "HilumSQLite"]),
        .target(name: "HilumReporting", dependencies: ["HilumCore"]),
        .target(name: "HilumNet", dependencies: ["HilumCore", "HilumCrypto", "HilumLedger"]),
        .target(name: "HilumCommands", dependencies: ["HilumCore", "HilumCrypto", "HilumSQLite", "HilumLedger", "HilumNet",
                                                      "HilumDICOMweb", "HilumHistory", "HilumReporting", "HilumWorklist", "HilumScreens",
                                                      "HilumPreview", "HilumTerminal", "HilumVoice"]),
        .target(name: "HilumDICOMweb", dependencies: ["HilumCore", "HilumCrypto"]),
        .target(name: "HilumHistory"),
        .target(name: "HilumPreview", dependencies: ["CChafa", "CPNG", "HilumDICOMweb"]),
        .target(name: "HilumVoice", dependencies: ["CPocketSphinx", "HilumReporting"]),
        .target(name: "HilumWorklist", dependencies: ["HilumCore", "HilumCrypto", "HilumSQLite", "HilumLedger", "HilumNet", "HilumHistory",
                                                      "HilumReporting"]),
        .target(name: "HilumScreens", dependencies: ["HilumTerminal", "HilumWorklist", "HilumNet", "HilumLedger", "HilumHistory",
                                                     "HilumCrypto", "HilumSQLite", "HilumCore", "HilumReporting", "HilumPreview", "HilumVoice"]),
        .executableTarget(name: "hilum", dependencies: ["HilumCommands"]),
        .testTarget(name: "HilumCoreTests", dependencies: ["HilumCore"]),
        .testTarget(name: "HilumCryptoTests", dependencies: ["HilumCrypto", "HilumCore", "CSodium"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "HilumLedgerTests", dependencies: ["HilumLedger", "HilumCrypto", "HilumSQLite", "HilumCore", "HilumReporting"]),
        .testTarget(name: "HilumReportingTests", dependencies: ["HilumReporting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HilumNetTests", dependencies: ["HilumNet", "HilumLedger", "HilumCrypto", "HilumCore"]),
        .target(name: "OrthancSandbox", path: "Tests/OrthancSandbox"),
        .testTarget(name: "HilumDICOMwebTests", dependencies: ["HilumDICOMweb", "HilumCrypto", "OrthancSandbox"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "HilumPreviewTests", dependencies: ["HilumPreview", "HilumDICOMweb", "HilumCrypto", "OrthancSandbox"]),
        .testTarget(name: "HilumHistoryTests", dependencies: ["HilumHistory"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HilumWorklistTests", dependencies: ["HilumWorklist", "HilumCommands", "HilumLedger", "HilumNet", "HilumCrypto", "HilumCore"]),
        .target(name: "ALSASandbox", dependencies: ["HilumVoice"], path: "Tests/ALSASandbox"),
        .testTarget(name: "HilumVoiceTests", dependencies: ["HilumVoice", "HilumReporting", "ALSASandbox"]),
        .testTarget(name: "HilumTerminalTests", dependencies: ["HilumTerminal", "hilum-terminal-check"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "HilumScreensTests", dependencies: ["HilumScreens", "HilumTerminal", "HilumWorklist", "HilumCommands", "HilumPreview",
                                                              "HilumLedger", "HilumNet", "HilumCrypto", "HilumCore", "HilumVoice",
                                                              "ALSASandbox"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "HilumCommandsTests", dependencies: ["HilumCommands", "HilumLedger", "HilumCrypto", "HilumCore", "HilumDICOMweb",
                                                               "HilumSQLite", "OrthancSandbox"]),
    ],
    swiftLanguageModes: [.v6]
)
