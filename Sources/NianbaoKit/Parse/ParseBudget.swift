import Foundation

/// The time one file's parse may take. A report parses in milliseconds; a hostile or broken one (a hundred thousand
/// account sentences, a million digits run together) must not hold up its batch. The limit is kept per thread, so
/// the parse needs no extra argument: the steps that grow with the input ask `exhausted` as they go and stop early,
/// and `ReportParser` throws `ParseBudget.Exceeded` for a parse that ran out, so nothing half-read is stored.
///
///     let report = try ParseBudget.within(seconds: 10) { try ReportParser.parse(document) }
public enum ParseBudget {
    public struct Exceeded: Error, CustomStringConvertible, Equatable {
        public var seconds: Double
        public var description: String {
            "reading took longer than the \(formatNumber(seconds)) s a file may take (see `ingest --file-budget`); not stored"
        }
    }

    /// The deadline of this thread's parse, in monotonic nanoseconds as a pointer's bit pattern (no allocation);
    /// nil when no budget is set.
    nonisolated(unsafe) private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Runs `body` with at most `seconds` for the parse steps it runs on this thread; nested calls keep the
    /// earlier deadline.
    public static func within<T>(seconds: Double, _ body: () throws -> T) throws -> T {
        let outer = pthread_getspecific(key)
        let deadline = now() + UInt64(max(0, seconds) * 1e9)
        if outer == nil || UInt(bitPattern: outer) > UInt(deadline) {
            pthread_setspecific(key, UnsafeRawPointer(bitPattern: UInt(max(deadline, 1))))
        }
        defer { pthread_setspecific(key, outer) }
        let result = try body()
        if exhausted { throw Exceeded(seconds: seconds) }
        return result
    }

    /// True once this thread's deadline has passed: the step asking stops and returns what it has, which is thrown
    /// away.
    public static var exhausted: Bool {
        guard let deadline = pthread_getspecific(key) else { return false }
        return now() >= UInt64(UInt(bitPattern: deadline))
    }
}
