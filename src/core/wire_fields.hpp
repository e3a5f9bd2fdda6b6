// Reading one field of an answer's JSON object, for the wire decoders (wire*.cpp) only. Each
// returns nothing when the field is absent or not of its kind, so a decoder says "bad_answer"
// in one place and never throws.
#pragma once

#include "core/dates.hpp"
#include "core/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace liaoxiu::wire::fields {

inline const nlohmann::json* field(const nlohmann::json& object, const char* name) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(name);
    return found == object.end() ? nullptr : &*found;
}

inline std::optional<std::string> string_field(const nlohmann::json& object, const char* name) {
    const nlohmann::json* value = field(object, name);
    if (!value || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

// An integer within ±1e9 (counts, money in fen, seqs); floats, strings and huge numbers are refused.
inline std::optional<std::int64_t> integer_field(const nlohmann::json& object, const char* name) {
    const nlohmann::json* value = field(object, name);
    if (!value || !value->is_number_integer()) return std::nullopt;
    auto number = value->get<std::int64_t>();
    if (number < -1000000000 || number > 1000000000) return std::nullopt;
    return number;
}

inline std::optional<int> int_field(const nlohmann::json& object, const char* name) {
    auto number = integer_field(object, name);
    if (!number) return std::nullopt;
    return static_cast<int>(*number);
}

// A database row's id: a whole number from 1 to 2^63 − 1.
inline std::optional<std::int64_t> row_id_field(const nlohmann::json& object, const char* name) {
    const nlohmann::json* value = field(object, name);
    if (!value || !value->is_number_integer()) return std::nullopt;
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        return std::nullopt;
    auto number = value->get<std::int64_t>();
    if (number < 1) return std::nullopt;
    return number;
}

inline std::optional<bool> bool_field(const nlohmann::json& object, const char* name) {
    const nlohmann::json* value = field(object, name);
    if (!value || !value->is_boolean()) return std::nullopt;
    return value->get<bool>();
}

inline std::optional<double> number_field(const nlohmann::json& object, const char* name) {
    const nlohmann::json* value = field(object, name);
    if (!value || !value->is_number()) return std::nullopt;
    return value->get<double>();
}

inline std::optional<Instant> instant_field(const nlohmann::json& object, const char* name) {
    auto text = string_field(object, name);
    return text ? parse_instant(*text) : std::nullopt;
}

inline std::optional<Day> day_field(const nlohmann::json& object, const char* name) {
    auto text = string_field(object, name);
    return text ? parse_day(*text) : std::nullopt;
}

}  // namespace liaoxiu::wire::fields
