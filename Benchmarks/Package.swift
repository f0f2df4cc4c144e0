// swift-tools-version: 6.1
// Benchmarks, kept out of the main package so that its build and tests stay lean.
// Run: swift run -c release --package-path Benchmarks nianbao-bench
import Foundation
import PackageDescription

// A path dependency is known by its directory's name, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "nianbao-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "nianbao-bench", dependencies: [.product(name: "NianbaoKit", package: root)]),
        .executableTarget(name: "nianbao-parse-bench", dependencies: [.product(name: "NianbaoKit", package: root)]),
    ],
    swiftLanguageModes: [.v6]
)
