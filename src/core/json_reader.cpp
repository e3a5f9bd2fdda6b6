// The JSON reading machinery of json_reader.hpp: paths, decode errors and the leaf readers.
// Every read checks the JSON type first, so nothing here throws on bad input (nlohmann's
// get<> would); the first problem found becomes the DomainError.
#include "core/json_reader.hpp"

#include "core/dates.hpp"

#include <limits>

namespace liaoxiu::json_detail {

std::string JsonPath::str() const {
    if (parent_ == nullptr) return root_ != nullptr ? *root_ : std::string();
    std::string out = parent_->str();
    if (is_index_) return out + "[" + std::to_string(index_) + "]";
    return out.empty() ? std::string(key_) : out + "." + std::string(key_);
}

namespace {

std::string shown(const std::string& path) { return path.empty() ? "(document)" : path; }

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

}  // namespace

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

DomainError decode_error(std::string code, const JsonPath& at, const std::string& zh, const std::string& en) {
    std::string path = at.str();
    return DomainError{std::move(code), shown(path) + "：" + zh, shown(path) + ": " + en, std::move(path)};
}

DomainError wrong_type(const JsonPath& path, const char* want_zh, const char* want_en, const json& found) {
    return decode_error("wrong_type", path, std::string("类型错误：应为") + want_zh + "，实为" + type_zh(found.type()),
                        std::string("expected ") + want_en + ", found " + found.type_name());
}

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

}  // namespace liaoxiu::json_detail
