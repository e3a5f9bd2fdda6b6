#include "core/stats_report.hpp"

#include "core/dates.hpp"

#include <algorithm>
#include <cstdio>

namespace liaoxiu {
namespace {

bool is_rate(const StatsColumn& column) {
    const std::string_view key = column.key;
    constexpr std::string_view kSuffix = "_permille";
    return key.size() >= kSuffix.size() && key.substr(key.size() - kSuffix.size()) == kSuffix;
}

// 123‰ → "12.3%".
std::string percent(std::int64_t permille_value) {
    const bool negative = permille_value < 0;
    const std::int64_t v = negative ? -permille_value : permille_value;
    return (negative ? "-" : "") + std::to_string(v / 10) + "." + std::to_string(v % 10) + "%";
}

// A rate's heading without its "‰": the report prints rates in %.
std::string column_heading(const StatsColumn& column) {
    constexpr std::string_view kPermille = "\xE2\x80\xB0";  // ‰
    std::string label = column.label;
    if (is_rate(column) && label.size() >= kPermille.size() && label.ends_with(kPermille))
        label.resize(label.size() - kPermille.size());
    return label;
}

std::string cell_value(const StatsColumn& column, std::int64_t value) {
    return is_rate(column) ? percent(value) : std::to_string(value);
}

std::optional<std::size_t> column_index(const StatsTable& table, std::string_view key) {
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i].key == key) return i;
    return std::nullopt;
}

std::int64_t total_of(const StatsTable& table, std::string_view key) {
    auto i = column_index(table, key);
    return i && *i < table.totals.size() ? table.totals[*i] : 0;
}

const StatsTable* find_view(const StatsReport& report, StatsView view) {
    for (const auto& t : report.tables)
        if (t.query.view == view) return &t;
    return nullptr;
}

// The order the report shows its tables in.
int view_order(StatsView view) {
    switch (view) {
        case StatsView::places: return 0;
        case StatsView::outcomes: return 1;
        case StatsView::pooling: return 2;
        case StatsView::waiting: return 3;
        case StatsView::load: return 4;
    }
    return 5;
}

// The pooling share, in words (the article's point: small units travel in big groups).
std::string pooling_words(const StatsTable& pooling) {
    const std::int64_t places = total_of(pooling, "places");
    if (places == 0) return "本月没有已确认的名额，无跨单位拼团。";
    const std::int64_t cross = total_of(pooling, "cross_unit");
    const std::int64_t small = total_of(pooling, "small_cross_unit");
    return "本月已确认名额共 " + std::to_string(places) + " 个，其中 " + std::to_string(cross) +
           " 个来自跨单位拼团（职工参加其他单位发起的团），占 " + percent(permille(cross, places)) + "；小单位（工会会员少于 " +
           std::to_string(pooling.query.small_below) + " 人）职工通过跨单位拼团出行 " + std::to_string(small) + " 个，占 " +
           percent(permille(small, places)) + "。";
}

// A row's bar: the first count column (load: the row's sum over its member units).
struct Bars {
    bool shown = false;
    std::vector<std::int64_t> values;
    std::int64_t max = 0;
};

Bars bars_of(const StatsTable& table, const std::vector<StatsRow>& rows) {
    Bars bars;
    std::optional<std::size_t> column;
    if (table.query.view != StatsView::load) {
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (!is_rate(table.columns[i])) {
                column = i;
                break;
            }
        if (!column) return bars;
    }
    for (const auto& r : rows) {
        std::int64_t v = 0;
        if (column) {
            v = *column < r.values.size() ? r.values[*column] : 0;
        } else {
            for (auto x : r.values) v += x;
        }
        bars.values.push_back(v);
        bars.max = std::max(bars.max, v);
    }
    bars.shown = true;
    return bars;
}

std::string bar_svg(std::int64_t value, std::int64_t max) {
    constexpr int kWidth = 120;
    const std::int64_t width = max > 0 && value > 0 ? std::max<std::int64_t>(1, value * kWidth / max) : 0;
    return "<svg class=\"bar\" width=\"" + std::to_string(kWidth) + "\" height=\"10\" viewBox=\"0 0 " +
           std::to_string(kWidth) + " 10\" aria-hidden=\"true\"><rect width=\"" + std::to_string(width) +
           "\" height=\"10\" fill=\"#3b6ea5\"/></svg>";
}

// view=load has a column per member unit: printed as a member unit per row (the month's
// workers received), which fits a page however many members there are.
StatsTable load_by_member(const StatsTable& load) {
    StatsTable t;
    t.query = load.query;
    t.title = load.title;
    t.row_label = "成员单位";
    t.columns = {{"received", "接待人次"}};
    for (std::size_t c = 0; c < load.columns.size(); ++c) {
        const std::int64_t v = c < load.totals.size() ? load.totals[c] : 0;
        t.rows.push_back({load.columns[c].key, load.columns[c].label, {v}});
    }
    std::stable_sort(t.rows.begin(), t.rows.end(), [](const StatsRow& a, const StatsRow& b) { return a.values[0] > b.values[0]; });
    compute_totals(t, {});
    return t;
}

void add_table(std::string& out, const StatsTable& given) {
    const StatsTable table = given.query.view == StatsView::load ? load_by_member(given) : given;
    const Bars bars = bars_of(table, table.rows);
    out += "<table>\n<caption>" + html_escape(table.title) + "</caption>\n<thead><tr><th scope=\"col\">";
    out += html_escape(table.row_label.empty() ? std::string("项目") : table.row_label);
    out += "</th>";
    for (const auto& c : table.columns) out += "<th scope=\"col\" class=\"n\">" + html_escape(column_heading(c)) + "</th>";
    if (bars.shown) out += "<th scope=\"col\" class=\"chart\">图示</th>";
    out += "</tr></thead>\n<tbody>\n";
    if (table.rows.empty()) {
        out += "<tr><td class=\"none\" colspan=\"" + std::to_string(table.columns.size() + (bars.shown ? 2 : 1)) +
               "\">本月无数据</td></tr>\n";
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const StatsRow& row = table.rows[r];
        out += "<tr><th scope=\"row\">" + html_escape(row.label) + "</th>";
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            out += "<td class=\"n\">" + cell_value(table.columns[c], c < row.values.size() ? row.values[c] : 0) + "</td>";
        if (bars.shown) out += "<td class=\"chart\">" + bar_svg(bars.values[r], bars.max) + "</td>";
        out += "</tr>\n";
    }
    out += "</tbody>\n";
    if (!table.rows.empty()) {
        out += "<tfoot><tr><th scope=\"row\">合计</th>";
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            out += "<td class=\"n\">" + cell_value(table.columns[c], c < table.totals.size() ? table.totals[c] : 0) + "</td>";
        if (bars.shown) out += "<td class=\"chart\"></td>";
        out += "</tr></tfoot>\n";
    }
    out += "</table>\n";
}

constexpr std::string_view kStyle =
    "@page{size:A4;margin:16mm 14mm}\n"
    "html{background:#fff;color:#111}\n"
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
    "font-size:10.5pt;line-height:1.5;margin:2em auto;max-width:190mm}\n"
    "h1{font-size:17pt;margin:0 0 .2em}\n"
    "p.meta{color:#444;margin:0 0 1em}\n"
    "p.summary{border-left:3px solid #3b6ea5;padding-left:.6em}\n"
    "table{border-collapse:collapse;width:100%;margin:0 0 1.4em;break-inside:avoid;page-break-inside:avoid}\n"
    "caption{text-align:left;font-weight:bold;font-size:12pt;padding:.2em 0 .3em}\n"
    "th,td{border:1px solid #999;padding:.2em .5em;vertical-align:middle}\n"
    "thead th{border-bottom:2px solid #333;font-weight:bold;text-align:left}\n"
    "tbody th,tfoot th{font-weight:normal;text-align:left}\n"
    "tfoot th,tfoot td{font-weight:bold;border-top:2px solid #333}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "thead th.n{text-align:right}\n"
    "td.chart{width:130px}\n"
    "td.none{color:#555;text-align:center}\n"
    "svg.bar{display:block}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}\n"
    "footer{color:#555;font-size:9pt;margin-top:1.5em}\n"
    "@media print{body{margin:0;max-width:none}}\n";

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::optional<ReportMonth> parse_report_month(std::string_view key) {
    if (key.size() != 7 || key[4] != '-') return std::nullopt;
    for (std::size_t i = 0; i < 7; ++i)
        if (i != 4 && (key[i] < '0' || key[i] > '9')) return std::nullopt;
    const int year = (key[0] - '0') * 1000 + (key[1] - '0') * 100 + (key[2] - '0') * 10 + (key[3] - '0');
    const int month = (key[5] - '0') * 10 + (key[6] - '0');
    if (month < 1 || month > 12 || year < 1970) return std::nullopt;
    ReportMonth m;
    m.key = std::string(key);
    m.first = day_from_civil(year, month, 1);
    m.last = (month == 12 ? day_from_civil(year + 1, 1, 1) : day_from_civil(year, month + 1, 1)) - 1;
    return m;
}

ReportMonth report_month_of(Day day) { return *parse_report_month(month_key(day)); }

std::vector<StatsQuery> stats_report_queries(const StatsQuery& filters, const ReportMonth& month) {
    StatsQuery base = filters;
    base.by = StatsBy::month;
    base.from = month.first;
    base.to = month.last;
    std::vector<StatsQuery> out;
    for (StatsView view : {StatsView::places, StatsView::outcomes, StatsView::pooling, StatsView::waiting, StatsView::load}) {
        StatsQuery q = base;
        q.view = view;
        if (view == StatsView::places) q.by = StatsBy::route;
        out.push_back(q);
    }
    return out;
}

std::string stats_report_title(std::string_view issuer, const ReportMonth& month) {
    std::string title(issuer);
    if (!title.empty()) title += ' ';
    return title + month_label(month.key) + " 疗休养月报";
}

std::string stats_report_html(const StatsReport& report) {
    const std::string title = stats_report_title(report.issuer, report.month);
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(title) + "</title>\n<style>\n";
    out += kStyle;
    out += "</style>\n</head>\n<body>\n<header>\n<h1>" + html_escape(title) + "</h1>\n";
    out += "<p class=\"meta\">统计期间：" + format_day(report.month.first) + " 至 " + format_day(report.month.last) +
           "（按行程出发日计）</p>\n</header>\n<main>\n";
    if (const StatsTable* pooling = find_view(report, StatsView::pooling))
        out += "<p class=\"summary\">" + html_escape(pooling_words(*pooling)) + "</p>\n";
    std::vector<const StatsTable*> tables;
    for (const auto& t : report.tables) tables.push_back(&t);
    std::stable_sort(tables.begin(), tables.end(),
                     [](const StatsTable* a, const StatsTable* b) { return view_order(a->query.view) < view_order(b->query.view); });
    for (const StatsTable* t : tables) add_table(out, *t);
    if (tables.empty()) out += "<p>本月无统计数据。</p>\n";
    out += "</main>\n<footer>";
    if (report.made) out += "制表日期：" + format_day(*report.made) + "　";
    out += "比例以已确认名额计，四舍五入到0.1%。</footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace liaoxiu
