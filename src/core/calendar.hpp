// A confirmed trip as a calendar file (.ics, RFC 5545) a worker adds to their phone's
// calendar: one VCALENDAR with a VTIMEZONE for Asia/Shanghai and one all-day VEVENT from the
// departure through the trip's last day (core last_day), the route's title as its summary, its
// region and cities as its location, the itinerary day by day in its description, and a
// reminder the day before. Pure text: the app hands it over with Services::save_file.
#pragma once

#include "core/model.hpp"

#include <string>
#include <string_view>

namespace liaoxiu {

enum class CalendarLanguage { zh, en };

// The calendar of `trip` on `route`: member names and the organizer unit's name from
// `catalogue` (an id that names nothing there is written as the id). DTSTAMP is `now` (UTC);
// the UID is "<group id>@liaoxiu", the same each time, so a second import updates the event.
// `url`, when given, is the group's link (a URL property). CRLF line endings, lines folded at
// 75 octets without splitting a UTF-8 character.
std::string trip_calendar(const GroupTrip& trip, const Route& route, const Catalogue& catalogue, Instant now,
                          CalendarLanguage language = CalendarLanguage::zh, std::string_view url = {});

// The file's name: "<route title> <departure>.ics", e.g. "红色教育三日游 2027-04-10.ics"
// (characters a file system refuses, / \ : * ? " < > |, become "-").
std::string trip_calendar_name(const GroupTrip& trip, const Route& route);

// --- The building blocks, for the tests ---

// A TEXT value escaped as RFC 5545 3.3.11 says: "\" "\\", ";" "\;", "," "\,", a line break
// (LF, CRLF or CR) "\n"; other control characters (which TEXT may not hold) except TAB are dropped.
std::string ics_escape_text(std::string_view text);
// One content line folded (RFC 5545 3.1): physical lines of at most 75 octets, each ending in
// CRLF, continuation lines beginning with one space. A fold never splits a UTF-8 sequence nor
// a backslash escape.
std::string ics_fold(std::string_view content_line);
// The reverse of the folding: every CRLF followed by one space or tab removed.
std::string ics_unfold(std::string_view text);
// The reverse of ics_escape_text (line breaks come back as LF).
std::string ics_unescape_text(std::string_view value);

}  // namespace liaoxiu
