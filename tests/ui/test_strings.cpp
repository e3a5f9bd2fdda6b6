// The zh/en string table: every entry's two languages take the same printf arguments.
// strings.cpp asserts it for every entry at compile time; these cases show that the
// check itself tells a mismatch from a match (a check that accepted everything would
// let the compile-time assertions pass for nothing).
#include "ui/strings.hpp"

#include <catch2/catch.hpp>

#include <cstring>

using namespace liaoxiu::ui;

TEST_CASE("printf conversions: same arguments in either language, or not", "[strings]") {
    CHECK(same_printf_conversions("共 %d 条线路", "%d routes"));
    CHECK(same_printf_conversions("补贴后 ¥%s/人", "¥%s per person after subsidy"));
    CHECK(same_printf_conversions("100%% 满意 %s", "%s, 100%% happy"));
    CHECK(same_printf_conversions("没有格式", "no format"));
    CHECK(same_printf_conversions("%ld", "%ld"));
    CHECK_FALSE(same_printf_conversions("%d天%d晚", "%d days"));  // one argument fewer
    CHECK_FALSE(same_printf_conversions("¥%s", "¥%d"));           // another type
    CHECK_FALSE(same_printf_conversions("%.1f", "%.2f"));         // another precision
    CHECK_FALSE(same_printf_conversions("%ld", "%d"));             // another width of integer
    CHECK_FALSE(same_printf_conversions("50%", "%d"));             // a lone % is no conversion
    CHECK_FALSE(same_printf_conversions("%s %d", "%d %s"));        // another order
}

TEST_CASE("every entry of the table agrees with itself across languages", "[strings]") {
    int count = 0;
    const char* const* texts = all_texts(&count);
    REQUIRE(count == 2 * static_cast<int>(Text::count_));
    int formats = 0;
    for (int i = 0; i < count; i += 2) {
        INFO(texts[i] << " | " << texts[i + 1]);
        CHECK(same_printf_conversions(texts[i], texts[i + 1]));
        if (std::strchr(texts[i], '%') != nullptr) ++formats;
    }
    CHECK(formats > 10);  // the table really has formats to compare
}
