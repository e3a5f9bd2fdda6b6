// A confirmed trip as an .ics file (core/calendar.hpp): RFC 5545's structure, all-day dates
// across month and year ends, text escaping, CRLF, folding at 75 octets without splitting a
// UTF-8 character, and unknown ids still written.
#include <catch2/catch.hpp>

#include "core/calendar.hpp"
#include "core_fixtures.hpp"

#include <string>
#include <string_view>
#include <vector>

using namespace liaoxiu;
namespace fx = liaoxiu::fixtures;

namespace {

GroupTrip trip_leaving(const char* departure) {
    GroupTrip trip;
    trip.id = "g-cal-1";
    trip.route = "r-qz-3d";
    trip.organizer_unit = "u-org";
    trip.departure = fx::day(departure);
    trip.min_size = 2;
    trip.max_size = 30;
    trip.join_deadline = fx::at("2026-12-20T18:00:00+08:00");
    return trip;
}

// The physical lines of a calendar, each without its CRLF (which the caller checked).
std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t at = ics.find("\r\n"); at != std::string::npos; at = ics.find("\r\n", start)) {
        lines.push_back(ics.substr(start, at - start));
        start = at + 2;
    }
    if (start < ics.size()) lines.push_back(ics.substr(start));  // an unterminated tail
    return lines;
}

// The content lines: the calendar unfolded, split at CRLF.
std::vector<std::string> content_lines(const std::string& ics) { return physical_lines(ics_unfold(ics)); }

// The value of the first content line named `name` (with its parameters, "DTSTART;VALUE=DATE").
std::string value_of(const std::string& ics, const std::string& name) {
    for (const std::string& line : content_lines(ics))
        if (line.rfind(name + ":", 0) == 0) return line.substr(name.size() + 1);
    FAIL("no line " << name);
    return {};
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

// CRLF after every line and nowhere else a CR or LF; every physical line at most 75 octets and
// valid UTF-8 on its own; continuation lines begin with exactly one space.
void check_physical_form(const std::string& ics) {
    REQUIRE(ics.size() >= 2);
    CHECK(ics.substr(ics.size() - 2) == "\r\n");
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics[i] == '\r') {
            INFO("offset " << i);
            REQUIRE(i + 1 < ics.size());
            CHECK(ics[i + 1] == '\n');
        }
        if (ics[i] == '\n') {
            INFO("offset " << i);
            REQUIRE(i > 0);
            CHECK(ics[i - 1] == '\r');
        }
    }
    for (const std::string& line : physical_lines(ics)) {
        INFO("line: " << line);
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));
        CHECK(!line.empty());
        CHECK(line.find('\r') == std::string::npos);
        CHECK(line.find('\n') == std::string::npos);
    }
}

}  // namespace

TEST_CASE("a trip's calendar: one VEVENT, all day from departure through the last day, in Asia/Shanghai", "[calendar]") {
    const Catalogue catalogue = fx::catalogue();
    const std::string ics = trip_calendar(trip_leaving("2026-12-30"), fx::route(), catalogue, fx::now());
    check_physical_form(ics);
    const std::vector<std::string> expected = {
        "BEGIN:VCALENDAR",
        "PRODID:-//Liaoxiu//Liaoxiu trips//ZH",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Shanghai",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800",
        "TZNAME:CST",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:g-cal-1@liaoxiu",
        "DTSTAMP:20261201T020000Z",  // 10:00 China time is 02:00 UTC
        "DTSTART;VALUE=DATE:20261230",
        "DTEND;VALUE=DATE:20270102",  // three days: 30, 31 December and 1 January; the end is exclusive
        "SUMMARY:红色教育+生态康养三日游",
        "LOCATION:浙江·衢州（衢州、江山）",
        "DESCRIPTION:第1天 2026-12-30 抵达\\n· 行：成员 m-bus，接站\\n· 住：成员 m-hotel，入住\\n"
        "第2天 2026-12-31 山水\\n· 游：成员 m-park，游览\\n· 康养：成员 m-spa，温泉\\n"
        "第3天 2027-01-01 返程\\n· 吃：成员 m-hotel，午餐\\n\\n组织单位：衢州供电公司\\n拼团编号：g-cal-1",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-PT15H",
        "DESCRIPTION:明天出发：红色教育+生态康养三日游",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    };
    CHECK(content_lines(ics) == expected);
    // The description is longer than a line: it was folded, and unfolding gives it back.
    CHECK(physical_lines(ics).size() > expected.size());
    CHECK(ics_unescape_text(value_of(ics, "DESCRIPTION")).find("第2天 2026-12-31 山水\n· 游：成员 m-park，游览\n") !=
          std::string::npos);
}

TEST_CASE("the all-day dates cross month ends, year ends and leap days: DTEND is the day after the last", "[calendar]") {
    const Catalogue catalogue = fx::catalogue();
    Route route = fx::route();  // 3 days
    struct Case {
        const char* departure;
        int days;
        const char* start;
        const char* end;
    };
    const Case cases[] = {
        {"2027-01-30", 3, "20270130", "20270202"},  // a month end
        {"2026-12-31", 3, "20261231", "20270103"},  // a year end
        {"2026-12-31", 1, "20261231", "20270101"},  // one day: ends the next day
        {"2028-02-28", 2, "20280228", "20280301"},  // the leap day is inside
        {"2027-02-28", 1, "20270228", "20270301"},  // no leap day
        {"2027-04-10", 0, "20270410", "20270411"},  // a route of no days still occupies its departure (last_day)
    };
    for (const Case& c : cases) {
        INFO(c.departure << " for " << c.days << " days");
        route.days = c.days;
        const std::string ics = trip_calendar(trip_leaving(c.departure), route, catalogue, fx::now());
        CHECK(value_of(ics, "DTSTART;VALUE=DATE") == c.start);
        CHECK(value_of(ics, "DTEND;VALUE=DATE") == c.end);
    }
}

TEST_CASE("text values escape backslash, semicolon, comma and line breaks as RFC 5545 3.3.11 says", "[calendar]") {
    CHECK(ics_escape_text("a\\b") == "a\\\\b");
    CHECK(ics_escape_text("a;b") == "a\\;b");
    CHECK(ics_escape_text("a,b") == "a\\,b");
    CHECK(ics_escape_text("a\nb") == "a\\nb");
    CHECK(ics_escape_text("a\r\nb") == "a\\nb");
    CHECK(ics_escape_text("a\rb") == "a\\nb");
    CHECK(ics_escape_text("a:b\"c") == "a:b\"c");  // a colon and a quote need nothing in a value
    CHECK(ics_escape_text("a\tb") == "a\tb");      // TAB is allowed
    CHECK(ics_escape_text(std::string("a\x01\x1f\x7f") + "b") == "ab");  // other controls are not
    CHECK(ics_escape_text("温泉，理疗；") == "温泉，理疗；");  // full-width punctuation is plain text
    const std::string mixed = "1\\2;3,4\n5\\n";
    CHECK(ics_escape_text(mixed) == "1\\\\2\\;3\\,4\\n5\\\\n");
    CHECK(ics_unescape_text(ics_escape_text(mixed)) == mixed);

    // Through the calendar: the summary, the location and the description.
    Catalogue catalogue = fx::catalogue();
    Route route = fx::route();
    route.title = "温泉;疗养, 2天\\一晚";
    route.region = "浙江,衢州";
    route.cities = {};
    route.itinerary = {ItineraryDay{1, "第一天;出发", {Stop{StopKind::tour, "m-park", "游览\n集合"}}}};
    const std::string ics = trip_calendar(trip_leaving("2027-04-10"), route, catalogue, fx::now());
    check_physical_form(ics);
    CHECK(value_of(ics, "SUMMARY") == "温泉\\;疗养\\, 2天\\\\一晚");
    CHECK(value_of(ics, "LOCATION") == "浙江\\,衢州");
    const std::string description = value_of(ics, "DESCRIPTION");
    CHECK(description.find("第1天 2027-04-10 第一天\\;出发\\n· 游：成员 m-park，游览\\n集合\\n") == 0);
    CHECK(ics_unescape_text(description).find("第一天;出发\n· 游：成员 m-park，游览\n集合\n") != std::string::npos);
}

TEST_CASE("long lines fold at 75 octets, never inside a UTF-8 character or an escape, and unfold back", "[calendar]") {
    std::string han;
    for (int i = 0; i < 60; ++i) han += i % 2 ? "疗" : "休";  // 3 octets each
    // Every alignment of the 3-octet characters against the 75-octet cut, and 4-octet ones too.
    for (int prefix = 0; prefix < 4; ++prefix) {
        for (const std::string& value : {han, std::string("😀中文") + han + "😀😀😀", std::string(100, 'a') + han}) {
            const std::string line = "SUMMARY:" + std::string(static_cast<std::size_t>(prefix), 'x') + value;
            const std::string folded = ics_fold(line);
            INFO("prefix " << prefix << ": " << line);
            check_physical_form(folded);
            const std::vector<std::string> lines = physical_lines(folded);
            CHECK(lines.size() > 1);
            for (std::size_t i = 1; i < lines.size(); ++i) {
                REQUIRE(!lines[i].empty());
                CHECK(lines[i][0] == ' ');
                CHECK(lines[i].size() > 1);
            }
            // Full lines: a fold happens only where the next character would not fit.
            for (std::size_t i = 0; i + 1 < lines.size(); ++i) CHECK(lines[i].size() > 75 - 4);
            CHECK(ics_unfold(folded) == line + "\r\n");
        }
    }
    // A short line is left whole.
    CHECK(ics_fold("VERSION:2.0") == "VERSION:2.0\r\n");
    CHECK(ics_fold(std::string(75, 'a')) == std::string(75, 'a') + "\r\n");
    CHECK(ics_fold(std::string(76, 'a')) == std::string(75, 'a') + "\r\n a\r\n");
    // Escapes stay whole: no physical line ends in the backslash of an escape.
    const std::string escapes = "DESCRIPTION:x" + ics_escape_text(std::string(80, ',') + std::string(40, '\\'));
    const std::string folded = ics_fold(escapes);
    check_physical_form(folded);
    for (const std::string& line : physical_lines(folded)) {
        const std::string_view body = line[0] == ' ' ? std::string_view(line).substr(1) : std::string_view(line);
        std::size_t trailing = 0;
        while (trailing < body.size() && body[body.size() - 1 - trailing] == '\\') ++trailing;
        INFO(line);
        CHECK(trailing % 2 == 0);
    }
    CHECK(ics_unfold(folded) == escapes + "\r\n");
}

TEST_CASE("a whole calendar with long Chinese text: every line within 75 octets, valid UTF-8, CRLF", "[calendar]") {
    Catalogue catalogue = fx::catalogue();
    Route route = fx::route();
    route.title = "红色教育+生态康养·南孔衢州三日——江山廿八都古镇、开化根宮佛国、钱江源国家公园深度疗休养";
    for (Member& member : catalogue.members) member.name = "衢州市柯城区" + member.name + "职工疗休养基地（含温泉理疗中心）";
    for (ItineraryDay& day : route.itinerary)
        for (Stop& stop : day.stops) stop.note += "，集合后由导游带领，注意安全；携带身份证件, 备好雨具";
    for (int prefix = 0; prefix < 3; ++prefix) {
        route.title = "x" + route.title;
        const std::string ics = trip_calendar(trip_leaving("2027-04-10"), route, catalogue, fx::now(),
                                              CalendarLanguage::zh, "https://liaoxiu.example/#/group/g-cal-1");
        check_physical_form(ics);
        CHECK(value_of(ics, "URL") == "https://liaoxiu.example/#/group/g-cal-1");
        CHECK(ics_unescape_text(value_of(ics, "SUMMARY")) == route.title);
        const std::string description = ics_unescape_text(value_of(ics, "DESCRIPTION"));
        CHECK(valid_utf8(description));
        CHECK(description.find("· 住：衢州市柯城区成员 m-hotel职工疗休养基地（含温泉理疗中心），入住，集合后由导游带领，注意安全；携带身份证件, 备好雨具\n") !=
              std::string::npos);
    }
}

TEST_CASE("a stop at a member the catalogue does not hold, and an unknown organizer, are written by id", "[calendar]") {
    Catalogue catalogue = fx::catalogue();
    Route route = fx::route();
    route.itinerary[1].stops.push_back(Stop{StopKind::wellness, "m-nowhere", ""});
    GroupTrip trip = trip_leaving("2027-04-10");
    trip.organizer_unit = "u-unknown";
    const std::string ics = trip_calendar(trip, route, catalogue, fx::now());
    check_physical_form(ics);
    const std::string description = ics_unescape_text(value_of(ics, "DESCRIPTION"));
    CHECK(description.find("· 康养：m-nowhere\n第3天") != std::string::npos);
    CHECK(description.find("组织单位：u-unknown\n") != std::string::npos);
}

TEST_CASE("the calendar in English, the same UID whenever it is made, and its file name", "[calendar]") {
    const Catalogue catalogue = fx::catalogue();
    const Route route = fx::route();
    const GroupTrip trip = trip_leaving("2026-12-30");
    const std::string en = trip_calendar(trip, route, catalogue, fx::at("2027-01-05T23:30:15Z"), CalendarLanguage::en);
    check_physical_form(en);
    CHECK(value_of(en, "PRODID") == "-//Liaoxiu//Liaoxiu trips//EN");
    CHECK(value_of(en, "UID") == "g-cal-1@liaoxiu");
    CHECK(value_of(en, "DTSTAMP") == "20270105T233015Z");
    CHECK(value_of(en, "LOCATION") == "浙江·衢州 (衢州\\, 江山)");
    CHECK(ics_unescape_text(value_of(en, "DESCRIPTION")) ==
          "Day 1, 2026-12-30: 抵达\n- Travel: 成员 m-bus, 接站\n- Stay: 成员 m-hotel, 入住\n"
          "Day 2, 2026-12-31: 山水\n- Tour: 成员 m-park, 游览\n- Wellness: 成员 m-spa, 温泉\n"
          "Day 3, 2027-01-01: 返程\n- Eat: 成员 m-hotel, 午餐\n\nOrganized by: 衢州供电公司\nGroup trip: g-cal-1");
    // Made again later, in Chinese: the same event (UID), a new stamp.
    const std::string zh = trip_calendar(trip, route, catalogue, fx::now());
    CHECK(value_of(zh, "UID") == value_of(en, "UID"));
    CHECK(value_of(zh, "DTSTAMP") != value_of(en, "DTSTAMP"));

    CHECK(trip_calendar_name(trip, route) == "红色教育+生态康养三日游 2026-12-30.ics");
    Route odd = route;
    odd.title = "A/B: 游?";
    CHECK(trip_calendar_name(trip, odd) == "A-B- 游- 2026-12-30.ics");
    odd.title.clear();
    CHECK(trip_calendar_name(trip, odd) == "g-cal-1 2026-12-30.ics");
}
