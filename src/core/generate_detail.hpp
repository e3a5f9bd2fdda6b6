// Internal to the scale generator (generate.cpp: alliances, members, routes and the
// assembly; generate_groups.cpp: policies, units and group trips). Split by responsibility
// to keep each file readable; what both halves share is here. Not included outside them.
//
// Both halves draw from the one SplitMix64 stream, in the order generate_catalogue calls
// them: moving a draw from one call to another changes every catalogue after it.
#pragma once

#include "core/generate.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::generate_detail {

// ---- Randomness that is the same everywhere -----------------------------------------

// splitmix64 (Steele, Lea, Flood 2014): one 64-bit state, full period, good enough
// mixing for test data, and trivially identical on every compiler and on wasm.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform enough in [0, n) for n far below 2^64 (the modulo bias is under 2^-40 here).
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    int between(int low, int high) { return low + static_cast<int>(below(static_cast<std::uint64_t>(high - low + 1))); }
    bool percent(int chance) { return static_cast<int>(below(100)) < chance; }
    template <class Container>
    const auto& pick(const Container& items) { return items[below(items.size())]; }

private:
    std::uint64_t state_;
};

// ---- The places the generated alliances cover (real names, including rare characters) --

struct Locale {
    std::string_view prefecture;   // 地级市, the first part of an address after the province
    std::string_view city;
    std::string_view county;
    std::string_view area_code;
    int phone_digits;
};

struct AllianceSeed {
    std::string_view id;
    std::string_view short_name;
    std::string_view name;
    std::string_view region;
    std::string_view province;
    std::vector<Locale> locales;
    std::vector<std::string_view> landmarks;   // words that start member names and street names
};

// The alliances the generator can create, in order (generate_catalogue takes the first n).
const std::vector<AllianceSeed>& alliance_seeds();

// Second parts of names. Two of them use 𠮷 (U+20BB7, outside the BMP) so that a few
// names exercise four-byte UTF-8 everywhere (fonts, search, text input, JSON).
inline constexpr std::array<std::string_view, 40> kSyllables = {
    "云栖", "松风", "竹韵", "清泉", "溪山", "桃源", "福寿", "康宁", "和美", "悦心",
    "瑞景", "锦绣", "明月", "青禾", "稻香", "荷塘", "枫林", "梅园", "杏林", "杉语",
    "南山", "北岭", "东篱", "西畴", "兰若", "听涛", "观澜", "栖霞", "望岳", "揽翠",
    "𠮷祥", "𠮷庆", "怡然", "丰乐", "安澜", "春晖", "秋实", "静心", "茗香", "暖阳",
};

// `number` in decimal, zero-padded to `width` digits (ids like m-qz-00012).
std::string padded(int number, int width);

// Two policy articles per alliance; no randomness.
void generate_policies(int alliance_count, Catalogue& out);
// `unit_count` units, each in a locality of a random one of the first `alliance_count` alliances.
void generate_units(SplitMix64& rng, int alliance_count, int unit_count, Catalogue& out);
// `group_count` group trips over the catalogue's routes and units (which must not be empty),
// in every state, consistent at kScaleReferenceNow.
void generate_groups(SplitMix64& rng, int group_count, Catalogue& out);

}  // namespace liaoxiu::generate_detail
