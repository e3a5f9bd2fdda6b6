// What the endpoint's query-string parsers share (audit.cpp's GET /audit, stats.cpp's
// GET /stats): a refusal naming the parameter, an empty value read as no filter, and whole
// numbers read exactly; and the escaping that writes a query.
#pragma once

#include "core/error.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace liaoxiu::query_params {

inline DomainError bad_parameter(const char* name, const std::string& zh_why, const std::string& en_why) {
    return make_error("bad_value", std::string("查询参数 ") + name + " 无效：" + zh_why,
                      std::string("bad query parameter ") + name + ": " + en_why, name);
}

// An empty text is no filter.
inline std::optional<std::string> given(const std::optional<std::string>& text) {
    if (!text || text->empty()) return std::nullopt;
    return text;
}

// Appends `value` percent-escaped for a URL's query: every byte but ASCII letters, digits and
// -_.~ as %XX (UTF-8 bytes each escaped, so Chinese travels as the endpoint and any site reads it).
inline void percent_escape(std::string& out, std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (unsigned char c : value) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '_' || c == '.' || c == '~';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
}

inline std::string percent_escaped(std::string_view value) {
    std::string out;
    percent_escape(out, value);
    return out;
}

inline std::optional<std::int64_t> whole_number(const std::string& text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace liaoxiu::query_params
