#include "core/pinyin.hpp"

#include <algorithm>

#include "pinyin_table.inc"  // generated in the build tree by tools/pinyin/gen_pinyin_table.py

namespace liaoxiu {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

bool is_ascii_alnum(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9');
}

}  // namespace

DecodedCodepoint decode_utf8(std::string_view text, std::size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) return {lead, 1};

    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return {kReplacementCharacter, 1};  // continuation byte, C0/C1 overlong lead, F5..FF
    }
    if (pos + length > text.size()) return {kReplacementCharacter, 1};
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[pos + i]);
        if (!is_continuation(byte)) return {kReplacementCharacter, 1};
        value = (value << 6) | (byte & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return {kReplacementCharacter, 1};
    }
    return {value, length};
}

void append_utf8(std::string& out, char32_t c) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacementCharacter;
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

char32_t fold_width_and_case(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
    else if (c == 0x3000) c = U' ';
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    return c;
}

std::string_view pinyin_of(char32_t codepoint) {
    using namespace pinyin_table;
    // The last range starting at or before the codepoint is the only candidate.
    const auto* end = std::end(kRanges);
    const auto* after = std::upper_bound(
        std::begin(kRanges), end, codepoint,
        [](char32_t c, const CodepointRange& range) { return c < range.first; });
    if (after == std::begin(kRanges)) return {};
    const CodepointRange& range = *(after - 1);
    const std::uint32_t offset = codepoint - range.first;
    if (offset >= range.count) return {};

    const std::size_t bit = std::size_t{range.first_slot + offset} * kBitsPerSlot;
    const std::size_t byte = bit >> 3;
    const std::uint32_t window = std::uint32_t{kPackedSlots[byte]} |
                                 (std::uint32_t{kPackedSlots[byte + 1]} << 8) |
                                 (std::uint32_t{kPackedSlots[byte + 2]} << 16);
    const std::uint32_t syllable = (window >> (bit & 7)) & ((1u << kBitsPerSlot) - 1);
    if (syllable == 0 || syllable >= kSyllableCount) return {};
    return std::string_view(kSyllableText + kSyllableOffsets[syllable],
                            kSyllableOffsets[syllable + 1] - kSyllableOffsets[syllable]);
}

PinyinSpelling spell_pinyin(std::string_view utf8) {
    PinyinSpelling spelling;
    spelling.full.reserve(utf8.size() * 2);
    bool in_ascii_run = false;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const DecodedCodepoint decoded = decode_utf8(utf8, pos);
        pos += decoded.length;
        const char32_t c = fold_width_and_case(decoded.codepoint);
        if (is_ascii_alnum(c)) {
            if (!in_ascii_run) {
                spelling.syllable_starts.push_back(static_cast<std::uint32_t>(spelling.full.size()));
                spelling.initials.push_back(static_cast<char>(c));
            }
            spelling.full.push_back(static_cast<char>(c));
            in_ascii_run = true;
            continue;
        }
        in_ascii_run = false;
        const std::string_view reading = c < 0x80 ? std::string_view{} : pinyin_of(c);
        if (reading.empty()) continue;
        spelling.syllable_starts.push_back(static_cast<std::uint32_t>(spelling.full.size()));
        spelling.initials.push_back(reading.front());
        spelling.full.append(reading);
    }
    return spelling;
}

std::string to_pinyin(std::string_view utf8) { return spell_pinyin(utf8).full; }

std::string to_pinyin_initials(std::string_view utf8) { return spell_pinyin(utf8).initials; }

std::size_t pinyin_table_bytes() { return pinyin_table::kTableBytes; }

std::size_t pinyin_codepoint_count() { return pinyin_table::kCodepointsWithReading; }

}  // namespace liaoxiu
