#include <catch2/catch.hpp>

#include "core/dates.hpp"

#include <random>

using namespace liaoxiu;

TEST_CASE("day_from_civil counts days from 1970-01-01", "[dates]") {
    CHECK(day_from_civil(1970, 1, 1) == 0);
    CHECK(day_from_civil(1970, 1, 2) == 1);
    CHECK(day_from_civil(1969, 12, 31) == -1);
    CHECK(day_from_civil(2000, 3, 1) == 11017);
    CHECK(day_from_civil(2026, 12, 5) == 20792);
    CHECK(day_from_civil(1600, 1, 1) == -135140);
}

TEST_CASE("civil_from_day inverts day_from_civil and steps through the calendar", "[dates]") {
    CivilDate previous = civil_from_day(-200000);
    for (Day d = -199999; d <= 200000; ++d) {
        const CivilDate c = civil_from_day(d);
        REQUIRE(day_from_civil(c.year, c.month, c.day) == d);
        // Each day is the next day of the month, or the first of the next month/year.
        const bool next_in_month = c.year == previous.year && c.month == previous.month && c.day == previous.day + 1;
        const bool next_month = c.day == 1 && ((c.year == previous.year && c.month == previous.month + 1) ||
                                               (c.year == previous.year + 1 && c.month == 1 && previous.month == 12));
        REQUIRE((next_in_month || next_month));
        previous = c;
    }
}

TEST_CASE("format_day and parse_day", "[dates]") {
    CHECK(format_day(day_from_civil(2026, 12, 5)) == "2026-12-05");
    CHECK(format_day(0) == "1970-01-01");
    CHECK(parse_day("2026-12-05") == day_from_civil(2026, 12, 5));
    CHECK(parse_day("2024-02-29") == day_from_civil(2024, 2, 29));
    CHECK(parse_day("2000-02-29").has_value());
    SECTION("impossible or misshapen dates are refused") {
        for (const char* bad : {"2023-02-29", "1900-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31",
                                "2026-12-00", "2026-2-03", "26-12-05", "2026/12/05", "2026-12-05 ", " 2026-12-05",
                                "2026-12-05T00:00:00Z", "", "abcd-ef-gh"})
            CHECK_FALSE(parse_day(bad).has_value());
    }
}

TEST_CASE("format_instant writes UTC with a Z", "[dates]") {
    CHECK(format_instant(0) == "1970-01-01T00:00:00Z");
    CHECK(format_instant(-1) == "1969-12-31T23:59:59Z");
    CHECK(format_instant(1796119200) == "2026-12-01T10:00:00Z");
}

TEST_CASE("parse_instant accepts Z, offsets and fractions", "[dates]") {
    const Instant ten_utc = 1796119200;
    CHECK(parse_instant("2026-12-01T10:00:00Z") == ten_utc);
    CHECK(parse_instant("2026-12-01T18:00:00+08:00") == ten_utc);
    CHECK(parse_instant("2026-12-01T04:30:00-05:30") == ten_utc);
    CHECK(parse_instant("2026-12-01T10:00:00.999Z") == ten_utc);
    CHECK(parse_instant("2026-12-02T01:00:00+15:00") == ten_utc);
    SECTION("anything else is refused") {
        for (const char* bad : {"2026-12-01T10:00:00", "2026-12-01 10:00:00Z", "2026-12-01T24:00:00Z",
                                "2026-12-01T10:60:00Z", "2026-12-01T10:00:60Z", "2026-12-01T10:00:00+8:00",
                                "2026-12-01T10:00:00+0800", "2026-12-01T10:00:00.Z", "2026-12-01T10:00Z",
                                "2026-12-01T10:00:00Zjunk", "2026-02-30T10:00:00Z", "2026-12-01", ""})
            CHECK_FALSE(parse_instant(bad).has_value());
    }
}

TEST_CASE("instants survive format and parse", "[dates]") {
    std::mt19937_64 rng(20261201);
    std::uniform_int_distribution<Instant> any(-5'000'000'000LL, 200'000'000'000LL);
    for (int i = 0; i < 20000; ++i) {
        const Instant t = any(rng);
        REQUIRE(parse_instant(format_instant(t)) == t);
    }
}

TEST_CASE("day_of and china_midnight follow China time (UTC+8)", "[dates]") {
    const Day dec1 = day_from_civil(2026, 12, 1);
    CHECK(day_of(*parse_instant("2026-12-01T15:59:59Z")) == dec1);
    CHECK(day_of(*parse_instant("2026-12-01T16:00:00Z")) == dec1 + 1);
    CHECK(day_of(*parse_instant("2026-12-01T00:00:00+08:00")) == dec1);
    CHECK(china_midnight(dec1) == *parse_instant("2026-11-30T16:00:00Z"));
    for (Day d = -1000; d < 30000; d += 7) {
        REQUIRE(day_of(china_midnight(d)) == d);
        REQUIRE(day_of(china_midnight(d) - 1) == d - 1);
    }
}

TEST_CASE("China-time clock readings are written one way", "[dates]") {
    CHECK(format_china_time(*parse_instant("2026-12-01T15:59:59Z")) == "2026-12-01 23:59");
    CHECK(format_china_time(*parse_instant("2026-12-01T15:59:59Z"), true) == "2026-12-01 23:59:59");
    CHECK(format_china_time(*parse_instant("2026-12-01T16:00:00Z")) == "2026-12-02 00:00");
    CHECK(format_china_time(*parse_instant("2026-12-02T01:05:30Z"), true) == "2026-12-02 09:05:30");
    // Before 1970 the clock still counts forward from the China midnight.
    CHECK(format_china_time(*parse_instant("1969-12-31T15:00:00Z")) == "1969-12-31 23:00");
    CHECK(china_time_of_day(*parse_instant("1969-12-31T16:00:01Z")) == 1);
    CHECK(format_clock(kSecondsPerDay) == "24:00");
}
