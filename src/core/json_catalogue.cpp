// The catalogue: its top-level fields, read from a tree (decode_catalogue) or streamed one
// list element at a time (parse_catalogue), then checked as a whole (json_references.cpp).
#include "core/catalogue_readings.hpp"
#include "core/json.hpp"
#include "core/json_reader.hpp"
#include "core/json_stream.hpp"
#include "core/pinyin.hpp"

#include <algorithm>
#include <array>
#include <type_traits>

namespace liaoxiu {
namespace json_detail {

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
    // Readings only add detail: learned when well formed, otherwise ignored.
    if (j.is_object()) {
        if (const auto readings = j.find("readings"); readings != j.end() && readings->is_string())
            learn_readings_text(readings->get_ref<const std::string&>());
    }
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Catalogue& v) {
    return read_catalogue(j, path, v, [](ObjectReader& r, std::string_view key, auto& list) { r.list(key, list); });
}

namespace {

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

}  // namespace

}  // namespace json_detail

using namespace json_detail;

void add_catalogue_text(ReadingsCollector& collector, const Catalogue& c) {
    auto add = [&](const auto& list) {
        for (const auto& item : list) collector.add_text(json(item).dump(-1, ' ', false, json::error_handler_t::replace));
    };
    add(c.alliances);
    add(c.members);
    add(c.routes);
    add(c.units);
}

std::string catalogue_readings(const Catalogue& c) {
    ReadingsCollector collector;
    add_catalogue_text(collector, c);
    return collector.readings_text();
}

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
