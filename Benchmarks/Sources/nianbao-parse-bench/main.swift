import Foundation
import NianbaoKit

/// Parses every report under a folder on one thread, reading the files first, and prints the CPU time per report
/// (the best of three passes, as other work on the machine only ever adds time).
/// Run: swift run -c release --package-path Benchmarks nianbao-parse-bench FOLDER
func cpuMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
}

let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Corpus"
let registry = ReaderRegistry()
var files: [(String, [UInt8], any DocumentReader)] = []
let walker = FileManager.default.enumerator(atPath: folder)
while let path = walker?.nextObject() as? String {
    let ext = (path as NSString).pathExtension
    guard let reader = registry.reader(forExtension: ext), ext != "pdf",
          let data = FileManager.default.contents(atPath: folder + "/" + path) else { continue }
    files.append((path, [UInt8](data), reader))
}
var best = Double.infinity
var parsed = 0
for _ in 0..<3 {
    parsed = 0
    let start = cpuMilliseconds()
    for (path, bytes, reader) in files {
        if let document = try? reader.read(bytes: bytes, path: path), (try? ReportParser.parse(document)) != nil { parsed += 1 }
    }
    best = min(best, cpuMilliseconds() - start)
}
print(String(format: "%d reports parsed, %.3f ms of CPU per report (best of 3 passes)", parsed, best / Double(max(1, files.count))))
