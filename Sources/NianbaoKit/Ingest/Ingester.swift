import CFTS
import Crypto
import Dispatch
import Foundation

/// Counts for the one-line summary of an ingest.
public struct IngestSummary: Sendable, Equatable {
    public var files = 0
    public var unchanged = 0
    public var ingested = 0
    public var failed = 0
    public var skipped = 0
    public var notReports = 0
    /// Ambiguous cells settled by the same agency's report for the year before.
    public var settledAcrossYears = 0
    /// Files found at a new path with the same bytes as a stored file no longer on disk: only the path changed.
    public var moved = 0
    /// Stored files no longer on disk (kept unless pruned), and those removed with `prune`.
    public var gone: [String] = []
    public var pruned = 0
    /// One line per file that was not ingested: `path: reason`.
    public var problems: [String] = []
}

/// Ingests files and directories into a store: lists them in a stable order, reads and parses
/// them on all cores, and writes each batch in one transaction while the next batch is parsed.
/// A file whose content hash is already stored is not parsed or written again.
///
///     let summary = try Ingester(store: store).ingest(["Corpus/"])
///     summary.ingested  // 13 on a first run, 0 on the next
public struct Ingester: Sendable {
    /// The version of what reading a file produces: raised whenever a file may be read differently (a reader, the
    /// table reader, the prose). A database written by another version has its files read again at the next ingest.
    public static let readerVersion = "2026.12.9"

    public var store: Store
    public var registry: ReaderRegistry
    public var batchSize: Int
    /// Larger files are refused before reading (a report is a few MB at most).
    public var maxFileSize: Int
    /// The seconds one file's parse may take (`ParseBudget`); a file over it fails with its reason and is tried again
    /// at the next ingest. Converters have their own time limit (`PDFReader.timeout`).
    public var fileBudget: Double

    public init(store: Store, registry: ReaderRegistry = ReaderRegistry(), batchSize: Int = 512, maxFileSize: Int = 64 << 20,
                fileBudget: Double = 20) {
        self.store = store
        self.registry = registry
        self.batchSize = batchSize
        self.maxFileSize = maxFileSize
        self.fileBudget = fileBudget
    }

    /// A path in one spelling: absolute, without `.`, `..` or repeated slashes, symbolic links resolved. A file is
    /// known by this spelling whatever was typed (`corpus`, `./corpus/`, `$PWD/corpus`).
    public static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Every regular, non-hidden file under the paths, directories walked recursively, each once, in its canonical
    /// spelling, sorted by path within each path given.
    public static func listFiles(_ paths: [String], excluding excluded: Set<String> = []) throws -> [String] {
        try walk(paths, excluding: excluded).files
    }

    /// The same, with a line for every path the walk could not take (`path: reason`): an unreadable folder, a link
    /// that leads nowhere or back into itself, a name that is not UTF-8. The walk is the C library's `fts`, which
    /// reports each of these rather than passing over them.
    public static func walk(_ paths: [String], excluding excluded: Set<String> = []) throws -> (files: [String], skipped: [String]) {
        var files: [String] = []
        var skipped: [String] = []
        var seen = Set<String>()
        // A zip archive is a folder of its members; one that cannot be opened stays a file, to fail with its reason.
        func add(_ path: String) {
            guard ZipBundle.isArchive(path), let (members, left) = try? ZipBundle.members(of: path) else {
                if seen.insert(path).inserted { files.append(path) }
                return
            }
            skipped += left
            for member in members where seen.insert(member).inserted { files.append(member) }
        }
        for typed in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: typed, isDirectory: &isDirectory) else {
                throw IngestError.notFound(typed)
            }
            let root = canonical(typed)
            if !isDirectory.boolValue {
                add(root)
                continue
            }
            var found: [String] = []
            // Links followed (a loop is reported, not walked), no chdir (other threads keep their directory).
            let cRoot = strdup(root)
            defer { free(cRoot) }
            var argv: [UnsafeMutablePointer<CChar>?] = [cRoot, nil]
            guard let fts = fts_open(&argv, FTS_LOGICAL | FTS_NOCHDIR, nil) else {
                skipped.append("\(root): cannot walk the folder (\(String(cString: strerror(errno))))")
                continue
            }
            defer { fts_close(fts) }
            while let entry = fts_read(fts) {
                let info = Int32(entry.pointee.fts_info)
                let level = entry.pointee.fts_level
                let rawPath = UnsafeRawBufferPointer(start: entry.pointee.fts_path, count: Int(entry.pointee.fts_pathlen))
                guard let path = String(validating: rawPath.bindMemory(to: UInt8.self), as: UTF8.self) else {
                    // Shown with its bytes escaped: a GBK name from a Windows zip, say.
                    let shown = rawPath.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                    skipped.append("\(TableWriter.visible(shown)): the file name is not UTF-8 (a name from another system; rename it, e.g. with convmv)")
                    if info == FTS_D { fts_set(fts, entry, FTS_SKIP) }
                    continue
                }
                let name = path.split(separator: "/").last.map(String.init) ?? path
                if level > 0 && name.hasPrefix(".") {
                    if info == FTS_D { fts_set(fts, entry, FTS_SKIP) }
                    continue
                }
                switch info {
                case FTS_F: found.append(path)
                case FTS_DNR: skipped.append("\(path): cannot read the folder (\(String(cString: strerror(entry.pointee.fts_errno))))")
                case FTS_DC: skipped.append("\(path): a link back into a folder above it (not walked twice)")
                case FTS_SLNONE: skipped.append("\(path): a link to nothing")
                case FTS_ERR, FTS_NS: skipped.append("\(path): cannot be read (\(String(cString: strerror(entry.pointee.fts_errno))))")
                default: break   // folders (before and after), special files
                }
            }
            // A file that is not itself a link is its folder's canonical spelling and its name: each folder is
            // resolved once, not each file's every component (most of a re-ingest's time, when nothing changed).
            var folders: [Substring: String] = [:]
            for file in found.sorted() {
                var path = file
                var info = stat()
                if lstat(file, &info) == 0, info.st_mode & S_IFMT != S_IFLNK, let slash = file.lastIndex(of: "/"), slash > file.startIndex {
                    let folder = file[..<slash]
                    let resolved = folders[folder] ?? canonical(String(folder))
                    folders[folder] = resolved
                    path = (resolved == "/" ? "" : resolved) + file[slash...]
                } else {
                    path = canonical(file)
                }
                if !excluded.contains(path) { add(path) }
            }
        }
        return (files, skipped)
    }

    /// `prune`: stored files no longer on disk are removed with their reports (else only counted in the summary).
    /// `reparse`: every file is read again, whatever is stored.
    public func ingest(_ paths: [String], prune: Bool = false, reparse: Bool = false,
                       progress: (@Sendable (Int, Int) -> Void)? = nil, phase: ((String) -> Void)? = nil) throws -> IngestSummary {
        // The database's own files, when it sits inside a folder being ingested, are not reports.
        let own = Set(store.path.map { path in ["", "-wal", "-shm", "-journal"].map { Self.canonical(path + $0) } } ?? [])
        let (files, unwalked) = try Self.walk(paths, excluding: own)
        Scratch.sweep()
        var summary = IngestSummary()
        summary.problems = unwalked
        summary.skipped = unwalked.count
        let respelt = try store.respell(Self.canonical)
        // Files read by another version of the reader, or all with `reparse`, are read again (their rows replaced
        // only if the file is still there); a file that failed is tried again, as its cause (a missing tool, a full
        // disk, a timeout) may have gone.
        let sameReader = try store.readerVersion() == Self.readerVersion
        let stored = try store.knownHashes(excludingFailed: true)
        let failedBefore = try store.knownHashes().filter { stored[$0.key] == nil }
        let known = reparse || !sameReader ? [:] : stored
        // A new database is this version's from its first batch (a run stopped mid-way is not read again for it).
        if !sameReader && stored.isEmpty && failedBefore.isEmpty { try store.setReaderVersion(Self.readerVersion) }
        summary.files = files.count
        // Stored files no longer on disk: a new path with the same bytes is the file moved.
        let listed = Set(files)
        let gone = stored.keys.filter { path in
            !listed.contains(path) && !FileManager.default.fileExists(atPath: path) && !ZipBundle.exists(path)
        }.sorted()
        // An archive that failed before and opens now is read as the folder of its members: its own failed row
        // describes what no longer holds.
        let opened = failedBefore.keys.filter { path in
            ZipBundle.isArchive(path) && !listed.contains(path) && FileManager.default.fileExists(atPath: path)
                && (try? ZipBundle.members(of: path)) != nil
        }
        if !opened.isEmpty { try store.remove(paths: opened.sorted()) }
        var goneByHash: [String: String] = [:]
        for path in gone where goneByHash[stored[path]!] == nil { goneByHash[stored[path]!] = path }
        var claimed = Set<String>()
        let timestamp = ISO8601DateFormatter().string(from: Date())
        // Batch k is written (one transaction, on one writer thread, in order) while batch k + 1 is parsed.
        let writer = DispatchQueue(label: "nianbao.ingest.writer")
        let written = DispatchGroup()
        let failure = WriteFailure()
        let store = self.store
        var done = 0
        for start in stride(from: 0, to: files.count, by: batchSize) {
            let batch = Array(files[start..<min(start + batchSize, files.count)])
            var outcomes = process(batch, known: known, moved: goneByHash)
            // A file that fails again as it failed before is unchanged: nothing to write.
            for i in outcomes.indices where outcomes[i]?.status == .failed && failedBefore[batch[i]] == outcomes[i]?.sha256 && !reparse {
                outcomes[i] = nil
            }
            // One file moved, however many copies of it turn up: the others are read as new files.
            for i in outcomes.indices {
                guard let old = outcomes[i]?.movedFrom, !claimed.insert(old).inserted else { continue }
                outcomes[i] = outcome(for: batch[i], known: nil)
            }
            let changed = outcomes.compactMap { $0 }
            written.wait()
            if let error = failure.error { throw error }
            written.enter()
            writer.async {
                do { try store.save(changed, at: timestamp) } catch { failure.error = error }
                written.leave()
            }
            summary.unchanged += outcomes.count - changed.count
            for outcome in changed where outcome.movedFrom != nil { summary.moved += 1 }
            for outcome in changed where outcome.movedFrom == nil {
                switch outcome.status {
                case .parsed: summary.ingested += 1
                case .failed: summary.failed += 1
                case .skipped: summary.skipped += 1
                case .notReport: summary.notReports += 1
                }
                if let reason = outcome.reason { summary.problems.append("\(outcome.path): \(reason)") }
            }
            done += batch.count
            progress?(done, files.count)
        }
        written.wait()
        if let error = failure.error { throw error }
        summary.gone = gone.filter { !claimed.contains($0) }
        if prune {
            try store.remove(paths: summary.gone)
            summary.pruned = summary.gone.count
        }
        // Also when nothing changed but an earlier run stored reports and was stopped before this step finished.
        if !sameReader { try store.setReaderVersion(Self.readerVersion) }
        let stale = try store.derivedIsStale()
        if summary.unchanged + summary.moved < summary.files || summary.pruned + respelt > 0 || stale {
            // Something was stored: settle what last year's reports can settle, then re-run the cross-year checks.
            summary.settledAcrossYears = try AcrossYears.refreshAll(store, phase: phase)
        }
        return summary
    }

    /// Reads, hashes and parses a batch in parallel; nil for a file whose stored hash is unchanged.
    func process(_ batch: [String], known: [String: String], moved: [String: String] = [:]) -> [IngestOutcome?] {
        let results = UnsafeMutableBufferPointer<IngestOutcome?>.allocate(capacity: batch.count)
        results.initialize(repeating: nil)
        // Deinitialised, not only deallocated: the outcomes it holds are released with it.
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
            slots[i] = outcome(for: batch[i], known: known[batch[i]], moved: known[batch[i]] == nil ? moved : [:])
        }
        return Array(results)
    }

    /// One file's outcome, or nil when its content hash equals `knownHash`.
    /// `moved`: the stored files no longer on disk, by content hash; the same bytes here are that file moved.
    public func outcome(for path: String, known knownHash: String?, moved: [String: String] = [:]) -> IngestOutcome? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
        func failure(_ status: SourceStatus, _ reason: String, hash: String = "", size: Int = 0) -> IngestOutcome {
            IngestOutcome(path: path, sha256: hash, size: size, format: ext, status: status, reason: reason, report: nil, findings: [
                Finding(rule: RuleID(rawValue: "file.\(status.rawValue)"), severity: .warning, message: reason),
            ])
        }
        var info = stat()
        let bytes: [UInt8]
        if stat(path, &info) != 0, ZipBundle.split(path) != nil {
            // A member of a zip archive.
            do { bytes = try ZipBundle.read(path, limit: maxFileSize) } catch { return failure(.failed, "\(error)") }
        } else {
            let size = Int(info.st_size)
            if size > maxFileSize {
                let hash = "size:\(size)"
                return hash == knownHash ? nil : failure(.failed, "file too large (\(size >> 20) MB; limit \(maxFileSize >> 20) MB)", hash: hash, size: size)
            }
            if ZipBundle.isArchive(path) {
                return failure(.failed, "not a readable zip archive (damaged, or not a zip)", size: size)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                return failure(.failed, "cannot read the file (vanished or not readable)")
            }
            bytes = [UInt8](data)
        }
        let hash = Self.hex(SHA256.hash(data: bytes))
        if hash == knownHash { return nil }
        if let old = moved[hash] {
            return IngestOutcome(path: path, sha256: hash, size: bytes.count, format: ext, status: .parsed, reason: nil, report: nil,
                                 findings: [], movedFrom: old)
        }
        guard let reader = registry.reader(forExtension: ext) else {
            return failure(.skipped, UnsupportedFormatError(fileExtension: ext).description, hash: hash, size: bytes.count)
        }
        do {
            let document = try reader.read(bytes: bytes, path: path)
            let (report, findings) = try ParseBudget.within(seconds: fileBudget) {
                let report = try ReportParser.parse(document) { try reader.secondReading(bytes: bytes, path: path) }
                return (report, report.parseFindings + Checker.check(report))
            }
            return IngestOutcome(path: path, sha256: hash, size: bytes.count, format: ext, status: .parsed, reason: nil,
                                 report: report, findings: findings)
        } catch let error as NotAReportError {
            return failure(.notReport, error.description, hash: hash, size: bytes.count)
        } catch {
            return failure(.failed, "\(error)", hash: hash, size: bytes.count)
        }
    }
}

/// The first error of the writer thread, read by the ingest loop.
final class WriteFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); defer { lock.unlock() }; if stored == nil { stored = newValue } }
    }
}

extension Ingester {
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of a digest.
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

public enum IngestError: Error, CustomStringConvertible {
    case notFound(String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or directory"
        }
    }
}

extension Ingester {
    /// Sections 一 and 五 of each file as read now (section name → text), for the passages copies share: the
    /// database keeps only their signatures. A file that can no longer be read or parsed is left out.
    public func sectionTexts(of paths: [String]) -> [String: [String: String]] {
        let results = UnsafeMutableBufferPointer<[String: String]?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        // A scan is not recognised again for its prose (minutes a page): its pairs get no passage.
        let registry = ReaderRegistry(readers: ReaderRegistry.standard(ocr: false))
        let budget = fileBudget
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let path = paths[i]
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let ext = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
            guard let reader = registry.reader(forExtension: ext), let bytes = try? Ingester.contents(of: path),
                  let document = try? reader.read(bytes: bytes, path: path),
                  let texts = try? ParseBudget.within(seconds: budget, { ReportParser.sectionTexts(document) })
            else { return }
            slots[i] = texts
        }
        var out: [String: [String: String]] = [:]
        for (i, path) in paths.enumerated() { if let texts = results[i] { out[path] = texts } }
        return out
    }
}
