#include "ui/format.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace liaoxiu::ui {

std::string format_yuan(Fen fen) {
    const bool negative = fen < 0;
    const Fen magnitude = negative ? -fen : fen;
    std::string digits = std::to_string(magnitude / 100);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    if (const Fen cents = magnitude % 100; cents != 0) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, ".%02d", static_cast<int>(cents));
        grouped += buffer;
    }
    return negative ? "-" + grouped : grouped;
}

std::optional<Fen> parse_yuan(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view part = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || part.size() > 2 || (dot != std::string_view::npos && part.empty())) return std::nullopt;
    Fen yuan = 0;
    auto [end, error] = std::from_chars(whole.data(), whole.data() + whole.size(), yuan);
    if (error != std::errc() || end != whole.data() + whole.size() || yuan < 0 || yuan > 100'000'000) return std::nullopt;
    Fen fen = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        const char c = i < part.size() ? part[i] : '0';
        if (c < '0' || c > '9') return std::nullopt;
        fen = fen * 10 + (c - '0');
    }
    return yuan * 100 + fen;
}

std::string yuan_field_text(Fen fen) {
    std::string text = std::to_string(fen / 100);
    if (const Fen cents = fen % 100; cents != 0) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, ".%02d", static_cast<int>(cents < 0 ? -cents : cents));
        text += buffer;
    }
    return text;
}

}  // namespace liaoxiu::ui
