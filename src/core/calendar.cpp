#include "core/calendar.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"

#include <cstdio>

namespace liaoxiu {
namespace {

constexpr std::size_t kLineOctets = 75;  // RFC 5545 3.1: lines SHOULD NOT be longer, CRLF excluded

// The octets from `i` that must stay on one physical line: a whole UTF-8 sequence, or a
// backslash and the character it escapes. A byte that starts no valid sequence stands alone.
std::size_t unit_length(std::string_view line, std::size_t i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if (byte == '\\') return i + 1 < line.size() ? 2 : 1;
    std::size_t n = 1;
    if (byte >= 0xC2 && byte <= 0xDF) n = 2;
    else if (byte >= 0xE0 && byte <= 0xEF) n = 3;
    else if (byte >= 0xF0 && byte <= 0xF4) n = 4;
    if (i + n > line.size()) return 1;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(line[i + k]) & 0xC0) != 0x80) return 1;
    return n;
}

// "20270410": a DATE value (RFC 5545 3.3.4).
std::string ics_date(Day day) {
    const CivilDate c = civil_from_day(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", c.year, c.month, c.day);
    return buffer;
}

// "20261201T020000Z": a DATE-TIME in UTC (RFC 5545 3.3.5, form #2).
std::string ics_utc(Instant instant) {
    Instant days = instant / kSecondsPerDay;
    Instant seconds = instant % kSecondsPerDay;
    if (seconds < 0) {
        seconds += kSecondsPerDay;
        days -= 1;
    }
    const CivilDate c = civil_from_day(static_cast<Day>(days));
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day,
                  static_cast<int>(seconds / 3600), static_cast<int>(seconds % 3600 / 60), static_cast<int>(seconds % 60));
    return buffer;
}

std::string_view stop_kind_word(StopKind kind, CalendarLanguage language) {
    const bool zh = language == CalendarLanguage::zh;
    switch (kind) {
        case StopKind::eat: return zh ? "吃" : "Eat";
        case StopKind::stay: return zh ? "住" : "Stay";
        case StopKind::travel: return zh ? "行" : "Travel";
        case StopKind::tour: return zh ? "游" : "Tour";
        case StopKind::wellness: return zh ? "康养" : "Wellness";
    }
    return {};
}

std::string member_name(const Catalogue& catalogue, std::string_view id) {
    for (const Member& member : catalogue.members)
        if (member.id == id) return member.name;
    return std::string(id);
}

std::string unit_name(const Catalogue& catalogue, const Id& id) {
    for (const Unit& unit : catalogue.units)
        if (unit.id == id) return unit.name;
    return id;
}

// 浙江·衢州（衢州、江山）, or in English 浙江·衢州 (衢州, 江山).
std::string location_of(const Route& route, CalendarLanguage language) {
    const bool zh = language == CalendarLanguage::zh;
    std::string cities;
    for (const std::string& city : route.cities) {
        if (city.empty()) continue;
        if (!cities.empty()) cities += zh ? "、" : ", ";
        cities += city;
    }
    if (route.region.empty()) return cities;
    if (cities.empty() || cities == route.region) return route.region;
    return zh ? route.region + "（" + cities + "）" : route.region + " (" + cities + ")";
}

// The itinerary day by day (第1天 2027-04-10 抵达, then one line a stop: its kind, member and
// note), the organizing unit and the group's id.
std::string description_of(const GroupTrip& trip, const Route& route, const Catalogue& catalogue,
                           CalendarLanguage language) {
    const bool zh = language == CalendarLanguage::zh;
    std::string out;
    for (const ItineraryDay& day : route.itinerary) {
        const std::string date = format_day(trip.departure + day.day - 1);
        out += zh ? "第" + std::to_string(day.day) + "天 " + date : "Day " + std::to_string(day.day) + ", " + date;
        if (!day.title.empty()) out += (zh ? " " : ": ") + day.title;
        out += '\n';
        for (const Stop& stop : day.stops) {
            out += zh ? "· " : "- ";
            out += stop_kind_word(stop.kind, language);
            out += zh ? "：" : ": ";
            out += member_name(catalogue, stop.member);
            if (!stop.note.empty()) out += (zh ? "，" : ", ") + stop.note;
            out += '\n';
        }
    }
    if (!out.empty()) out += '\n';
    out += (zh ? "组织单位：" : "Organized by: ") + unit_name(catalogue, trip.organizer_unit) + '\n';
    out += (zh ? "拼团编号：" : "Group trip: ") + trip.id;
    return out;
}

class Writer {
public:
    void line(std::string_view content) { out_ += ics_fold(content); }
    void text(std::string_view name, std::string_view value) { line(std::string(name) + ":" + ics_escape_text(value)); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

}  // namespace

std::string ics_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default:
                // TEXT holds no control characters but TAB (RFC 5545 3.3.11, TSAFE-CHAR).
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) break;
                out += c;
        }
    }
    return out;
}

std::string ics_unescape_text(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 == value.size()) {
            out += value[i];
            continue;
        }
        const char next = value[++i];
        out += next == 'n' || next == 'N' ? '\n' : next;
    }
    return out;
}

std::string ics_fold(std::string_view content_line) {
    std::string out;
    out.reserve(content_line.size() + content_line.size() / 24 + 2);
    std::size_t used = 0;  // octets on the current physical line
    for (std::size_t i = 0; i < content_line.size();) {
        const std::size_t n = unit_length(content_line, i);
        if (used + n > kLineOctets) {
            out += "\r\n ";
            used = 1;  // the leading space counts
        }
        out.append(content_line.substr(i, n));
        used += n;
        i += n;
    }
    out += "\r\n";
    return out;
}

std::string ics_unfold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 2 < text.size() && text[i + 1] == '\n' && (text[i + 2] == ' ' || text[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::string trip_calendar(const GroupTrip& trip, const Route& route, const Catalogue& catalogue, Instant now,
                          CalendarLanguage language, std::string_view url) {
    const bool zh = language == CalendarLanguage::zh;
    Writer w;
    w.line("BEGIN:VCALENDAR");
    w.line("PRODID:-//Liaoxiu//Liaoxiu trips//" + std::string(zh ? "ZH" : "EN"));
    w.line("VERSION:2.0");
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    // China Standard Time: UTC+8 all year, no daylight saving, so one STANDARD observance.
    w.line("BEGIN:VTIMEZONE");
    w.line("TZID:Asia/Shanghai");
    w.line("BEGIN:STANDARD");
    w.line("DTSTART:19700101T000000");
    w.line("TZOFFSETFROM:+0800");
    w.line("TZOFFSETTO:+0800");
    w.line("TZNAME:CST");
    w.line("END:STANDARD");
    w.line("END:VTIMEZONE");
    w.line("BEGIN:VEVENT");
    w.line("UID:" + trip.id + "@liaoxiu");
    w.line("DTSTAMP:" + ics_utc(now));
    // An all-day event: DTEND is the day after the last (exclusive, RFC 5545 3.6.1).
    w.line("DTSTART;VALUE=DATE:" + ics_date(trip.departure));
    w.line("DTEND;VALUE=DATE:" + ics_date(last_day(trip.departure, route.days) + 1));
    w.text("SUMMARY", route.title);
    if (const std::string location = location_of(route, language); !location.empty()) w.text("LOCATION", location);
    w.text("DESCRIPTION", description_of(trip, route, catalogue, language));
    if (!url.empty()) w.line("URL:" + std::string(url));
    w.line("STATUS:CONFIRMED");
    w.line("TRANSP:OPAQUE");
    // A reminder at 09:00 the day before: an all-day event starts at 00:00 of its first day.
    w.line("BEGIN:VALARM");
    w.line("ACTION:DISPLAY");
    w.line("TRIGGER:-PT15H");
    w.text("DESCRIPTION", (zh ? "明天出发：" : "Leaving tomorrow: ") + route.title);
    w.line("END:VALARM");
    w.line("END:VEVENT");
    w.line("END:VCALENDAR");
    return w.take();
}

std::string trip_calendar_name(const GroupTrip& trip, const Route& route) {
    std::string name = route.title.empty() ? trip.id : route.title;
    for (char& c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
            c == '>' || c == '|')
            c = '-';
    }
    return name + " " + format_day(trip.departure) + ".ics";
}

}  // namespace liaoxiu
