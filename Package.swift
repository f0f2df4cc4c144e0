// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NianbaoKit", targets: ["NianbaoKit"]),
        .executable(name: "nianbao", targets: ["nianbao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libxml2's HTML and XML parsers (Debian package libxml2-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The C library's fts(3), for walking a corpus (glibc's module map leaves it out).
        .systemLibrary(name: "CFTS"),
        .target(
            name: "NianbaoKit",
            dependencies: [
                "CLibXML2",
                "CFTS",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the ingest's bulk inserts (Store/BulkInsert.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [
                .copy("Resources/gazetteer.tsv"), .copy("Resources/gazetteer-LICENSE.txt"),
                // The forms as data: the canonical keys and labels (a copy of spec/fields.tsv) and label variants.
                .copy("Resources/fields.tsv"), .copy("Resources/fields-2008.tsv"), .copy("Resources/labels.tsv"),
            ]
        ),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "NianbaoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The synthetic corpus: a test oracle and the benchmarks' input (a development tool, not for users).
        .target(name: "NianbaoSynth", dependencies: ["NianbaoKit"]),
        .executableTarget(
            name: "nianbao-synth",
            dependencies: ["NianbaoSynth", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "NianbaoKitTests",
            dependencies: [
                "NianbaoKit",
                "NianbaoSynth",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Gold"), .copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
