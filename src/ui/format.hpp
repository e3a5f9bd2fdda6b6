// Small presentation helpers shared by the screens.
#pragma once

#include "core/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace liaoxiu::ui {

// 128000 fen → "1,280"; 12345 fen → "123.45". Money is fen everywhere; only here does it become yuan.
std::string format_yuan(Fen fen);

// An amount in yuan as a form takes it: "320", "320.5", "320.50" (spaces around it ignored; at
// most two decimals; up to ¥100,000,000) → fen; nothing for anything else.
std::optional<Fen> parse_yuan(std::string_view text);
// Fen as a form shows it for editing, which parse_yuan reads back: "1280", "1280.50".
std::string yuan_field_text(Fen fen);

}  // namespace liaoxiu::ui
