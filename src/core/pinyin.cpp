#include "core/pinyin.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace liaoxiu {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

bool is_ascii_alnum(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9');
}

// Learned readings (the catalogue's): codepoint → its readings, the most common first.
// An entry, once made, is never changed (views into it are handed out); the mutex lets a
// native program decode catalogues on several threads.
struct Learned {
    std::mutex mutex;
    std::unordered_map<char32_t, std::vector<std::string>> readings;
    std::atomic<std::size_t> count{0};
};
Learned& learned() {
    static Learned instance;
    return instance;
}

bool ignore_builtin = false;  // IgnoreBuiltinPinyinForTest

// One syllable of a text: an ASCII run (readings.count == 1, its text) or a character.
struct Unit {
    PinyinReadings readings;
    std::string ascii;  // the run's lower-cased text, when it is one
};

std::vector<Unit> units_of(std::string_view utf8) {
    std::vector<Unit> units;
    bool in_ascii_run = false;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const DecodedCodepoint decoded = decode_utf8(utf8, pos);
        pos += decoded.length;
        const char32_t c = fold_width_and_case(decoded.codepoint);
        if (is_ascii_alnum(c)) {
            if (!in_ascii_run) units.emplace_back();
            units.back().ascii.push_back(static_cast<char>(c));
            in_ascii_run = true;
            continue;
        }
        in_ascii_run = false;
        if (c < 0x80) continue;
        PinyinReadings readings = pinyin_readings_of(c);
        if (readings.empty()) continue;
        units.emplace_back();
        units.back().readings = readings;
    }
    for (Unit& unit : units) {
        if (!unit.ascii.empty()) unit.readings.add(unit.ascii);  // views into units: fixed from here
    }
    return units;
}

// The spelling reading unit i as choice[i].
PinyinSpelling spell_units(const std::vector<Unit>& units, const std::vector<std::uint8_t>& choice) {
    PinyinSpelling spelling;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string_view reading = units[i].readings.reading[choice[i]];
        spelling.syllable_starts.push_back(static_cast<std::uint32_t>(spelling.full.size()));
        spelling.initials.push_back(reading.front());
        spelling.full.append(reading);
    }
    return spelling;
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

PinyinReadings pinyin_readings_of(char32_t codepoint) {
    if (!ignore_builtin) {
        PinyinReadings builtin = builtin_pinyin_readings_of(codepoint);
        if (!builtin.empty()) return builtin;
    }
    PinyinReadings readings;
    Learned& known = learned();
    if (known.count.load(std::memory_order_acquire) == 0) return readings;
    const std::lock_guard lock(known.mutex);
    const auto it = known.readings.find(codepoint);
    if (it == known.readings.end()) return readings;
    for (const std::string& reading : it->second) readings.add(reading);
    return readings;
}

std::string_view pinyin_of(char32_t codepoint) {
    const PinyinReadings readings = pinyin_readings_of(codepoint);
    return readings.empty() ? std::string_view{} : readings.front();
}

void learn_pinyin_readings(char32_t codepoint, const std::vector<std::string>& readings) {
    std::vector<std::string> kept;
    for (const std::string& reading : readings) {
        const bool letters = !reading.empty() && std::all_of(reading.begin(), reading.end(), [](char c) {
            return c >= 'a' && c <= 'z';
        });
        if (letters && std::find(kept.begin(), kept.end(), reading) == kept.end() && kept.size() < kMaxReadings)
            kept.push_back(reading);
    }
    if (kept.empty() || codepoint < 0x80) return;
    Learned& known = learned();
    const std::lock_guard lock(known.mutex);
    if (known.readings.emplace(codepoint, std::move(kept)).second)  // the first readings stay
        known.count.store(known.readings.size(), std::memory_order_release);
}

std::size_t learned_pinyin_codepoint_count() { return learned().count.load(std::memory_order_acquire); }

void forget_learned_pinyin_readings() {
    Learned& known = learned();
    const std::lock_guard lock(known.mutex);
    known.readings.clear();
    known.count.store(0, std::memory_order_release);
}

IgnoreBuiltinPinyinForTest::IgnoreBuiltinPinyinForTest() { ignore_builtin = true; }
IgnoreBuiltinPinyinForTest::~IgnoreBuiltinPinyinForTest() { ignore_builtin = false; }

PinyinSpelling spell_pinyin(std::string_view utf8) {
    const std::vector<Unit> units = units_of(utf8);
    return spell_units(units, std::vector<std::uint8_t>(units.size(), 0));  // every first reading
}

std::vector<PinyinVariant> spell_pinyin_all(std::string_view utf8) {
    const std::vector<Unit> units = units_of(utf8);
    std::vector<std::uint8_t> choice(units.size(), 0);
    std::vector<PinyinVariant> spellings;
    spellings.push_back({spell_units(units, choice), units.size()});
    auto add = [&] {
        std::size_t last_changed = 0;
        for (std::size_t i = 0; i < units.size(); ++i) if (choice[i] != 0) last_changed = i;
        spellings.push_back({spell_units(units, choice), last_changed + 1});
    };

    std::size_t combinations = 1;
    for (const Unit& unit : units) {
        combinations *= unit.readings.size();
        if (combinations > kMaxSpellings) break;
    }
    if (combinations == 1) return spellings;
    if (combinations <= kMaxSpellings) {
        // Count through every combination (an odometer), the first one already made.
        for (std::size_t made = 1; made < combinations; ++made) {
            for (std::size_t i = units.size(); i-- > 0;) {
                if (++choice[i] < units[i].readings.size()) break;
                choice[i] = 0;
            }
            add();
        }
        return spellings;
    }
    for (std::size_t i = 0; i < units.size(); ++i) {
        for (std::uint8_t r = 1; r < units[i].readings.size(); ++r) {
            choice[i] = r;
            add();
        }
        choice[i] = 0;
    }
    return spellings;
}

std::string to_pinyin(std::string_view utf8) { return spell_pinyin(utf8).full; }

std::string to_pinyin_initials(std::string_view utf8) { return spell_pinyin(utf8).initials; }

std::vector<char32_t> codepoints_with_readings(std::string_view utf8) {
    std::vector<char32_t> codepoints;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const DecodedCodepoint decoded = decode_utf8(utf8, pos);
        pos += decoded.length;
        if (decoded.codepoint >= 0x80 && !pinyin_readings_of(decoded.codepoint).empty())
            codepoints.push_back(decoded.codepoint);
    }
    std::sort(codepoints.begin(), codepoints.end());
    codepoints.erase(std::unique(codepoints.begin(), codepoints.end()), codepoints.end());
    return codepoints;
}

std::string readings_text(const std::vector<char32_t>& codepoints) {
    std::string text;
    for (char32_t c : codepoints) {
        const PinyinReadings readings = c < 0x80 ? PinyinReadings{} : pinyin_readings_of(c);
        if (readings.empty()) continue;
        append_utf8(text, c);
        for (std::size_t i = 0; i < readings.size(); ++i) {
            if (i > 0) text.push_back(' ');
            text.append(readings.reading[i]);
        }
    }
    return text;
}

void ReadingsCollector::add_text(std::string_view utf8) {
    for (std::size_t pos = 0; pos < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[pos]);
        if (lead < 0x80) {  // JSON's keys, digits, ASCII text: most bytes
            ++pos;
            continue;
        }
        const DecodedCodepoint decoded = decode_utf8(utf8, pos);
        pos += decoded.length;
        if (seen_.empty()) seen_.resize(0x110000);
        if (seen_[decoded.codepoint] || decoded.codepoint == kReplacementCharacter) continue;
        seen_[decoded.codepoint] = true;
        codepoints_.push_back(decoded.codepoint);
    }
}

std::string ReadingsCollector::readings_text() const {
    std::vector<char32_t> codepoints = codepoints_;
    std::sort(codepoints.begin(), codepoints.end());
    return liaoxiu::readings_text(codepoints);
}

std::size_t learn_readings_text(std::string_view text) {
    std::size_t named = 0;
    std::optional<char32_t> current;
    std::vector<std::string> readings;
    auto finish = [&] {
        if (current) {
            learn_pinyin_readings(*current, readings);
            ++named;
        }
        readings.clear();
    };
    bool after_space = true;
    for (std::size_t pos = 0; pos < text.size();) {
        const DecodedCodepoint decoded = decode_utf8(text, pos);
        pos += decoded.length;
        const char32_t c = decoded.codepoint;
        if (c >= 0x80) {
            finish();
            current = c == kReplacementCharacter ? std::nullopt : std::optional<char32_t>(c);
            after_space = true;
        } else if (c == U' ') {
            after_space = true;
        } else if (current) {
            if (after_space) readings.emplace_back();
            readings.back().push_back(static_cast<char>(c));  // learn_pinyin_readings keeps letters only
            after_space = false;
        }
    }
    finish();
    return named;
}

}  // namespace liaoxiu
