// The built-in pinyin readings of the native programs: the whole Unihan table, generated
// in the build tree by tools/pinyin/gen_pinyin_table.py (library liaoxiu_pinyin_unihan).
#include <algorithm>
#include <iterator>

#include "core/pinyin.hpp"
#include "pinyin_table.inc"

namespace liaoxiu {

namespace {

std::string_view syllable(std::uint32_t number) {
    using namespace pinyin_table;
    if (number == 0 || number >= kSyllableCount) return {};
    return std::string_view(kSyllableText + kSyllableOffsets[number],
                            kSyllableOffsets[number + 1] - kSyllableOffsets[number]);
}

static_assert(pinyin_table::kMostReadings <= kMaxReadings, "PinyinReadings holds fewer readings than the table");

}  // namespace

PinyinReadings builtin_pinyin_readings_of(char32_t codepoint) {
    using namespace pinyin_table;
    PinyinReadings readings;
    // The last range starting at or before the codepoint is the only candidate.
    const auto* end = std::end(kRanges);
    const auto* after = std::upper_bound(
        std::begin(kRanges), end, codepoint,
        [](char32_t c, const CodepointRange& range) { return c < range.first; });
    if (after == std::begin(kRanges)) return readings;
    const CodepointRange& range = *(after - 1);
    const std::uint32_t offset = codepoint - range.first;
    if (offset >= range.count) return readings;

    const std::size_t bit = std::size_t{range.first_slot + offset} * kBitsPerSlot;
    const std::size_t byte = bit >> 3;
    const std::uint32_t window = std::uint32_t{kPackedSlots[byte]} |
                                 (std::uint32_t{kPackedSlots[byte + 1]} << 8) |
                                 (std::uint32_t{kPackedSlots[byte + 2]} << 16);
    readings.add(syllable((window >> (bit & 7)) & ((1u << kBitsPerSlot) - 1)));
    if (readings.empty()) return readings;

    const auto* poly = std::lower_bound(std::begin(kPolyphonic), std::end(kPolyphonic), std::uint32_t{codepoint});
    if (poly != std::end(kPolyphonic) && *poly == codepoint) {
        const auto i = static_cast<std::size_t>(poly - std::begin(kPolyphonic));
        for (std::uint32_t k = kOtherStarts[i]; k < kOtherStarts[i + 1]; ++k) readings.add(syllable(kOtherSyllables[k]));
    }
    return readings;
}

std::size_t pinyin_table_bytes() { return pinyin_table::kTableBytes; }

std::size_t pinyin_codepoint_count() { return pinyin_table::kCodepointsWithReading; }

}  // namespace liaoxiu
