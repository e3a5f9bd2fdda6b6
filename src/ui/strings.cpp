#include "ui/strings.hpp"

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

const char* const* all_texts(int* count) {
    for (int i = 0; i < static_cast<int>(Text::count_); ++i) {
        g_flat[2 * i] = kTexts[i].zh;
        g_flat[2 * i + 1] = kTexts[i].en;
    }
    *count = 2 * static_cast<int>(Text::count_);
    return g_flat;
}

}  // namespace liaoxiu::ui
