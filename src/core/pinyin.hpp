// Pinyin readings of Chinese characters, and UTF-8 → pinyin spelling, for search.
//
// Readings come from Unihan (Debian's unicode-data), turned into a compact table at
// build time by tools/pinyin/gen_pinyin_table.py; see that script for which readings a
// character gets (all of today's standard ones, kMandarin's first: 重 → "zhong", "chong").
// The web build links no table: the catalogue brings the readings of its characters.
// Spelling is tone-less and lower case; ü is written "v" (as pinyin IMEs type it:
// 绿 → "lv").
#pragma once

#include <array>
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

inline constexpr std::size_t kMaxReadings = 6;  // of one character (Unihan's most is 4)

// A character's tone-less readings, the most common first ("zhong", "chong" for 重).
struct PinyinReadings {
    std::array<std::string_view, kMaxReadings> reading{};
    std::size_t count = 0;

    bool empty() const { return count == 0; }
    std::size_t size() const { return count; }
    std::string_view front() const { return reading[0]; }
    const std::string_view* begin() const { return reading.data(); }
    const std::string_view* end() const { return reading.data() + count; }
    void add(std::string_view r) {
        if (count < kMaxReadings && !r.empty()) reading[count++] = r;
    }
};

// Every reading of a character (empty for ASCII, punctuation, kana...): the built-in
// table's when the program links one, else those learned from the catalogue
// (learn_pinyin_readings). The views stay valid until the readings of that character are
// learned again.
PinyinReadings pinyin_readings_of(char32_t codepoint);

// The first, most common reading ("qu" for 衢, "zhong" for 重), or empty when none.
std::string_view pinyin_of(char32_t codepoint);

// The built-in readings, chosen when linking (not at run time, not by #ifdef):
//   liaoxiu_pinyin_unihan  the whole Unihan table (tools/pinyin/gen_pinyin_table.py),
//                          linked by the native programs: server, desktop, tests;
//   liaoxiu_pinyin_none    no table, linked by the web build, whose readings come with
//                          the catalogue (only its characters, all their readings).
PinyinReadings builtin_pinyin_readings_of(char32_t codepoint);
// Size in bytes of the built-in table (0 without one), and how many codepoints it reads.
std::size_t pinyin_table_bytes();
std::size_t pinyin_codepoint_count();

// Readings learned at run time (from the catalogue: json_catalogue's `readings`), used for
// the characters the built-in table does not read. A character's first readings stay; a
// mutex guards them, since a native program may decode catalogues on several threads.
void learn_pinyin_readings(char32_t codepoint, const std::vector<std::string>& readings);
std::size_t learned_pinyin_codepoint_count();
// Forgets every learned reading (tests).
void forget_learned_pinyin_readings();
// Tests of the web build's behaviour on a native build: while it lives, the built-in table
// is ignored and only learned readings count.
class IgnoreBuiltinPinyinForTest {
public:
    IgnoreBuiltinPinyinForTest();
    ~IgnoreBuiltinPinyinForTest();
    IgnoreBuiltinPinyinForTest(const IgnoreBuiltinPinyinForTest&) = delete;
    IgnoreBuiltinPinyinForTest& operator=(const IgnoreBuiltinPinyinForTest&) = delete;
};

// A text spelled out in pinyin, syllable by syllable.
//   - A character with a reading is one syllable (its first reading).
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

// Every way to read a text, its first readings' spelling first (= spell_pinyin): 重庆 →
// "zhongqing", "chongqing". All combinations of its characters' readings while they are at
// most kMaxSpellings; beyond, the first spelling and, for each character with several
// readings, the first spelling with that one character read each other way (a place name
// rarely has two characters read unusually; the list stays linear in the text's length).
// `new_starts` of each spelling: how many of its leading syllable starts begin a text that
// the first spelling does not have from there (a later start reads as the first spelling
// does): all of the first spelling's; up to the last syllable read otherwise for the rest.
inline constexpr std::size_t kMaxSpellings = 4;
struct PinyinVariant {
    PinyinSpelling spelling;
    std::size_t new_starts = 0;
};
std::vector<PinyinVariant> spell_pinyin_all(std::string_view utf8);

std::string to_pinyin(std::string_view utf8);           // "江郎山" → "jianglangshan"
std::string to_pinyin_initials(std::string_view utf8);  // "江郎山" → "jls"

// The distinct codepoints of a text that have readings, in increasing order (what a
// catalogue document carries readings for).
std::vector<char32_t> codepoints_with_readings(std::string_view utf8);

// ---- readings on the wire (the catalogue's `readings`: docs/api.md) ----------------
// The readings of the given codepoints as one dense text: each character followed by its
// readings, separated by spaces ("庆qing重zhong chong"); characters without a reading are
// left out. Smaller brotli'd than an object of arrays (1.4 KB against 1.7 KB for the demo
// catalogue's 382 characters).
std::string readings_text(const std::vector<char32_t>& codepoints);
// Collects the characters of many texts (a bitmap of codepoints: cheap per character),
// then gives readings_text of those with a reading.
class ReadingsCollector {
public:
    void add_text(std::string_view utf8);
    std::string readings_text() const;

private:
    std::vector<bool> seen_;             // by codepoint, sized on first use
    std::vector<char32_t> codepoints_;   // each seen one, once
};

// Learns the readings such a text gives (learn_pinyin_readings); what does not fit the
// shape (ASCII before the first character, a reading that is not letters) is skipped.
// Returns how many characters it named.
std::size_t learn_readings_text(std::string_view text);

}  // namespace liaoxiu
