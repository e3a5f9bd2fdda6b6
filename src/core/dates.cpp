#include "core/dates.hpp"

#include <cstdio>

namespace liaoxiu {
namespace {

// Floor division: instants and days before 1970 must still land on the right day.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` decimal digits at `pos`; advances `pos`.
bool read_digits(std::string_view text, std::size_t& pos, int width, int& out) {
    if (pos + static_cast<std::size_t>(width) > text.size()) return false;
    int value = 0;
    for (int i = 0; i < width; ++i) {
        char c = text[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(width);
    out = value;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

// "YYYY-MM-DD" starting at pos.
std::optional<Day> read_date(std::string_view text, std::size_t& pos) {
    int y = 0, m = 0, d = 0;
    if (!read_digits(text, pos, 4, y) || !expect(text, pos, '-') || !read_digits(text, pos, 2, m) ||
        !expect(text, pos, '-') || !read_digits(text, pos, 2, d))
        return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    return day_from_civil(y, m, d);
}

}  // namespace

// The era-based algorithm (400-year cycles of 146097 days) avoids any table and
// works for negative years.
Day day_from_civil(int year, int month, int day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;                                  // [0, 399]
    const std::int64_t mp = (month + 9) % 12;                                // March = 0
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;                   // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
    return static_cast<Day>(era * 146097 + doe - 719468);
}

CivilDate civil_from_day(Day day) {
    const std::int64_t z = static_cast<std::int64_t>(day) + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return CivilDate{y, m, d};
}

std::string format_day(Day day) {
    const CivilDate c = civil_from_day(day);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

std::optional<Day> parse_day(std::string_view text) {
    std::size_t pos = 0;
    auto day = read_date(text, pos);
    if (!day || pos != text.size()) return std::nullopt;
    return day;
}

std::string format_instant(Instant instant) {
    const std::int64_t days = floor_div(instant, kSecondsPerDay);
    const std::int64_t secs = instant - days * kSecondsPerDay;
    const CivilDate c = civil_from_day(static_cast<Day>(days));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return buf;
}

std::optional<Instant> parse_instant(std::string_view text) {
    std::size_t pos = 0;
    auto day = read_date(text, pos);
    int hh = 0, mm = 0, ss = 0;
    if (!day || !expect(text, pos, 'T') || !read_digits(text, pos, 2, hh) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, mm) || !expect(text, pos, ':') || !read_digits(text, pos, 2, ss))
        return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        std::size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos, ++digits;
        if (digits == 0) return std::nullopt;
    }
    Instant offset = 0;
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const bool negative = text[pos] == '-';
        ++pos;
        int oh = 0, om = 0;
        if (!read_digits(text, pos, 2, oh) || !expect(text, pos, ':') || !read_digits(text, pos, 2, om))
            return std::nullopt;
        if (oh > 23 || om > 59) return std::nullopt;
        offset = (negative ? -1 : 1) * (static_cast<Instant>(oh) * 3600 + static_cast<Instant>(om) * 60);
    } else {
        return std::nullopt;  // a moment without a zone is ambiguous
    }
    if (pos != text.size()) return std::nullopt;
    return static_cast<Instant>(*day) * kSecondsPerDay + hh * 3600 + mm * 60 + ss - offset;
}

Day day_of(Instant instant) {
    return static_cast<Day>(floor_div(instant + kChinaOffsetSeconds, kSecondsPerDay));
}

Instant china_midnight(Day day) { return static_cast<Instant>(day) * kSecondsPerDay - kChinaOffsetSeconds; }

Instant china_time_of_day(Instant instant) { return instant - china_midnight(day_of(instant)); }

std::string format_clock(Instant seconds_of_day, bool with_seconds) {
    const int hours = static_cast<int>(seconds_of_day / 3600);
    const int minutes = static_cast<int>(seconds_of_day / 60 % 60);
    char text[16];
    if (with_seconds)
        std::snprintf(text, sizeof text, "%02d:%02d:%02d", hours, minutes, static_cast<int>(seconds_of_day % 60));
    else
        std::snprintf(text, sizeof text, "%02d:%02d", hours, minutes);
    return text;
}

std::string format_china_time(Instant instant, bool with_seconds) {
    return format_day(day_of(instant)) + " " + format_clock(china_time_of_day(instant), with_seconds);
}

}  // namespace liaoxiu
