// The syntax of client-chosen ids and logins (src/core/identifiers.hpp).
#include "core/identifiers.hpp"

#include <catch2/catch.hpp>

using namespace liaoxiu;

TEST_CASE("ids: ASCII letters, digits, - and _, 1 to 64 characters", "[identifiers]") {
    CHECK(is_valid_id("g-qz-001"));
    CHECK(is_valid_id("w-u-qz-school2-1"));
    CHECK(is_valid_id("Route_2027"));
    CHECK(is_valid_id(std::string(64, 'a')));
    CHECK_FALSE(is_valid_id(""));
    CHECK_FALSE(is_valid_id(std::string(65, 'a')));
    CHECK_FALSE(is_valid_id("g-" + std::string(10000, 'a')));
    CHECK_FALSE(is_valid_id("g-a/b"));
    CHECK_FALSE(is_valid_id("../../x"));
    CHECK_FALSE(is_valid_id("g a"));
    CHECK_FALSE(is_valid_id(std::string("p-dup\0evil", 10)));
    CHECK_FALSE(is_valid_id("p-dup%00"));
    CHECK_FALSE(is_valid_id("团-1"));
    auto refused = check_id("a/b", "id");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "bad_value");
    CHECK(refused.error().path == "id");
    CHECK(check_id("ok-1", "id").value() == "ok-1");
}

TEST_CASE("logins: NFC by construction, no control or invisible characters", "[identifiers]") {
    CHECK(check_login("admin"));
    CHECK(check_login("330802-0117"));
    CHECK(check_login("wang.li@example"));
    CHECK(check_login("王丽"));
    CHECK(check_login("阿依古丽·买买提"));
    CHECK(check_login("\xF0\xA0\xAE\xB7"));  // 𠮷 U+20BB7, Extension B
    CHECK(check_login(std::string(64, 'x')));
    CHECK_FALSE(check_login(std::string(65, 'x')));
    // 64 Chinese characters are 192 bytes but 64 characters.
    std::string long_chinese;
    for (int i = 0; i < 64; ++i) long_chinese += "疗";
    CHECK(check_login(long_chinese));
    CHECK_FALSE(check_login(long_chinese + "疗"));

    CHECK_FALSE(check_login(""));
    CHECK_FALSE(check_login(std::string("admin\0", 6)));
    CHECK_FALSE(check_login("admin\x01"));
    CHECK_FALSE(check_login("ad\xE2\x80\x8Bmin"));   // zero-width space U+200B
    CHECK_FALSE(check_login("admin\xE2\x80\x8D"));   // zero-width joiner
    CHECK_FALSE(check_login("\xEF\xBB\xBF" "admin"));  // BOM / zero-width no-break space
    CHECK_FALSE(check_login("ad min"));
    CHECK_FALSE(check_login("e\xCC\x81"));            // e + combining acute: not NFC-stable
    CHECK_FALSE(check_login("\xC3\xA9"));             // é: outside the set (letters with case beyond ASCII)
    CHECK_FALSE(check_login("\xEF\xBD\x81" "dmin"));  // full-width ａ
    CHECK_FALSE(check_login("\xEF\xA4\x80"));         // U+F900, a compatibility ideograph (NFC maps it)
    CHECK_FALSE(check_login("\xC0\xAF"));             // overlong '/'
    CHECK_FALSE(check_login("\xED\xA0\x80"));         // a surrogate
    CHECK_FALSE(check_login("\xE7\x96"));             // cut short
}

TEST_CASE("logins are unique without regard to ASCII case", "[identifiers]") {
    CHECK(login_key("Admin") == login_key("admin"));
    CHECK(login_key("ADMIN") == "admin");
    CHECK(login_key("王丽-A") == "王丽-a");
    CHECK(login_key("admin") != login_key("admin."));
}
