import Foundation
import Glibc

/// The moment `strftime_now` formats: now by default, or a fixed day (`--date`, fixtures).
public struct JinjaDate: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour = 0, minute = 0, second = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// `YYYY-MM-DD`, or nil if the text is not such a date.
    public init?(day text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10, (1 ... 12).contains(parts[1]), (1 ... 31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The local time now.
    public static var now: JinjaDate {
        var t = time(nil), parts = tm()
        localtime_r(&t, &parts)
        return JinjaDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
                         hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }

    /// C's `strftime`, which Python's `datetime.strftime` hands the format to on Linux.
    func formatted(_ format: String) -> String {
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        var seconds = timegm(&parts) // fills in the weekday and the day of the year
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 512)
        let written = strftime(&buffer, buffer.count, format, &parts)
        return written == 0 ? "" : String(decoding: buffer[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension JinjaInterpreter {
    /// jinja2's globals that chat templates use, and Hugging Face's `raise_exception` and
    /// `strftime_now`. `range` refuses more than 100 000 items, as jinja2's sandbox does.
    func builtinGlobals() -> [String: JinjaValue] {
        let now = self.now
        return [
            "range": .function(JinjaFunction("range") { [unowned self] args in
                let numbers = try args.positional.map { v -> Int in
                    guard let i = v.integer else { throw JinjaError.runtime("range() needs integers, not \(v.typeName)") }
                    return i
                }
                let (start, stop, step) = numbers.count == 1 ? (0, numbers[0], 1)
                    : numbers.count == 2 ? (numbers[0], numbers[1], 1)
                    : numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : (0, 0, 0)
                guard step != 0 else { throw JinjaError.runtime("range() takes 1 to 3 integers, the step not 0") }
                let count = max(0, ((Double(stop) - Double(start)) / Double(step)).rounded(.up))
                guard count <= 100_000 else { throw JinjaError.limit("range of \(Int(count)) items (more than 100000)") }
                try tick(Int(count))
                return .list(stride(from: start, to: stop, by: step).map { .int($0) })
            }),
            "namespace": .function(JinjaFunction("namespace") { args in
                var attributes = JinjaDict()
                if case let .dict(initial)? = args.positional.first { attributes = initial }
                for (name, value) in args.named { attributes.set(name, value) }
                return .namespace(JinjaNamespace(attributes))
            }),
            "dict": .function(JinjaFunction("dict") { args in
                var d = JinjaDict()
                if case let .dict(initial)? = args.positional.first { d = initial }
                for (name, value) in args.named { d.set(name, value) }
                return .dict(d)
            }),
            "raise_exception": .function(JinjaFunction("raise_exception") { args in
                throw JinjaError.raised(args.positional.first?.pythonString ?? "")
            }),
            "strftime_now": .function(JinjaFunction("strftime_now") { args in
                .string(now.formatted(args.positional.first?.pythonString ?? ""))
            }),
        ]
    }
}
