#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/pinyin.hpp"

using namespace liaoxiu;

namespace {

std::u32string decode_all(std::string_view text) {
    std::u32string out;
    for (std::size_t pos = 0; pos < text.size();) {
        const DecodedCodepoint d = decode_utf8(text, pos);
        if (d.length == 0) FAIL("decode_utf8 made no progress at byte " << pos);
        out.push_back(d.codepoint);
        pos += d.length;
    }
    return out;
}

bool is_cjk_ideograph(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) ||    // Extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||    // URO
           (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
           (c >= 0x20000 && c <= 0x3134F);    // Extensions B–H, supplement
}

}  // namespace

TEST_CASE("pinyin_of gives the tone-less first kMandarin reading of common characters", "[pinyin]") {
    CHECK(pinyin_of(U'江') == "jiang");
    CHECK(pinyin_of(U'郎') == "lang");
    CHECK(pinyin_of(U'山') == "shan");
    CHECK(pinyin_of(U'龙') == "long");
    CHECK(pinyin_of(U'游') == "you");
    CHECK(pinyin_of(U'州') == "zhou");
    CHECK(pinyin_of(U'中') == "zhong");
    CHECK(pinyin_of(U'一') == "yi");     // first codepoint of the URO block
    CHECK(pinyin_of(U'绿') == "lv");     // ü is written v
    CHECK(pinyin_of(U'女') == "nv");
}

TEST_CASE("pinyin_of covers the rare place-name characters routes use", "[pinyin]") {
    CHECK(pinyin_of(U'衢') == "qu");
    CHECK(pinyin_of(U'潍') == "wei");
    CHECK(pinyin_of(U'婺') == "wu");
    CHECK(pinyin_of(U'缙') == "jin");
    CHECK(pinyin_of(U'歙') == "she");
    CHECK(pinyin_of(U'亳') == "bo");
    CHECK(pinyin_of(U'嵊') == "sheng");
}

TEST_CASE("pinyin_of reaches beyond the BMP", "[pinyin]") {
    // 𠮷 (U+20BB7) has no reading of its own in Unihan; it borrows its variant 吉's.
    CHECK(pinyin_of(U'\U00020BB7') == "ji");
    CHECK(pinyin_of(U'\U00020000') == "he");   // 𠀀, first codepoint of Extension B, has kMandarin hē
    CHECK(pinyin_of(U'\U0002A6A5') == "zhe");
}

TEST_CASE("pinyin_of is empty for characters without a reading", "[pinyin]") {
    CHECK(pinyin_of(U'a').empty());
    CHECK(pinyin_of(U'·').empty());
    CHECK(pinyin_of(U'あ').empty());
    CHECK(pinyin_of(U'\u3001').empty());   // 、
    CHECK(pinyin_of(U'\u33FF').empty());   // just below Extension A
    CHECK(pinyin_of(U'\U0010FFFF').empty());
    CHECK(pinyin_of(0x110000).empty());
}

TEST_CASE("the table covers every codepoint with a kMandarin reading", "[pinyin]") {
    // Unicode 15 lists 41,419 codepoints with kMandarin; variants add a few thousand more.
    CHECK(pinyin_codepoint_count() >= 41419);
    std::size_t found = 0;
    for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) found += pinyin_of(c).empty() ? 0 : 1;
    CHECK(found > 20900);  // nearly all of the 20,992 URO ideographs
    CHECK(pinyin_table_bytes() > 0);
    CHECK(pinyin_table_bytes() < 128 * 1024);
}

TEST_CASE("spell_pinyin spells syllables, initials and syllable starts", "[pinyin]") {
    const PinyinSpelling s = spell_pinyin("江郎山");
    CHECK(s.full == "jianglangshan");
    CHECK(s.initials == "jls");
    CHECK(s.syllable_starts == std::vector<std::uint32_t>{0, 5, 9});

    CHECK(to_pinyin("龙游") == "longyou");
    CHECK(to_pinyin("衢州") == "quzhou");
    CHECK(to_pinyin_initials("衢州") == "qz");
    CHECK(to_pinyin("江郎山") == "jianglangshan");
}

TEST_CASE("spell_pinyin keeps ASCII runs as one lower-cased syllable and drops punctuation", "[pinyin]") {
    const PinyinSpelling s = spell_pinyin("SPA·温泉 5A");
    CHECK(s.full == "spawenquan5a");
    CHECK(s.initials == "swq5");
    CHECK(s.syllable_starts == std::vector<std::uint32_t>{0, 3, 6, 10});
    CHECK(to_pinyin("ＡＢＣ") == "abc");  // full-width letters count as ASCII
}

TEST_CASE("spell_pinyin handles 4-byte characters and malformed UTF-8", "[pinyin]") {
    CHECK(to_pinyin("𠮷野家") == "jiyejia");
    CHECK(to_pinyin_initials("𠮷野家") == "jyj");
    CHECK(to_pinyin(std::string("\xE6\xB1", 2) + "江") == "jiang");     // truncated sequence
    CHECK(to_pinyin(std::string("\x80\xFF\xC0\xAF", 4) + "山") == "shan");  // stray/overlong bytes
    CHECK(to_pinyin(std::string("\xF0\xA0\xAE", 3)) == "");               // 𠮷 cut short
    CHECK(to_pinyin("") == "");
}

TEST_CASE("decode_utf8 decodes 1-4 byte sequences and rejects malformed ones", "[pinyin][utf8]") {
    CHECK(decode_all("a江𠮷") == std::u32string{U'a', U'江', U'\U00020BB7'});
    CHECK(decode_utf8("𠮷", 0).length == 4);
    CHECK(decode_all(std::string("\xED\xA0\x80", 3)) ==  // surrogate D800
          std::u32string(3, kReplacementCharacter));
    CHECK(decode_all(std::string("\xE0\x80\xAF", 3)) ==  // overlong '/'
          std::u32string(3, kReplacementCharacter));
    CHECK(decode_all(std::string("\xF4\x90\x80\x80", 4)) ==  // > U+10FFFF
          std::u32string(4, kReplacementCharacter));

    std::string round_trip;
    for (char32_t c : std::u32string{U'a', U'é', U'衢', U'\U00020BB7'}) append_utf8(round_trip, c);
    CHECK(round_trip == "aé衢𠮷");
}

TEST_CASE("fold_width_and_case folds full-width and upper-case ASCII", "[pinyin][utf8]") {
    CHECK(fold_width_and_case(U'Q') == U'q');
    CHECK(fold_width_and_case(U'Ｑ') == U'q');
    CHECK(fold_width_and_case(U'ｑ') == U'q');
    CHECK(fold_width_and_case(U'\u3000') == U' ');
    CHECK(fold_width_and_case(U'衢') == U'衢');
}

TEST_CASE("every CJK ideograph in the demo catalogue has a reading", "[pinyin][demo]") {
    const std::filesystem::path path = std::filesystem::path(LIAOXIU_SOURCE_DIR) / "assets/demo/catalogue.json";
    REQUIRE(std::filesystem::exists(path));
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    REQUIRE_FALSE(text.empty());

    std::size_t ideographs = 0;
    std::u32string missing;
    for (char32_t c : decode_all(text)) {
        if (!is_cjk_ideograph(c)) continue;
        ++ideographs;
        if (pinyin_of(c).empty() && missing.find(c) == std::u32string::npos) missing.push_back(c);
    }
    std::string missing_utf8;
    for (char32_t c : missing) append_utf8(missing_utf8, c);
    INFO("ideographs without a reading: " << missing_utf8);
    CHECK(ideographs > 100);
    CHECK(missing.empty());
}

TEST_CASE("pinyin_readings_of gives every standard reading, the most common first", "[pinyin][polyphonic]") {
    auto readings = [](char32_t c) {
        std::vector<std::string> out;
        for (std::string_view r : pinyin_readings_of(c)) out.emplace_back(r);
        return out;
    };
    CHECK(readings(U'重') == std::vector<std::string>{"zhong", "chong"});  // 重庆 is read chóng
    CHECK(readings(U'珲') == std::vector<std::string>{"hui", "hun"});      // 珲春 is read hún
    CHECK(readings(U'长') == std::vector<std::string>{"zhang", "chang"});
    CHECK(readings(U'厦') == std::vector<std::string>{"sha", "xia"});
    CHECK(readings(U'六') == std::vector<std::string>{"liu", "lu"});       // 六安
    CHECK(readings(U'行') == std::vector<std::string>{"xing", "hang", "heng"});
    CHECK(readings(U'江') == std::vector<std::string>{"jiang"});
    // Archaic readings that only kHanyuPinyin lists are not taken: 重 tóng, 大 tài.
    CHECK(readings(U'大') == std::vector<std::string>{"da", "dai"});
    CHECK(pinyin_of(U'重') == "zhong");
    CHECK(pinyin_readings_of(U'a').empty());
    CHECK(pinyin_readings_of(U'·').empty());
}

TEST_CASE("spell_pinyin_all spells every reading of a text, the first readings' first", "[pinyin][polyphonic]") {
    auto fulls = [](std::string_view text) {
        std::vector<std::string> out;
        for (const PinyinVariant& v : spell_pinyin_all(text)) out.push_back(v.spelling.full);
        return out;
    };
    CHECK(fulls("重庆") == std::vector<std::string>{"zhongqing", "chongqing"});
    CHECK(fulls("江郎山") == std::vector<std::string>{"jianglangshan"});
    CHECK(fulls("SPA长兴") == std::vector<std::string>{"spazhangxing", "spachangxing"});  // 兴 xīng, xìng: one
    CHECK(fulls("长重") == std::vector<std::string>{"zhangzhong", "zhangchong", "changzhong", "changchong"});
    // 2 × 3 = 6 > kMaxSpellings: one character read otherwise at a time.
    CHECK(fulls("长行") == std::vector<std::string>{"zhangxing", "changxing", "zhanghang", "zhangheng"});
    const std::vector<PinyinVariant> chongqing = spell_pinyin_all("重庆");
    CHECK(chongqing[0].new_starts == 2);
    CHECK(chongqing[1].spelling.initials == "cq");
    CHECK(chongqing[1].spelling.syllable_starts == std::vector<std::uint32_t>{0, 5});
    CHECK(chongqing[1].new_starts == 1);  // from 庆 on it reads as the first spelling
    CHECK(spell_pinyin_all("江重庆")[1].new_starts == 2);
    CHECK(spell_pinyin_all("").size() == 1);

    // More combinations than kMaxSpellings: the first spelling, then one character changed at a time.
    const std::vector<PinyinVariant> many = spell_pinyin_all("重长行了");  // 2 × 2 × 3 × 2 = 24
    CHECK(many.front().spelling.full == "zhongzhangxingle");
    CHECK(many.size() == 1 + 1 + 1 + 2 + 1);
    CHECK(many[1].spelling.full == "chongzhangxingle");
    CHECK(many.back().spelling.full == "zhongzhangxingliao");
    CHECK(many.back().new_starts == 4);
}

TEST_CASE("readings travel as one dense text and are learned back", "[pinyin][wire]") {
    const std::string text = readings_text({U'庆', U'重', U'a', U'·'});
    CHECK(text == "庆qing重zhong chong");  // characters without a reading are left out

    forget_learned_pinyin_readings();
    {
        const IgnoreBuiltinPinyinForTest no_table;  // as the web build, which links no table
        CHECK(pinyin_readings_of(U'重').empty());
        CHECK(to_pinyin("重庆") == "");  // unknown characters are left out, as ever
        CHECK(learn_readings_text(text) == 2);
        CHECK(learned_pinyin_codepoint_count() == 2);
        CHECK(to_pinyin("重庆") == "zhongqing");
        CHECK(spell_pinyin_all("重庆").size() == 2);
        CHECK(to_pinyin("重庆市") == "zhongqing");  // 市 not learned: unknown

        // Malformed pieces are skipped, what is well formed is kept.
        CHECK(learn_readings_text("xx市shi 2 SHI江jiang\xFF") >= 2);
        CHECK(to_pinyin("江市") == "jiangshi");
    }
    CHECK(to_pinyin("衢州") == "quzhou");  // the table again
    forget_learned_pinyin_readings();
    CHECK(learned_pinyin_codepoint_count() == 0);
}
