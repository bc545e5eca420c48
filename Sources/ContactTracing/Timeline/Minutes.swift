import Foundation

/// Times in the index: whole minutes since 1970 (UTC) in 32 bits, enough until the year 10000.
/// The rules count minutes, so seconds are dropped (floored) on the way in.
public enum Minutes {
    public static func of(_ date: Date) -> UInt32 { of(seconds: Int64(date.timeIntervalSince1970.rounded(.down))) }

    public static func of(seconds: Int64) -> UInt32 { UInt32(clamping: max(0, seconds) / 60) }

    public static func date(_ minutes: UInt32) -> Date { Date(timeIntervalSince1970: Double(minutes) * 60) }
}
