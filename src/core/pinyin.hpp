// Pinyin readings of Chinese characters, and UTF-8 → pinyin spelling, for search.
//
// Readings come from Unihan (Debian's unicode-data), turned into a compact table at
// build time by tools/pinyin/gen_pinyin_table.py; see that script for which reading a
// character gets (kMandarin's first, i.e. most common, reading: 衢 → "qu").
// Spelling is tone-less and lower case; ü is written "v" (as pinyin IMEs type it:
// 绿 → "lv").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// ---- UTF-8 ------------------------------------------------------------------------

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

struct DecodedCodepoint {
    char32_t codepoint = 0;
    std::size_t length = 0;  // bytes consumed, ≥ 1 whenever pos < text.size()
};

// Decodes the codepoint starting at byte `pos` (< text.size()). Malformed input
// (stray continuation byte, truncated or overlong sequence, surrogate, > U+10FFFF)
// yields U+FFFD and consumes exactly one byte, so a loop always makes progress.
DecodedCodepoint decode_utf8(std::string_view text, std::size_t pos);

void append_utf8(std::string& out, char32_t codepoint);

// Folds what a user may type in another width or case onto one form: full-width
// ASCII (U+FF01–FF5E, as IMEs produce) onto ASCII, the ideographic space onto
// ' ', and A–Z onto a–z. Other codepoints are returned unchanged.
char32_t fold_width_and_case(char32_t codepoint);

// ---- Pinyin -----------------------------------------------------------------------

// The tone-less reading of a character ("qu" for 衢), or empty when it has none
// (ASCII, punctuation, kana, unassigned codepoints...). The view points into static
// storage.
std::string_view pinyin_of(char32_t codepoint);

// A text spelled out in pinyin, syllable by syllable.
//   - A character with a reading is one syllable.
//   - A run of ASCII letters/digits is one "syllable", lower-cased ("SPA" → "spa");
//     full-width forms (Ａ, １) count as their ASCII twins.
//   - Everything else (spaces, punctuation, characters without a reading) is left out.
// "江郎山" → full "jianglangshan", initials "jls", syllable_starts {0, 5, 9}.
struct PinyinSpelling {
    std::string full;
    std::string initials;                        // first letter of each syllable
    std::vector<std::uint32_t> syllable_starts;  // byte offset in `full` of each syllable
};

PinyinSpelling spell_pinyin(std::string_view utf8);

std::string to_pinyin(std::string_view utf8);           // "江郎山" → "jianglangshan"
std::string to_pinyin_initials(std::string_view utf8);  // "江郎山" → "jls"

// Size in bytes of the generated table linked into the program (for the benchmark).
std::size_t pinyin_table_bytes();
// How many codepoints have a reading.
std::size_t pinyin_codepoint_count();

}  // namespace liaoxiu
