// Calendar days and instants as the domain uses them. A Day is a civil date in
// China (UTC+8, no daylight saving); an Instant is a UTC second. Keeping both as
// plain integers lets rules compare and add them without a time library, and
// gives the app (wasm) and the endpoint (native) the same arithmetic.
#pragma once

#include "model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace liaoxiu {

// China Standard Time is UTC+8 all year; day boundaries of trips follow it.
inline constexpr Instant kChinaOffsetSeconds = 8 * 3600;
inline constexpr Instant kSecondsPerDay = 24 * 3600;

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    bool operator==(const CivilDate&) const = default;
};

// Days since 1970-01-01 of a proleptic Gregorian date (no range check: 2026-02-30 is 2026-03-02).
Day day_from_civil(int year, int month, int day);
CivilDate civil_from_day(Day day);

// "2026-12-05"; parse_day accepts exactly that shape and refuses impossible dates.
std::string format_day(Day day);
std::optional<Day> parse_day(std::string_view text);

// "2026-12-01T10:00:00Z" (always UTC). parse_instant accepts "Z" or a "+08:00"/"-05:30"
// offset and an optional fraction of a second (dropped).
std::string format_instant(Instant instant);
std::optional<Instant> parse_instant(std::string_view text);

// The China-time calendar day an instant falls on.
Day day_of(Instant instant);
// The instant a China-time day begins (00:00 UTC+8).
Instant china_midnight(Day day);
// How far into its China-time day an instant is: 0 to 86399 seconds.
Instant china_time_of_day(Instant instant);
// A China-time clock reading, "09:05" or with seconds "09:05:30": one way for every screen and file.
std::string format_clock(Instant seconds_of_day, bool with_seconds = false);
// "2026-12-05 09:05" (China time), or with seconds "2026-12-05 09:05:30".
std::string format_china_time(Instant instant, bool with_seconds = false);

}  // namespace liaoxiu
