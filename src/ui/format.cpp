#include "ui/format.hpp"

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

}  // namespace liaoxiu::ui
