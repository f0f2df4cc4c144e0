import Foundation
import Synchronization
import ZIPFoundation

/// A zip of reports, as attachment bundles are downloaded: each member is read as a file of a folder named after the
/// archive (`/corpus/县2023.zip/乡镇/大岭镇.docx`), with its own hash, report and findings, and is pruned when it leaves
/// the archive. Bounded like files: a member may inflate to at most the ingest's file size limit and never beyond the
/// size the archive declares for it (the bytes are counted while inflating, so a lying directory does not help a
/// bomb); the members of one archive declare at most `maxTotal` in all and number at most `maxMembers`. Names written
/// by Chinese Windows (GBK, without the zip's UTF-8 flag) are decoded as GB18030.
///
///     ZipBundle.split("/c/a.zip/x/b.docx")   // ("/c/a.zip", "x/b.docx") when /c/a.zip is a file
enum ZipBundle {
    static let maxMembers = 10_000
    static let maxTotal = 4 << 30

    enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case noMember
        case tooLarge(limit: Int)
        case inflatesBeyondDeclared
        case damaged

        var description: String {
            switch self {
            case .unreadable(let archive): return "not a readable zip archive (\(archive))"
            case .noMember: return "not (or no longer) in its zip archive"
            case .tooLarge(let limit): return "file too large once inflated (limit \(limit >> 20) MB)"
            case .inflatesBeyondDeclared: return "inflates beyond the size its zip archive declares (a zip bomb?)"
            case .damaged: return "damaged zip member (its data does not inflate or fails its checksum)"
            }
        }
    }

    static func isArchive(_ path: String) -> Bool { path.lowercased().hasSuffix(".zip") }

    /// The member's name: UTF-8 when its bytes are UTF-8 (whatever the flag says), else GB18030, else as stored.
    static func name(_ entry: Entry) -> String {
        let raw = Array(entry.path(using: .isoLatin1).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        if let utf8 = String(validating: raw, as: UTF8.self) { return utf8 }
        return TextDecoder.iconvDecode(raw, from: "GB18030") ?? entry.path
    }

    /// A member's path as a relative path: no leading `/`, no `.` or `..`, backslashes as folders.
    static func normalized(_ name: String) -> String {
        name.replacingOccurrences(of: "\\", with: "/").split(separator: "/")
            .filter { $0 != "." && $0 != ".." && !$0.isEmpty }.joined(separator: "/")
    }

    /// An archive's members as listed once: the paths to read, the lines for those left out, and each member's entry.
    struct Index: @unchecked Sendable {   // Entry is a value of ZIPFoundation's, not marked Sendable
        var stamp: String
        var paths: [String]
        var skipped: [String]
        /// The entries of the members to read, by member path.
        var entries: [String: Entry]
    }

    /// The indexes of the archives read lately, by path, valid while the file keeps its size and modification time:
    /// reading (or checking) each of 10,000 members then looks it up instead of searching the archive again.
    static let indexes = Mutex<[String: Index]>([:])

    static func index(of archive: String) throws -> Index {
        var info = stat()
        guard stat(archive, &info) == 0 else { throw Failure.unreadable(archive) }
        let stamp = "\(info.st_size) \(info.st_mtim.tv_sec) \(info.st_mtim.tv_nsec)"
        if let hit = indexes.withLock({ $0[archive] }), hit.stamp == stamp { return hit }
        guard let zip = try? Archive(url: URL(fileURLWithPath: archive), accessMode: .read) else {
            throw Failure.unreadable("\(archive)")
        }
        let (paths, skipped, entries) = list(zip, archive: archive)
        let index = Index(stamp: stamp, paths: paths, skipped: skipped, entries: entries)
        indexes.withLock { cache in
            if cache.count >= 8 { cache.removeAll() }
            cache[archive] = index
        }
        return index
    }

    /// The members to read, by their virtual paths in name order, and a line for each member left out. Folders,
    /// hidden files, macOS resource forks and archives inside the archive are left out (the last with a line).
    static func members(of archive: String) throws -> (paths: [String], skipped: [String]) {
        let index = try index(of: archive)
        return (index.paths, index.skipped)
    }

    static func list(_ zip: Archive, archive: String) -> (paths: [String], skipped: [String], entries: [String: Entry]) {
        var entries: [String: Entry] = [:]
        var paths: [String] = [], skipped: [String] = []
        var total = 0
        var seen = Set<String>()
        for entry in zip where entry.type == .file {
            let member = normalized(name(entry))
            let parts = member.split(separator: "/")
            guard let last = parts.last, !parts.contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) else { continue }
            let path = archive + "/" + member
            guard seen.insert(path).inserted else { continue }
            if isArchive(String(last)) {
                skipped.append("\(path): a zip inside a zip archive is not read (unpack the outer one)")
                continue
            }
            guard paths.count < maxMembers else {
                skipped.append("\(path): beyond the first \(maxMembers) files of the archive, not read")
                continue
            }
            total += Int(clamping: entry.uncompressedSize)
            guard total <= maxTotal else {
                skipped.append("\(path): the archive's files declare more than \(maxTotal >> 30) GB in all; not read")
                continue
            }
            paths.append(path)
            entries[member] = entry
        }
        if paths.isEmpty && skipped.isEmpty { skipped.append("\(archive): a zip archive with no files to read") }
        return (paths.sorted(), skipped, entries)
    }

    /// `(archive, member)` for a path inside a zip archive on disk, else nil.
    static func split(_ path: String) -> (archive: String, member: String)? {
        var search = path.startIndex..<path.endIndex
        while let hit = path.range(of: ".zip/", options: [.caseInsensitive], range: search) {
            let archive = String(path[..<path.index(before: hit.upperBound)])
            var info = stat()
            if stat(archive, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                return (archive, String(path[hit.upperBound...]))
            }
            search = hit.upperBound..<path.endIndex
        }
        return nil
    }

    /// Whether the member is still in its archive. An archive on disk that cannot be read now (being written, a
    /// transient error) keeps its members: they are not gone, and `--prune` must not remove them.
    static func exists(_ path: String) -> Bool {
        guard let (archive, member) = split(path) else { return false }
        guard let listed = try? index(of: archive) else { return true }
        return listed.entries[member] != nil
    }

    /// The member's bytes, inflated within `limit` and within the size the archive declares for it.
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard let (archive, member) = split(path) else { throw Failure.noMember }
        guard let entry = try index(of: archive).entries[member] else { throw Failure.noMember }
        guard let zip = try? Archive(url: URL(fileURLWithPath: archive), accessMode: .read) else {
            throw Failure.unreadable(archive)
        }
        let declared = Int(clamping: entry.uncompressedSize)
        if declared > limit { throw Failure.tooLarge(limit: limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(declared)
        do {
            _ = try zip.extract(entry, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= declared else { throw Failure.inflatesBeyondDeclared }
                bytes.append(contentsOf: chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.damaged
        }
        return bytes
    }
}

extension Ingester {
    /// A file's bytes, or a zip member's (`bundle.zip/乡镇/a.docx`) within `limit`.
    public static func contents(of path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        if !FileManager.default.fileExists(atPath: path), ZipBundle.split(path) != nil { return try ZipBundle.read(path, limit: limit) }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
