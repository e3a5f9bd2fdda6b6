// What the endpoint's query-string parsers share (audit.cpp's GET /audit, stats.cpp's
// GET /stats): a refusal naming the parameter, an empty value read as no filter, and whole
// numbers read exactly.
#pragma once

#include "core/error.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

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

inline std::optional<std::int64_t> whole_number(const std::string& text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace liaoxiu::query_params
