// Internal to the JSON decoders (json_decode.cpp, json_catalogue.cpp, json_references.cpp):
// the machinery that reads a JSON tree into the model without throwing. Not part of the
// public API (that is json.hpp); it lives in a header only because the decoders are split
// across files by responsibility and all share it.
#pragma once

#include "core/json.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace liaoxiu::json_detail {

using nlohmann::json;

// Where a value sits in the document. Built on the stack as decoding descends and
// turned into text ("routes[3].itinerary[1].member") only when a problem is reported,
// so decoding a large catalogue does not build a string per field.
class JsonPath {
public:
    explicit JsonPath(const std::string& root) : root_(&root) {}
    JsonPath(const JsonPath& parent, std::string_view key) : parent_(&parent), key_(key) {}
    JsonPath(const JsonPath& parent, std::size_t index) : parent_(&parent), index_(index), is_index_(true) {}

    std::string str() const;

private:
    const JsonPath* parent_ = nullptr;
    const std::string* root_ = nullptr;
    std::string_view key_;
    std::size_t index_ = 0;
    bool is_index_ = false;
};

// "s", for quoting a value in a message.
std::string in_quotes(std::string_view s);

DomainError decode_error(std::string code, const JsonPath& at, const std::string& zh, const std::string& en);
DomainError wrong_type(const JsonPath& path, const char* want_zh, const char* want_en, const json& found);

// ---- Leaf readers: each returns an error or fills `out` -------------------------

using Problem = std::optional<DomainError>;

Problem read_string(const json& j, const JsonPath& path, std::string& out);
Problem read_string(const json& j, const JsonPath& path, CompactId& out);
Problem read_int64(const json& j, const JsonPath& path, std::int64_t& out);
Problem read_int(const json& j, const JsonPath& path, int& out);
Problem read_day(const json& j, const JsonPath& path, Day& out);
Problem read_instant(const json& j, const JsonPath& path, Instant& out);

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

// Every model type and enum has a read_record (json_decode.cpp, and
// json_catalogue.cpp for Catalogue; lists of them nest, so all are declared here).
Problem read_record(const json& j, const JsonPath& path, Category& v);
Problem read_record(const json& j, const JsonPath& path, MemberStatus& v);
Problem read_record(const json& j, const JsonPath& path, StopKind& v);
Problem read_record(const json& j, const JsonPath& path, Season& v);
Problem read_record(const json& j, const JsonPath& path, GroupState& v);
Problem read_record(const json& j, const JsonPath& path, PlaceState& v);
Problem read_record(const json& j, const JsonPath& path, PublishStatus& v);
Problem read_record(const json& j, const JsonPath& path, Visibility& v);
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

inline Problem read_any(const json& j, const JsonPath& path, std::string& out) { return read_string(j, path, out); }

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

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

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

    // A field that may be absent (or null): then `out` keeps the value it had (its default).
    template <class T>
    void optional_field(std::string_view key, T& out) {
        if (problem_) return;
        auto it = json_.find(key);
        if (it == json_.end() || it->is_null()) return;
        if constexpr (is_vector<T>::value) {
            problem_ = read_list(*it, JsonPath(path_, key), out);
        } else {
            problem_ = read_any(*it, JsonPath(path_, key), out);
        }
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

// The catalogue's ids must be unique per list and its references must resolve
// (json_references.cpp); run after the catalogue is decoded, tree or streamed.
Problem check_references(const Catalogue& c);

// Where the public decode<T> and decode_catalogue start: a whole value at `path`.
template <class T>
Result<T> decode_as(const json& j, const std::string& path) {
    T value{};
    if (auto p = read_record(j, JsonPath(path), value)) return *p;
    return value;
}

}  // namespace liaoxiu::json_detail
