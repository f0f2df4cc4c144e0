import Dispatch
import Foundation

/// Runs a converter (pdftotext, catdoc) on a private copy of a file's bytes (the file on disk may change under us),
/// its output written to a file rather than a pipe so that no buffer can fill and block it, within a time limit.
enum ExternalTool {
    enum Failure: Error, Equatable {
        case timedOut
        case failed(status: Int32)
    }

    /// The executable `name` on `PATH`, if any.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `arguments(input, output)`: the tool's arguments given the paths of its input and output files; with
    /// `outputIsStdout` the tool prints its result, which goes to the output file.
    static func run(_ tool: String, bytes: [UInt8], inputName: String, timeout: Int, outputIsStdout: Bool = false,
                    arguments: (String, String) -> [String]) throws -> Data {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nianbao-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent(inputName)
        let output = directory.appendingPathComponent("out.txt")
        try Data(bytes).write(to: input)
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let sink = try FileHandle(forWritingTo: output)
        defer { try? sink.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments(input.path, output.path)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputIsStdout ? sink : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + .seconds(timeout)) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw Failure.timedOut
        }
        guard process.terminationStatus == 0 else { throw Failure.failed(status: process.terminationStatus) }
        return try Data(contentsOf: output)
    }
}
