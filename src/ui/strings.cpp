#include "ui/strings.hpp"

namespace liaoxiu::ui {

namespace {

struct Entry {
    const char* zh;
    const char* en;
};

// Indexed by Text; keep the order of the enum.
constexpr Entry kTexts[] = {
    {"疗休 · 职工疗休养", "Liaoxiu · Workers' retreats"},
    {"一站式查询，一键式拼团", "Find a route, join a group in one tap"},
    {"正在加载线路…", "Loading routes…"},
    {"线路数据无法读取", "The route catalogue could not be read"},
    {"共 %d 条线路", "%d routes"},
    {"%d天%d晚", "%d days, %d nights"},
    {"补贴后 ¥%s/人", "¥%s per person after subsidy"},
    {"工会补贴 ¥%s", "Union subsidy ¥%s"},
    {"English", "中文"},
    {"暂无线路", "No routes yet"},
};
static_assert(sizeof(kTexts) / sizeof(kTexts[0]) == static_cast<int>(Text::count_), "one entry per Text");

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
