// JSON → model. Every read checks the JSON type first, so nothing here throws on bad
// input (nlohmann's get<> would); the first problem found becomes the DomainError.
#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/json_stream.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <type_traits>
#include <unordered_set>

namespace liaoxiu {
namespace {

using nlohmann::json;

// Where a value sits in the document. Built on the stack as decoding descends and
// turned into text ("routes[3].itinerary[1].member") only when a problem is reported,
// so decoding a large catalogue does not build a string per field.
class JsonPath {
public:
    explicit JsonPath(const std::string& root) : root_(&root) {}
    JsonPath(const JsonPath& parent, std::string_view key) : parent_(&parent), key_(key) {}
    JsonPath(const JsonPath& parent, std::size_t index) : parent_(&parent), index_(index), is_index_(true) {}

    std::string str() const {
        if (parent_ == nullptr) return root_ != nullptr ? *root_ : std::string();
        std::string out = parent_->str();
        if (is_index_) return out + "[" + std::to_string(index_) + "]";
        return out.empty() ? std::string(key_) : out + "." + std::string(key_);
    }

private:
    const JsonPath* parent_ = nullptr;
    const std::string* root_ = nullptr;
    std::string_view key_;
    std::size_t index_ = 0;
    bool is_index_ = false;
};

// Text paths for the catalogue-wide checks, which report after decoding.
std::string child(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string element(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string shown(const std::string& path) { return path.empty() ? "(document)" : path; }

DomainError decode_error(std::string code, const JsonPath& at, const std::string& zh, const std::string& en) {
    std::string path = at.str();
    return DomainError{std::move(code), shown(path) + "：" + zh, shown(path) + ": " + en, std::move(path)};
}

const char* type_zh(json::value_t type) {
    switch (type) {
        case json::value_t::null: return "空值";
        case json::value_t::object: return "对象";
        case json::value_t::array: return "数组";
        case json::value_t::string: return "字符串";
        case json::value_t::boolean: return "布尔值";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "整数";
        case json::value_t::number_float: return "小数";
        default: return "其他";
    }
}

DomainError wrong_type(const JsonPath& path, const char* want_zh, const char* want_en, const json& found) {
    return decode_error("wrong_type", path, std::string("类型错误：应为") + want_zh + "，实为" + type_zh(found.type()),
                        std::string("expected ") + want_en + ", found " + found.type_name());
}

// ---- Leaf readers: each returns an error or fills `out` -------------------------

using Problem = std::optional<DomainError>;

Problem read_string(const json& j, const JsonPath& path, std::string& out) {
    if (!j.is_string()) return wrong_type(path, "字符串", "a string", j);
    out = j.get_ref<const std::string&>();
    return std::nullopt;
}

Problem read_string(const json& j, const JsonPath& path, CompactId& out) {
    if (!j.is_string()) return wrong_type(path, "字符串", "a string", j);
    out = j.get_ref<const std::string&>();
    return std::nullopt;
}

Problem read_int64(const json& j, const JsonPath& path, std::int64_t& out) {
    if (j.is_number_unsigned()) {
        const auto v = j.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return decode_error("bad_value", path, "数值过大", "number out of range");
        out = static_cast<std::int64_t>(v);
        return std::nullopt;
    }
    if (!j.is_number_integer()) return wrong_type(path, "整数", "an integer", j);
    out = j.get<std::int64_t>();
    return std::nullopt;
}

Problem read_int(const json& j, const JsonPath& path, int& out) {
    std::int64_t wide = 0;
    if (auto p = read_int64(j, path, wide)) return p;
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
        return decode_error("bad_value", path, "数值超出范围", "number out of range");
    out = static_cast<int>(wide);
    return std::nullopt;
}

Problem read_day(const json& j, const JsonPath& path, Day& out) {
    if (!j.is_string()) return wrong_type(path, "日期字符串", "a date string (YYYY-MM-DD)", j);
    const auto& text = j.get_ref<const std::string&>();
    auto day = parse_day(text);
    if (!day)
        return decode_error("bad_value", path, in_quotes(text) + " 不是有效日期（应为 YYYY-MM-DD）",
                            in_quotes(text) + " is not a date (YYYY-MM-DD)");
    out = *day;
    return std::nullopt;
}

Problem read_instant(const json& j, const JsonPath& path, Instant& out) {
    if (!j.is_string()) return wrong_type(path, "时间字符串", "an ISO 8601 time string", j);
    const auto& text = j.get_ref<const std::string&>();
    auto instant = parse_instant(text);
    if (!instant)
        return decode_error("bad_value", path, in_quotes(text) + " 不是有效时间（应为 ISO 8601，如 2026-12-01T10:00:00Z）",
                            in_quotes(text) + " is not an ISO 8601 time (e.g. 2026-12-01T10:00:00Z)");
    out = *instant;
    return std::nullopt;
}

template <class Enum>
Problem read_enum(const json& j, const JsonPath& path, Enum& out, std::optional<Enum> (*parse)(std::string_view),
                  const char* what_zh, const char* what_en) {
    if (!j.is_string()) return wrong_type(path, "字符串", "a string", j);
    const auto& text = j.get_ref<const std::string&>();
    auto value = parse(text);
    if (!value)
        return decode_error("bad_value", path, std::string("未知的") + what_zh + " " + in_quotes(text),
                            std::string("unknown ") + what_en + " " + in_quotes(text));
    out = *value;
    return std::nullopt;
}

// Every model type and enum has a read_record (defined below; lists of them nest).
Problem read_record(const json& j, const JsonPath& path, Category& v);
Problem read_record(const json& j, const JsonPath& path, MemberStatus& v);
Problem read_record(const json& j, const JsonPath& path, StopKind& v);
Problem read_record(const json& j, const JsonPath& path, Season& v);
Problem read_record(const json& j, const JsonPath& path, GroupState& v);
Problem read_record(const json& j, const JsonPath& path, PlaceState& v);
Problem read_record(const json& j, const JsonPath& path, Service& v);
Problem read_record(const json& j, const JsonPath& path, Member& v);
Problem read_record(const json& j, const JsonPath& path, Stop& v);
Problem read_record(const json& j, const JsonPath& path, ItineraryDay& v);
Problem read_record(const json& j, const JsonPath& path, Route& v);
Problem read_record(const json& j, const JsonPath& path, Policy& v);
Problem read_record(const json& j, const JsonPath& path, Alliance& v);
Problem read_record(const json& j, const JsonPath& path, Unit& v);
Problem read_record(const json& j, const JsonPath& path, Place& v);
Problem read_record(const json& j, const JsonPath& path, GroupTrip& v);
Problem read_record(const json& j, const JsonPath& path, Worker& v);
Problem read_record(const json& j, const JsonPath& path, GroupDraft& v);
Problem read_record(const json& j, const JsonPath& path, Catalogue& v);

Problem read_any(const json& j, const JsonPath& path, std::string& out) { return read_string(j, path, out); }

template <class T>
Problem read_any(const json& j, const JsonPath& path, T& out) {
    return read_record(j, path, out);
}

template <class T>
Problem read_list(const json& j, const JsonPath& path, std::vector<T>& out) {
    if (!j.is_array()) return wrong_type(path, "数组", "an array", j);
    out.clear();
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
        T item{};
        if (auto p = read_any(j[i], JsonPath(path, i), item)) return p;
        out.push_back(std::move(item));
    }
    return std::nullopt;
}

// Reads the fields of one JSON object in order, keeping the first problem. After a
// problem every further read is skipped, so callers can read all fields and check once.
class ObjectReader {
public:
    ObjectReader(const json& j, const JsonPath& path) : json_(j), path_(path) {
        if (!j.is_object()) problem_ = wrong_type(path, "对象", "an object", j);
    }

    const Problem& problem() const { return problem_; }

    void text(std::string_view key, std::string& out) { required(key, [&](const json& v, const JsonPath& p) { return read_string(v, p, out); }); }
    void text(std::string_view key, CompactId& out) { required(key, [&](const json& v, const JsonPath& p) { return read_string(v, p, out); }); }
    void integer(std::string_view key, int& out) { required(key, [&](const json& v, const JsonPath& p) { return read_int(v, p, out); }); }
    void integer(std::string_view key, std::int64_t& out) { required(key, [&](const json& v, const JsonPath& p) { return read_int64(v, p, out); }); }
    void day(std::string_view key, Day& out) { required(key, [&](const json& v, const JsonPath& p) { return read_day(v, p, out); }); }
    void instant(std::string_view key, Instant& out) { required(key, [&](const json& v, const JsonPath& p) { return read_instant(v, p, out); }); }

    void optional_integer(std::string_view key, std::optional<int>& out) {
        optional(key, out, [](const json& v, const JsonPath& p, int& o) { return read_int(v, p, o); });
    }
    void optional_day(std::string_view key, std::optional<Day>& out) {
        optional(key, out, [](const json& v, const JsonPath& p, Day& o) { return read_day(v, p, o); });
    }
    void optional_instant(std::string_view key, std::optional<Instant>& out) {
        optional(key, out, [](const json& v, const JsonPath& p, Instant& o) { return read_instant(v, p, o); });
    }

    template <class Enum>
    void enumeration(std::string_view key, Enum& out, std::optional<Enum> (*parse)(std::string_view),
                     const char* what_zh, const char* what_en) {
        required(key, [&](const json& v, const JsonPath& p) { return read_enum(v, p, out, parse, what_zh, what_en); });
    }

    template <class T>
    void list(std::string_view key, std::vector<T>& out) {
        required(key, [&](const json& v, const JsonPath& p) { return read_list(v, p, out); });
    }

    // A required field read by `read(value, path) -> Problem`.
    template <class Read>
    void field(std::string_view key, Read&& read) {
        required(key, std::forward<Read>(read));
    }

private:
    template <class Read>
    void required(std::string_view key, Read&& read) {
        if (problem_) return;
        const JsonPath path(path_, key);
        auto it = json_.find(key);
        if (it == json_.end()) {
            problem_ = decode_error("missing_field", path, "缺少字段", "missing field");
            return;
        }
        problem_ = read(*it, path);
    }

    // Absent and null both mean "no value".
    template <class T, class Read>
    void optional(std::string_view key, std::optional<T>& out, Read&& read) {
        if (problem_) return;
        auto it = json_.find(key);
        if (it == json_.end() || it->is_null()) {
            out.reset();
            return;
        }
        T value{};
        problem_ = read(*it, JsonPath(path_, key), value);
        if (!problem_) out = value;
    }

    const json& json_;
    const JsonPath& path_;
    Problem problem_;
};

// ---- Records ------------------------------------------------------------------------

Problem read_record(const json& j, const JsonPath& path, Category& v) {
    return read_enum(j, path, v, parse_category, "成员类别", "category");
}

Problem read_record(const json& j, const JsonPath& path, MemberStatus& v) {
    return read_enum(j, path, v, parse_member_status, "成员状态", "member status");
}

Problem read_record(const json& j, const JsonPath& path, StopKind& v) {
    return read_enum(j, path, v, parse_stop_kind, "行程类型", "stop kind");
}

Problem read_record(const json& j, const JsonPath& path, Season& v) {
    return read_enum(j, path, v, parse_season, "季节", "season");
}

Problem read_record(const json& j, const JsonPath& path, GroupState& v) {
    return read_enum(j, path, v, parse_group_state, "拼团状态", "group state");
}

Problem read_record(const json& j, const JsonPath& path, PlaceState& v) {
    return read_enum(j, path, v, parse_place_state, "名额状态", "place state");
}

Problem read_record(const json& j, const JsonPath& path, Service& v) {
    ObjectReader r(j, path);
    r.text("name", v.name);
    r.integer("price", v.price);
    r.text("unit", v.unit);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Member& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("alliance", v.alliance);
    r.enumeration("category", v.category, parse_category, "成员类别", "category");
    r.text("name", v.name);
    r.text("city", v.city);
    r.text("county", v.county);
    r.text("address", v.address);
    r.text("phone", v.phone);
    r.list("services", v.services);
    r.enumeration("status", v.status, parse_member_status, "成员状态", "member status");
    r.day("admitted", v.admitted);
    r.optional_day("status_since", v.status_since);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Stop& v) {
    ObjectReader r(j, path);
    r.enumeration("kind", v.kind, parse_stop_kind, "行程类型", "stop kind");
    r.text("member", v.member);
    r.text("note", v.note);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, ItineraryDay& v) {
    ObjectReader r(j, path);
    r.integer("day", v.day);
    r.text("title", v.title);
    r.list("stops", v.stops);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Route& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("alliance", v.alliance);
    r.text("title", v.title);
    r.text("summary", v.summary);
    r.list("themes", v.themes);
    r.list("seasons", v.seasons);
    r.text("region", v.region);
    r.list("cities", v.cities);
    r.integer("days", v.days);
    r.integer("nights", v.nights);
    r.integer("price", v.price);
    r.integer("subsidy", v.subsidy);
    r.list("itinerary", v.itinerary);
    r.list("highlights", v.highlights);
    r.list("service_notes", v.service_notes);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Policy& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("title", v.title);
    r.text("body", v.body);
    r.text("issuer", v.issuer);
    r.day("date", v.date);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Alliance& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("name", v.name);
    r.text("region", v.region);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Unit& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("name", v.name);
    r.text("city", v.city);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Place& v) {
    ObjectReader r(j, path);
    r.text("worker", v.worker);
    r.text("unit", v.unit);
    r.enumeration("state", v.state, parse_place_state, "名额状态", "place state");
    r.integer("seq", v.seq);
    r.instant("since", v.since);
    r.optional_instant("offer_expires", v.offer_expires);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, GroupTrip& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("route", v.route);
    r.text("organizer_unit", v.organizer_unit);
    r.day("departure", v.departure);
    r.integer("min_size", v.min_size);
    r.integer("max_size", v.max_size);
    r.instant("join_deadline", v.join_deadline);
    r.optional_integer("per_unit_cap", v.per_unit_cap);
    r.enumeration("state", v.state, parse_group_state, "拼团状态", "group state");
    r.text("cancel_reason", v.cancel_reason);
    r.instant("created", v.created);
    r.list("places", v.places);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Worker& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("unit", v.unit);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, GroupDraft& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("route", v.route);
    r.text("organizer_unit", v.organizer_unit);
    r.day("departure", v.departure);
    r.integer("min_size", v.min_size);
    r.integer("max_size", v.max_size);
    r.instant("join_deadline", v.join_deadline);
    r.optional_integer("per_unit_cap", v.per_unit_cap);
    return r.problem();
}

// The catalogue's fields in order; `read_list(reader, key, vector)` reads each list
// (from the tree, or by reporting what streaming its elements found: parse_catalogue).
template <class ReadList>
Problem read_catalogue(const json& j, const JsonPath& path, Catalogue& v, ReadList&& read_list) {
    ObjectReader r(j, path);
    r.integer("format_version", v.format_version);
    if (!r.problem()) {
        const std::string version_path = JsonPath(path, "format_version").str();
        if (v.format_version > kFormatVersion)
            return DomainError{"unsupported_format_version",
                               version_path + "：数据格式版本 " + std::to_string(v.format_version) +
                                   " 比本程序支持的 " + std::to_string(kFormatVersion) + " 新，请更新应用",
                               version_path + ": format version " + std::to_string(v.format_version) +
                                   " is newer than the supported " + std::to_string(kFormatVersion) +
                                   "; please update the app",
                               version_path};
        if (v.format_version < 1)
            return decode_error("bad_value", JsonPath(path, "format_version"), "数据格式版本无效", "invalid format version");
    }
    r.integer("version", v.version);
    r.optional_instant("dates_as_of", v.dates_as_of);
    read_list(r, "alliances", v.alliances);
    read_list(r, "members", v.members);
    read_list(r, "routes", v.routes);
    read_list(r, "policies", v.policies);
    read_list(r, "units", v.units);
    read_list(r, "groups", v.groups);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Catalogue& v) {
    return read_catalogue(j, path, v, [](ObjectReader& r, std::string_view key, auto& list) { r.list(key, list); });
}

// Decodes each element of a catalogue's lists as the parser completes it, keeping the
// first problem per list; after a list's first problem its later elements are skipped.
class CatalogueListDecoder final : public RootArrayVisitor {
public:
    static const std::vector<std::string_view>& keys() {
        static const std::vector<std::string_view> names{"alliances", "members", "routes", "policies", "units", "groups"};
        return names;
    }

    explicit CatalogueListDecoder(Catalogue& catalogue) : catalogue_(catalogue) {}

    void begin(std::string_view key) override {
        visit(key, [&](auto& list) { list.clear(); });
        problems_[slot(key)].reset();
    }

    void element(std::string_view key, std::size_t index, json& element) override {
        Problem& problem = problems_[slot(key)];
        if (problem) return;
        const JsonPath root(root_path_);
        const JsonPath list_path(root, key);
        const JsonPath at(list_path, index);
        visit(key, [&](auto& list) {
            typename std::decay_t<decltype(list)>::value_type item{};
            problem = read_record(element, at, item);
            if (!problem) list.push_back(std::move(item));
        });
    }

    const Problem& problem(std::string_view key) const { return problems_[slot(key)]; }

    // Lists grew one element at a time (their length is unknown until they end).
    void shrink_to_fit() {
        for (std::string_view key : keys()) visit(key, [](auto& list) { list.shrink_to_fit(); });
    }

private:
    static std::size_t slot(std::string_view key) {
        const auto& names = keys();
        return static_cast<std::size_t>(std::find(names.begin(), names.end(), key) - names.begin());
    }

    template <class Apply>
    void visit(std::string_view key, Apply&& apply) {
        switch (slot(key)) {
            case 0: apply(catalogue_.alliances); break;
            case 1: apply(catalogue_.members); break;
            case 2: apply(catalogue_.routes); break;
            case 3: apply(catalogue_.policies); break;
            case 4: apply(catalogue_.units); break;
            case 5: apply(catalogue_.groups); break;
            default: break;
        }
    }

    Catalogue& catalogue_;
    const std::string root_path_;
    std::array<Problem, 7> problems_;  // one per list, and a spare slot for an unknown key
};

template <class T>
Result<T> decode_as(const json& j, const std::string& path) {
    T value{};
    if (auto p = read_record(j, JsonPath(path), value)) return *p;
    return value;
}

// ---- Catalogue-wide checks: unique ids, resolvable references --------------------

template <class Record>
Problem unique_ids(const std::vector<Record>& records, const char* list, const char* kind_zh,
                   std::unordered_set<std::string_view>& ids) {
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!ids.insert(records[i].id).second) {
            const std::string path = child(element(list, i), "id");
            return DomainError{"duplicate_id", path + "：" + kind_zh + "编号 " + in_quotes(records[i].id) + " 重复",
                               path + ": duplicate id " + in_quotes(records[i].id), path};
        }
    }
    return std::nullopt;
}

// `where` spells the path only when the reference is unknown: a large catalogue
// has hundreds of thousands of references and all but the wrong ones are quiet.
template <class Where>
Problem known(const std::unordered_set<std::string_view>& ids, std::string_view ref, Where&& where,
              const char* kind_zh, const char* kind_en) {
    if (ids.count(ref)) return std::nullopt;
    const std::string path = where();
    return DomainError{"unknown_reference", path + "：未知的" + kind_zh + "编号 " + in_quotes(ref),
                       path + ": unknown " + kind_en + " id " + in_quotes(ref), path};
}

Problem check_references(const Catalogue& c) {
    std::unordered_set<std::string_view> alliances, members, routes, policies, units, groups;
    if (auto p = unique_ids(c.alliances, "alliances", "联盟", alliances)) return p;
    if (auto p = unique_ids(c.members, "members", "成员单位", members)) return p;
    if (auto p = unique_ids(c.routes, "routes", "线路", routes)) return p;
    if (auto p = unique_ids(c.policies, "policies", "政策", policies)) return p;
    if (auto p = unique_ids(c.units, "units", "单位", units)) return p;
    if (auto p = unique_ids(c.groups, "groups", "拼团", groups)) return p;

    for (std::size_t i = 0; i < c.members.size(); ++i)
        if (auto p = known(alliances, c.members[i].alliance, [&] { return child(element("members", i), "alliance"); }, "联盟", "alliance"))
            return p;
    for (std::size_t i = 0; i < c.routes.size(); ++i) {
        const Route& route = c.routes[i];
        const auto path = [&] { return element("routes", i); };
        if (auto p = known(alliances, route.alliance, [&] { return child(path(), "alliance"); }, "联盟", "alliance")) return p;
        for (std::size_t d = 0; d < route.itinerary.size(); ++d) {
            const auto& stops = route.itinerary[d].stops;
            for (std::size_t s = 0; s < stops.size(); ++s) {
                const auto stop_path = [&] {
                    return child(element(child(element(child(path(), "itinerary"), d), "stops"), s), "member");
                };
                if (auto p = known(members, stops[s].member, stop_path, "成员单位", "member")) return p;
            }
        }
    }
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
        const GroupTrip& trip = c.groups[g];
        const auto path = [&] { return element("groups", g); };
        if (auto p = known(routes, trip.route, [&] { return child(path(), "route"); }, "线路", "route")) return p;
        if (auto p = known(units, trip.organizer_unit, [&] { return child(path(), "organizer_unit"); }, "单位", "unit"))
            return p;
        for (std::size_t i = 0; i < trip.places.size(); ++i) {
            const auto place_path = [&] { return child(element(child(path(), "places"), i), "unit"); };
            if (auto p = known(units, trip.places[i].unit, place_path, "单位", "unit")) return p;
        }
    }
    return std::nullopt;
}


}  // namespace

// ---- decode<T> ----------------------------------------------------------------------

template <> Result<Category> decode<Category>(const json& j, const std::string& path) { return decode_as<Category>(j, path); }
template <> Result<MemberStatus> decode<MemberStatus>(const json& j, const std::string& path) { return decode_as<MemberStatus>(j, path); }
template <> Result<StopKind> decode<StopKind>(const json& j, const std::string& path) { return decode_as<StopKind>(j, path); }
template <> Result<Season> decode<Season>(const json& j, const std::string& path) { return decode_as<Season>(j, path); }
template <> Result<GroupState> decode<GroupState>(const json& j, const std::string& path) { return decode_as<GroupState>(j, path); }
template <> Result<PlaceState> decode<PlaceState>(const json& j, const std::string& path) { return decode_as<PlaceState>(j, path); }
template <> Result<Service> decode<Service>(const json& j, const std::string& path) { return decode_as<Service>(j, path); }
template <> Result<Member> decode<Member>(const json& j, const std::string& path) { return decode_as<Member>(j, path); }
template <> Result<Stop> decode<Stop>(const json& j, const std::string& path) { return decode_as<Stop>(j, path); }
template <> Result<ItineraryDay> decode<ItineraryDay>(const json& j, const std::string& path) { return decode_as<ItineraryDay>(j, path); }
template <> Result<Route> decode<Route>(const json& j, const std::string& path) { return decode_as<Route>(j, path); }
template <> Result<Policy> decode<Policy>(const json& j, const std::string& path) { return decode_as<Policy>(j, path); }
template <> Result<Alliance> decode<Alliance>(const json& j, const std::string& path) { return decode_as<Alliance>(j, path); }
template <> Result<Unit> decode<Unit>(const json& j, const std::string& path) { return decode_as<Unit>(j, path); }
template <> Result<Place> decode<Place>(const json& j, const std::string& path) { return decode_as<Place>(j, path); }
template <> Result<GroupTrip> decode<GroupTrip>(const json& j, const std::string& path) { return decode_as<GroupTrip>(j, path); }
template <> Result<Worker> decode<Worker>(const json& j, const std::string& path) { return decode_as<Worker>(j, path); }
template <> Result<GroupDraft> decode<GroupDraft>(const json& j, const std::string& path) { return decode_as<GroupDraft>(j, path); }
template <> Result<Catalogue> decode<Catalogue>(const json& j, const std::string& path) { return decode_as<Catalogue>(j, path); }














Result<Catalogue> decode_catalogue(const json& j) {
    Result<Catalogue> decoded = decode_as<Catalogue>(j, "");
    if (!decoded) return decoded;
    if (auto p = check_references(decoded.value())) return *p;
    return decoded;
}

Result<Catalogue> parse_catalogue(std::string_view text) {
    StringSource source(text);
    return parse_catalogue(source);
}

Result<Catalogue> parse_catalogue(TextSource& text) {
    // Streamed: one list element's tree at a time, never the whole document's.
    Catalogue catalogue;
    CatalogueListDecoder lists(catalogue);
    json head;
    if (auto syntax = stream_root_arrays(text, CatalogueListDecoder::keys(), lists, head)) {
        const std::string at = std::to_string(syntax->position);
        if (syntax->nul_byte)
            return DomainError{"bad_json", "不是有效的 JSON（第 " + at + " 字节为空字符）",
                               "not valid JSON: a NUL byte at offset " + at, ""};
        return DomainError{"bad_json", "不是有效的 JSON（第 " + at + " 字节附近）", "not valid JSON: " + syntax->message,
                           ""};
    }
    const std::string root;
    auto streamed = [&](ObjectReader& r, std::string_view key, auto&) {
        r.field(key, [&](const json& value, const JsonPath& at) -> Problem {
            if (!value.is_array()) return wrong_type(at, "数组", "an array", value);
            return lists.problem(key);
        });
    };
    if (auto p = read_catalogue(head, JsonPath(root), catalogue, streamed)) return *p;
    if (auto p = check_references(catalogue)) return *p;
    lists.shrink_to_fit();
    return catalogue;
}

}  // namespace liaoxiu
