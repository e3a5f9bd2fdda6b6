// No built-in pinyin readings (library liaoxiu_pinyin_none, linked by the web build): the
// catalogue brings the readings of the characters it uses (learn_pinyin_readings), so the
// program does not carry the Unihan table.
#include "core/pinyin.hpp"

namespace liaoxiu {

PinyinReadings builtin_pinyin_readings_of(char32_t) { return {}; }

std::size_t pinyin_table_bytes() { return 0; }

std::size_t pinyin_codepoint_count() { return 0; }

}  // namespace liaoxiu
