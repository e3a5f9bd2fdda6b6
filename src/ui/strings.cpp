#include "ui/strings.hpp"

#include <algorithm>

namespace liaoxiu::ui {

namespace {

struct Entry {
    const char* zh;
    const char* en;
};

constexpr Entry kTexts[] = {
#define LIAOXIU_TEXT_ENTRY(name, zh, en) {zh, en},
    LIAOXIU_TEXTS(LIAOXIU_TEXT_ENTRY)
#undef LIAOXIU_TEXT_ENTRY
};
static_assert(sizeof(kTexts) / sizeof(kTexts[0]) == static_cast<int>(Text::count_), "one entry per Text");

// Every entry's two languages take the same printf arguments; a mismatch names its entry.
#define LIAOXIU_TEXT_FORMATS_AGREE(name, zh, en) \
    static_assert(same_printf_conversions(zh, en), "zh and en of Text::" #name " take different printf arguments");
LIAOXIU_TEXTS(LIAOXIU_TEXT_FORMATS_AGREE)
#undef LIAOXIU_TEXT_FORMATS_AGREE

const char* g_flat[2 * static_cast<int>(Text::count_)];

}  // namespace

const char* text(Text id, Language language) {
    const Entry& entry = kTexts[static_cast<int>(id)];
    return language == Language::zh ? entry.zh : entry.en;
}

std::string english_plurals(std::string text) {
    std::string out;
    out.reserve(text.size());
    long last_number = -1;  // the number last written, -1 when none
    bool in_number = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{') {
            const std::size_t close = text.find('}', i);
            if (close != std::string::npos) {
                const std::string inside = text.substr(i + 1, close - i - 1);
                const std::size_t bar = inside.find('|');
                const bool one = last_number == 1;
                if (bar == std::string::npos) {
                    if (!one) out += inside;
                } else {
                    out += one ? inside.substr(0, bar) : inside.substr(bar + 1);
                }
                i = close;
                in_number = false;
                continue;
            }
        }
        if (c >= '0' && c <= '9') {
            last_number = in_number ? std::min(last_number * 10 + (c - '0'), 1000000L) : c - '0';
            in_number = true;
        } else {
            // "1.5 days" and "1,200 routes" are plural: a number that goes on is not 1.
            if (in_number && (c == '.' || c == ',') && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9')
                last_number = 2;
            in_number = false;
        }
        out += c;
    }
    return out;
}

const char* const* all_texts(int* count) {
    for (int i = 0; i < static_cast<int>(Text::count_); ++i) {
        g_flat[2 * i] = kTexts[i].zh;
        g_flat[2 * i + 1] = kTexts[i].en;
    }
    *count = 2 * static_cast<int>(Text::count_);
    return g_flat;
}

}  // namespace liaoxiu::ui
