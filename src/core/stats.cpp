#include "core/stats.hpp"

#include "core/query_params.hpp"

#include "core/csv.hpp"
#include "core/dates.hpp"
#include "core/identifiers.hpp"
#include "core/json.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace liaoxiu {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kViewNames{"places", "outcomes", "waiting", "pooling", "load"};
constexpr std::array<std::string_view, 5> kViewLabels{"出行人次", "拼团结果", "候补需求", "跨单位拼团", "成员单位接待量"};
constexpr std::array<std::string_view, 7> kByNames{"month", "season", "route", "theme", "city", "unit", "member"};
constexpr std::array<std::string_view, 7> kByLabels{"月份", "季节", "线路", "主题", "城市", "职工单位", "成员单位"};

using query_params::bad_parameter;
using query_params::given;
using query_params::whole_number;

// A filter's free text (a city): printable, no control characters, at most 64 bytes.
bool plain_text(const std::string& text) {
    if (text.size() > 64) return false;
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

const json* field(const json& object, const char* name) {
    auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}

DomainError bad_stats_answer() {
    return make_error("bad_answer", "服务器的回答无法读取（统计）", "the server's answer could not be understood (statistics)");
}

std::optional<std::string> optional_text(const json& object, const char* name) {
    const json* value = field(object, name);
    if (!value || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

}  // namespace

std::string_view enum_name(StatsView value) { return kViewNames[static_cast<std::size_t>(value)]; }
std::string_view enum_name(StatsBy value) { return kByNames[static_cast<std::size_t>(value)]; }
std::string_view stats_view_label(StatsView value) { return kViewLabels[static_cast<std::size_t>(value)]; }
std::string_view stats_by_label(StatsBy value) { return kByLabels[static_cast<std::size_t>(value)]; }

std::optional<StatsView> parse_stats_view(std::string_view name) {
    for (std::size_t i = 0; i < kViewNames.size(); ++i)
        if (kViewNames[i] == name) return static_cast<StatsView>(i);
    return std::nullopt;
}

std::optional<StatsBy> parse_stats_by(std::string_view name) {
    for (std::size_t i = 0; i < kByNames.size(); ++i)
        if (kByNames[i] == name) return static_cast<StatsBy>(i);
    return std::nullopt;
}

Result<StatsQuery> parse_stats_query(const StatsQueryText& text) {
    StatsQuery query;
    if (auto view = given(text.view)) {
        auto parsed = parse_stats_view(*view);
        if (!parsed) return bad_parameter("view", "应为 places、outcomes、waiting、pooling 或 load",
                                          "expected places, outcomes, waiting, pooling or load");
        query.view = *parsed;
    }
    if (auto by = given(text.by)) {
        auto parsed = parse_stats_by(*by);
        if (!parsed) return bad_parameter("by", "应为 month、season、route、theme、city、unit 或 member",
                                          "expected month, season, route, theme, city, unit or member");
        query.by = *parsed;
    }
    if (auto from = given(text.from)) {
        query.from = parse_day(*from);
        if (!query.from) return bad_parameter("from", "应为日期（2026-12-06）", "expected a day (2026-12-06)");
    }
    if (auto to = given(text.to)) {
        query.to = parse_day(*to);
        if (!query.to) return bad_parameter("to", "应为日期（2026-12-06）", "expected a day (2026-12-06)");
        if (query.from && *query.to < *query.from) return bad_parameter("to", "结束早于开始", "the end is before the start");
    }
    auto id_filter = [&](const char* name, const std::optional<std::string>& value, std::optional<Id>& out)
        -> std::optional<DomainError> {
        if (auto v = given(value)) {
            if (!is_valid_id(*v)) return bad_parameter(name, "不是编号", "not an id");
            out = *v;
        }
        return std::nullopt;
    };
    if (auto e = id_filter("alliance", text.alliance, query.alliance)) return *e;
    if (auto city = given(text.city)) {
        if (!plain_text(*city)) return bad_parameter("city", "不是城市名", "not a city name");
        query.city = *city;
    }
    if (auto e = id_filter("unit", text.unit, query.unit)) return *e;
    if (auto e = id_filter("route", text.route, query.route)) return *e;
    if (auto category = given(text.category)) {
        query.category = parse_category(*category);
        if (!query.category) return bad_parameter("category", "应为 reception、experience、wellness 或 support",
                                                  "expected reception, experience, wellness or support");
    }
    if (auto small = given(text.small_below)) {
        auto value = whole_number(*small);
        if (!value || *value < 0 || *value > StatsQuery::kMaxSmallBelow)
            return bad_parameter("small_below", "应为 0 到 1000000 的整数", "expected a whole number from 0 to 1000000");
        query.small_below = static_cast<int>(*value);
    }
    return query;
}

std::string stats_query_string(const StatsQuery& query) {
    std::string out;
    auto add = [&](const char* name, std::string_view value) {
        if (!out.empty()) out += '&';
        out += name;
        out += '=';
        query_params::percent_escape(out, value);
    };
    add("view", enum_name(query.view));
    if (query.view == StatsView::places) add("by", enum_name(query.by));
    if (query.from) add("from", format_day(*query.from));
    if (query.to) add("to", format_day(*query.to));
    if (query.alliance) add("alliance", *query.alliance);
    if (query.city) add("city", *query.city);
    if (query.unit) add("unit", *query.unit);
    if (query.route) add("route", *query.route);
    if (query.category) add("category", enum_name(*query.category));
    if (query.small_below != StatsQuery::kDefaultSmallBelow) add("small_below", std::to_string(query.small_below));
    return out;
}

std::optional<DomainError> read_stats_forbidden(Role role) {
    if (role == Role::secretariat || role == Role::organizer) return std::nullopt;
    return make_error("forbidden", "只有联盟秘书处和单位工会可以查看统计",
                      "only the alliance's secretariat and units' unions read statistics");
}

std::string month_key(Day day) {
    CivilDate date = civil_from_day(day);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", date.year, date.month);
    return text;
}

std::string month_label(std::string_view key) {
    if (key.size() != 7 || key[4] != '-') return std::string(key);
    int month = (key[5] - '0') * 10 + (key[6] - '0');
    return std::string(key.substr(0, 4)) + "年" + std::to_string(month) + "月";
}

Season season_of(Day day) {
    int month = civil_from_day(day).month;
    if (month >= 3 && month <= 5) return Season::spring;
    if (month >= 6 && month <= 8) return Season::summer;
    if (month >= 9 && month <= 11) return Season::autumn;
    return Season::winter;
}

std::string_view season_label(Season season) {
    switch (season) {
        case Season::spring: return "春季";
        case Season::summer: return "夏季";
        case Season::autumn: return "秋季";
        case Season::winter: return "冬季";
    }
    return "";
}

std::int64_t permille(std::int64_t n, std::int64_t d) {
    if (d <= 0) return 0;
    return (n * 1000 * 2 + d) / (d * 2);
}

void compute_totals(StatsTable& table, const std::vector<StatsRate>& rates) {
    table.totals.assign(table.columns.size(), 0);
    for (const auto& row : table.rows)
        for (std::size_t i = 0; i < row.values.size() && i < table.totals.size(); ++i) table.totals[i] += row.values[i];
    for (const auto& rate : rates)
        table.totals.at(rate.column) = permille(table.totals.at(rate.numerator), table.totals.at(rate.denominator));
}

json encode_stats_table(const StatsTable& table) {
    const StatsQuery& q = table.query;
    json body = {{"view", enum_name(q.view)}, {"title", table.title}, {"row_label", table.row_label}};
    if (q.view == StatsView::places) body["by"] = enum_name(q.by);
    if (q.from) body["from"] = format_day(*q.from);
    if (q.to) body["to"] = format_day(*q.to);
    if (q.alliance) body["alliance"] = *q.alliance;
    if (q.city) body["city"] = *q.city;
    if (q.unit) body["unit"] = *q.unit;
    if (q.route) body["route"] = *q.route;
    if (q.category) body["category"] = enum_name(*q.category);
    body["small_below"] = q.small_below;
    json columns = json::array();
    for (const auto& c : table.columns) columns.push_back({{"key", c.key}, {"label", c.label}});
    json rows = json::array();
    for (const auto& r : table.rows) rows.push_back({{"key", r.key}, {"label", r.label}, {"values", r.values}});
    body["columns"] = std::move(columns);
    body["rows"] = std::move(rows);
    body["totals"] = table.totals;
    return body;
}

Result<StatsTable> decode_stats_table(std::string_view body) {
    auto parsed = json::parse(body.begin(), body.end(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return bad_stats_answer();
    // The query the endpoint applied comes back in the same words a URL carries.
    StatsQueryText text{optional_text(parsed, "view"),     optional_text(parsed, "by"),
                        optional_text(parsed, "from"),     optional_text(parsed, "to"),
                        optional_text(parsed, "alliance"), optional_text(parsed, "city"),
                        optional_text(parsed, "unit"),     optional_text(parsed, "route"),
                        optional_text(parsed, "category"), std::nullopt};
    if (const json* small = field(parsed, "small_below"); small && small->is_number_integer())
        text.small_below = std::to_string(small->get<std::int64_t>());
    auto query = parse_stats_query(text);
    if (!query || !text.view) return bad_stats_answer();
    StatsTable table;
    table.query = query.value();
    table.title = optional_text(parsed, "title").value_or("");
    table.row_label = optional_text(parsed, "row_label").value_or("");
    const json* columns = field(parsed, "columns");
    const json* rows = field(parsed, "rows");
    if (!columns || !columns->is_array() || !rows || !rows->is_array()) return bad_stats_answer();
    for (const auto& c : *columns) {
        if (!c.is_object()) return bad_stats_answer();
        auto key = optional_text(c, "key");
        if (!key) return bad_stats_answer();
        table.columns.push_back({*key, optional_text(c, "label").value_or(*key)});
    }
    auto numbers = [&](const json* list, std::vector<std::int64_t>& out) {
        if (!list || !list->is_array() || list->size() != table.columns.size()) return false;
        for (const auto& v : *list) {
            if (!v.is_number_integer()) return false;
            out.push_back(v.get<std::int64_t>());
        }
        return true;
    };
    for (const auto& r : *rows) {
        if (!r.is_object()) return bad_stats_answer();
        StatsRow row;
        auto key = optional_text(r, "key");
        if (!key || !numbers(field(r, "values"), row.values)) return bad_stats_answer();
        row.key = *key;
        row.label = optional_text(r, "label").value_or(*key);
        table.rows.push_back(std::move(row));
    }
    if (!numbers(field(parsed, "totals"), table.totals)) return bad_stats_answer();
    return table;
}

std::string stats_csv(const StatsTable& table, std::string_view total) {
    csv::Writer writer;
    std::vector<std::string> heading{table.row_label.empty() ? std::string("项目") : table.row_label};
    for (const auto& c : table.columns) heading.push_back(c.label);
    writer.row(heading);
    for (const auto& r : table.rows) {
        std::vector<std::string> fields{r.label};
        for (auto v : r.values) fields.push_back(std::to_string(v));
        writer.row(fields);
    }
    std::vector<std::string> totals{std::string(total)};
    for (auto v : table.totals) totals.push_back(std::to_string(v));
    writer.row(totals);
    return writer.take();
}

}  // namespace liaoxiu
