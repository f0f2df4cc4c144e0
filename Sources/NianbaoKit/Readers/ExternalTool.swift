import Dispatch
import Foundation

/// Runs a converter (pdftotext, catdoc) on a private copy of a file's bytes (the file on disk may change under us),
/// its output written to a file rather than a pipe so that no buffer can fill and block it, within a time limit and
/// an output size. The converter dies with nianbao: it is started through util-linux's `setpriv --pdeathsig KILL`
/// where that is installed, so a killed ingest leaves no converter running; the scratch files a killed run leaves
/// are removed by the next (`Scratch.sweep`).
enum ExternalTool {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case timedOut
        case failed(status: Int32)
        case outputTooLarge(limit: Int)

        var description: String {
            switch self {
            case .timedOut: return "the converter gave no result in time"
            case .failed(let status): return "the converter failed (exit status \(status))"
            case .outputTooLarge(let limit): return "the converter's text runs beyond \(limit >> 20) MB (not a report)"
            }
        }
    }

    /// The most text a converter may produce for one file (a report is a few hundred KB of text).
    static let maxOutput = 32 << 20

    static let setpriv = find("setpriv")

    /// The executable `name` on `PATH`, if any.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `arguments(input, output)`: the tool's arguments given the paths of its input and output files; with
    /// `outputIsStdout` the tool prints its result, which goes to the output file. `bytes` nil: no input file (the
    /// arguments name their own).
    static func run(_ tool: String, bytes: [UInt8]?, inputName: String = "in", timeout: Int, outputIsStdout: Bool = false,
                    arguments: (String, String) -> [String]) throws -> Data {
        let directory = Scratch.url()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent(inputName)
        let output = directory.appendingPathComponent("out.txt")
        if let bytes { try Data(bytes).write(to: input) }
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let sink = try FileHandle(forWritingTo: output)
        defer { try? sink.close() }

        let process = Process()
        // The signal is sent when the thread that started the converter ends; that thread waits here until it has.
        if let setpriv {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--pdeathsig", "KILL", "--", tool] + arguments(input.path, output.path)
        } else {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments(input.path, output.path)
        }
        // In the scratch folder: a converter that writes files of its own (unrtf writes a document's pictures to the
        // working directory) writes them there, and they go with it.
        process.currentDirectoryURL = directory
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
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        guard size <= maxOutput else { throw Failure.outputTooLarge(limit: maxOutput) }
        return try Data(contentsOf: output)
    }
}

/// Scratch files and folders in the temporary directory, named `nianbao-<pid>-<uuid>` so that those of a run that
/// was killed can be told from those of a run still going.
enum Scratch {
    static func url(suffix: String = "") -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("nianbao-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)\(suffix)")
    }

    /// Removes the scratch files of runs no longer alive (in `directory`, the temporary directory unless told);
    /// returns how many.
    @discardableResult
    static func sweep(in directory: URL = FileManager.default.temporaryDirectory) -> Int {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix("nianbao-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = Int32(parts[1]), pid != ProcessInfo.processInfo.processIdentifier,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            if (try? fm.removeItem(at: directory.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }
}
