// The printable monthly report (月报): one month's statistics tables (core/stats.hpp) as ONE
// self-contained HTML document that prints cleanly from a browser (A4, no scripts, no
// external resources, every text escaped). The app draws on a canvas, which prints badly,
// so the desk asks for the month's tables (stats_report_queries), and hands this document to
// the device (ui::Services::open_document) to open in a new tab.
#pragma once

#include "core/model.hpp"
#include "core/stats.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// A calendar month: "2026-11", its first and last day.
struct ReportMonth {
    std::string key;  // "2026-11"
    Day first = 0;
    Day last = 0;
    bool operator==(const ReportMonth&) const = default;
};

// "2026-11" (exactly YYYY-MM, month 01..12) → the month; nullopt otherwise.
std::optional<ReportMonth> parse_report_month(std::string_view key);
// The month `day` falls in.
ReportMonth report_month_of(Day day);

// The tables a monthly report holds, in its order: places by route, group outcomes, cross-unit
// pooling, waiting-list demand, load per member unit; each with `filters`' filters (alliance,
// city, unit, route, category, small_below) over the month's days.
std::vector<StatsQuery> stats_report_queries(const StatsQuery& filters, const ReportMonth& month);

struct StatsReport {
    std::string issuer;              // "衢州市职工疗休养联盟" (or "" for a generic heading)
    ReportMonth month;
    std::vector<StatsTable> tables;  // as answered, in any order; each shown as a <table>
    std::optional<Day> made;         // the day it was made, printed in the footer
};

// "衢州市职工疗休养联盟 2026年11月 疗休养月报".
std::string stats_report_title(std::string_view issuer, const ReportMonth& month);
// The document (UTF-8).
std::string stats_report_html(const StatsReport& report);

// Text made safe inside HTML elements and quoted attributes (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace liaoxiu
