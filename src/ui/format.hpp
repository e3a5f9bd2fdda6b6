// Small presentation helpers shared by the screens.
#pragma once

#include "core/model.hpp"

#include <string>

namespace liaoxiu::ui {

// 128000 fen → "1,280"; 12345 fen → "123.45". Money is fen everywhere; only here does it become yuan.
std::string format_yuan(Fen fen);

}  // namespace liaoxiu::ui
