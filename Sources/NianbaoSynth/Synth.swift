import Foundation
import NianbaoKit

/// What a generated report says, cell for cell: the oracle an ingest of the generated corpus is held to.
public struct SynthTruth: Codable, Sendable, Equatable {
    public var file: String
    public var agency: String
    public var year: Int
    public var province: String?
    public var city: String?
    public var county: String?
    public var level: String
    public var layout: String
    public var encoding: String
    /// 表二 (2021 template) by canonical key.
    public var t2: [String: Double]
    /// 表三: the 25 rows of `Fields.t3Rows2021` × the 7 columns of `Fields.t3Columns`, as printed.
    public var t3: [[Int]]
    /// 表四 in the order of `Fields.t4`, as printed.
    public var t4: [Int]
    /// The identity the agency got wrong on purpose (`t3 total.total`, `t4 review.total`), if any.
    public var agencyError: String?
    public var applicationsInProse: Int
    public var activeDisclosure: Int
    public var media: [String]
    public var problems: [String]
    /// The name as this report prints it, when it is not `agency`: a report copied without its title that names its
    /// agency without its county or city (`团林镇人民政府`) and does not say where it is. Nil otherwise.
    public var printedAs: String?
}

/// The table flattenings generated, one per report.
public enum SynthLayout: String, CaseIterable, Codable, Sendable {
    /// `label | v | v |` rows.
    case pipeRows
    /// `label<TAB>v<TAB>v` rows.
    case tabRows
    /// One cell per line, each ending in `|`, a blank line between rows.
    case cellPerLine
    /// Every separator lost between the digits (`640020470`), as crawled pages print it.
    case glued
    /// pdftotext's default mode: one value per line, rows listed column by column in blocks.
    case stacked
    /// An HTML page with `<table>` rows.
    case html
}

/// Writes a corpus of N agencies × years of realistic 2021-template reports with known truth: real places
/// from the gazetteer, consistent numbers (上年结转 = last year's 结转下年度; 现行有效件数 carried on), every
/// layout the parser reads, UTF-8 and GB18030, prose with a new-media account and numbered problems, and
/// agency errors at a chosen rate. Deterministic for a seed.
///
///     for report in SynthCorpus(seed: 1, agencies: 100, years: 2021...2024).reports() { … }
public struct SynthCorpus: Sendable {
    public var seed: UInt64
    public var agencies: Int
    public var years: ClosedRange<Int>
    public var errorRate: Double
    public var gb18030Rate: Double
    public var layouts: [SynthLayout]
    /// The share of reports without a title that print their agency's name without its county or city and do not
    /// say where they are (`SynthTruth.printedAs`); 0 draws nothing more, so a corpus is as it was.
    public var untitledRate: Double

    public init(seed: UInt64, agencies: Int, years: ClosedRange<Int>, errorRate: Double = 0.05, gb18030Rate: Double = 0.2,
                layouts: [SynthLayout] = SynthLayout.allCases, untitledRate: Double = 0) {
        self.seed = seed
        self.agencies = agencies
        self.years = years
        self.errorRate = errorRate
        self.gb18030Rate = gb18030Rate
        self.layouts = layouts
        self.untitledRate = untitledRate
    }

    public struct Report: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var truth: SynthTruth
    }

    /// Every report, agency by agency, year by year (lazily: memory stays flat whatever the size).
    public func reports() -> AnySequence<Report> {
        let corpus = self
        return AnySequence { () -> AnyIterator<Report> in
            var agency = 0
            var pending: [Report] = []
            return AnyIterator {
                while pending.isEmpty {
                    guard agency < corpus.agencies else { return nil }
                    pending = corpus.reports(ofAgency: agency).reversed()
                    agency += 1
                }
                return pending.removeLast()
            }
        }
    }

    /// The reports of agency `index`, one per year.
    public func reports(ofAgency index: Int) -> [Report] {
        var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let drawn = SynthAgency.random(&rng)
        let agency = drawn.name, level = drawn.level, place = drawn.place
        var carried = Array(repeating: 0, count: 7)
        var inForce = [rng.below(5), 20 + rng.below(200)]
        var out: [Report] = []
        for year in years {
            var t3 = Self.table3(carriedOver: carried, &rng)
            carried = t3[24]
            var t2: [String: Double] = [:]
            for (k, prefix) in ["regulations", "normative_docs"].enumerated() {
                let issued = rng.below(k == 0 ? 2 : 12), repealed = min(inForce[k], rng.below(k == 0 ? 2 : 6))
                inForce[k] += issued - repealed
                t2["\(prefix).issued"] = Double(issued)
                t2["\(prefix).repealed"] = Double(repealed)
                t2["\(prefix).in_force"] = Double(inForce[k])
            }
            t2["licensing.decisions"] = Double(rng.below(3) == 0 ? 0 : rng.below(5000))
            t2["punishment.decisions"] = Double(rng.below(800))
            t2["coercion.decisions"] = Double(rng.below(60))
            t2["fees.amount"] = rng.below(3) == 0 ? 0 : Double(rng.below(100_000)) / 100
            var t4: [Int] = []
            for _ in 0..<3 {
                let parts = (0..<4).map { _ in rng.below(3) == 0 ? rng.below(6) : 0 }
                t4 += parts + [parts.reduce(0, +)]
            }
            var agencyError: String?
            if rng.unit() < errorRate {
                if rng.below(2) == 0 {
                    t3[23][6] += 1 + rng.below(5)   // （七）总计 printed too large
                    agencyError = "t3 total.total"
                } else {
                    t4[4] += 1 + rng.below(3)
                    agencyError = "t4 review.total"
                }
            }
            let layout = layouts[rng.below(layouts.count)]
            let gb = layout != .html && rng.unit() < gb18030Rate
            let media = "“\(drawn.countyShort)发布”"
            let followers = 1000 + rng.below(90_000), posts = 50 + rng.below(2000)
            let problems = (0..<(2 + rng.below(2))).map { _ in Self.problemPool[rng.below(Self.problemPool.count)] }
            let active = 30 + rng.below(3000)
            var truth = SynthTruth(
                file: "", agency: agency, year: year, province: drawn.province, city: drawn.city, county: drawn.county,
                level: level, layout: layout.rawValue, encoding: gb ? "GB18030" : "UTF-8", t2: t2, t3: t3, t4: t4,
                agencyError: agencyError, applicationsInProse: t3[0][6], activeDisclosure: active,
                media: ["微信公众号 \(media.dropFirst().dropLast()) \(followers) \(posts)"], problems: problems)
            if untitledRate > 0 && rng.unit() < untitledRate {
                truth.printedAs = drawn.bare
            }
            let prose = Prose(agency: truth.printedAs ?? agency, year: year, place: truth.printedAs == nil ? place : nil,
                              active: active, applications: t3[0][6], media: media, followers: followers, posts: posts, problems: problems)
            let ext = layout == .html ? "html" : "txt"
            truth.file = String(format: "%05d", index / 100) + "/\(index)-\(year).\(ext)"
            let text = Render.report(truth, prose: prose, layout: layout, rng: &rng)
            let bytes = gb ? Self.gb18030(text) ?? Array(text.utf8) : Array(text.utf8)
            if gb && Self.gb18030(text) == nil { truth.encoding = "UTF-8" }
            out.append(Report(name: truth.file, bytes: bytes, truth: truth))
        }
        return out
    }

    static let problemPool = [
        "政策解读形式不够丰富", "信息公开的及时性有待提高", "基层政务公开队伍建设有待加强", "政务新媒体运维管理还需加强",
        "依申请公开答复规范性有待提升", "业务培训力度不够", "公开内容不够全面", "回应社会关切不够及时",
    ]

    /// A consistent 表三 whose 上年结转 is `carriedOver`: each row's applicant cells sum to its 总计, the result
    /// rows to （七）总计, and 本年新收 + 上年结转 = 总计 + 结转下年度, column by column.
    static func table3(carriedOver: [Int], _ rng: inout SplitMix64) -> [[Int]] {
        var rows = Array(repeating: Array(repeating: 0, count: 7), count: 25)
        func small() -> Int { rng.below(10) < 6 ? 0 : rng.below(10) < 8 ? rng.below(10) : rng.below(150) }
        for r in 2..<20 where rng.below(3) == 0 {
            for c in 0..<6 where c == 0 || rng.below(5) == 0 { rows[r][c] = small() }
        }
        rows[1] = carriedOver
        for c in 0..<6 {
            rows[24][c] = rng.below(5) == 0 ? rng.below(4) : 0
            var handled = (2..<23).reduce(0) { $0 + rows[$1][c] }
            // 本年新收 may not be negative: handle enough to absorb what was carried over.
            if handled + rows[24][c] < rows[1][c] {
                rows[2][c] += rows[1][c] - handled - rows[24][c]
                handled = (2..<23).reduce(0) { $0 + rows[$1][c] }
            }
            rows[23][c] = handled
            rows[0][c] = handled + rows[24][c] - rows[1][c]
        }
        for r in rows.indices { rows[r][6] = rows[r].prefix(6).reduce(0, +) }
        return rows
    }

    /// GB18030 bytes through iconv, or nil when a character cannot be encoded.
    static func gb18030(_ text: String) -> [UInt8]? {
        let cd = iconv_open("GB18030", "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        return written.map { Array(output.prefix($0)) }
    }
}

struct Prose {
    var agency: String, year: Int, place: String?, active: Int, applications: Int
    var media: String, followers: Int, posts: Int, problems: [String]

    var overview: String {
        "\(year)年，\(agency)\(place.map { "（位于\($0)）" } ?? "")认真贯彻落实《中华人民共和国政府信息公开条例》。全年主动公开政府信息\(active)条。"
            + "全年共收到政府信息公开申请\(applications)件。\(media)微信公众号关注量\(followers)人，全年发布信息\(posts)条。"
    }

    var problemsSection: String {
        let ordinals = ["一", "二", "三", "四"]
        return problems.enumerated().map { "\(ordinals[$0])是\($1)" }.joined(separator: "；") + "。下一步，我们将加强业务培训，提升公开质量。"
    }
}
