#include <catch2/catch.hpp>

#include "sync/config.hpp"

using namespace liaoxiu::sync;

TEST_CASE("config.json: relative and absolute endpoints, refresh interval, kiosk", "[sync][config]") {
    auto relative = parse_client_config(R"({"api_base": "api/v1/", "refresh_seconds": 120})");
    REQUIRE(relative);
    CHECK(relative.value().api_base == "api/v1");
    CHECK(relative.value().refresh_seconds == 120);
    CHECK_FALSE(relative.value().kiosk);

    auto absolute = parse_client_config(R"({"api_base": "https://api.example.cn:8443/api/v1", "kiosk": {"enabled": true, "idle_seconds": 90}})");
    REQUIRE(absolute);
    CHECK(absolute.value().api_base == "https://api.example.cn:8443/api/v1");
    CHECK(absolute.value().refresh_seconds == kDefaultRefreshSeconds);
    CHECK(absolute.value().kiosk);

    auto rooted = parse_client_config(R"({"api_base": "/api/v1", "kiosk": false, "something_new": [1, 2]})");
    REQUIRE(rooted);
    CHECK(rooted.value().api_base == "/api/v1");

    auto none = parse_client_config("{}");
    REQUIRE(none);
    CHECK_FALSE(none.value().has_endpoint());
    auto empty = parse_client_config(R"({"api_base": ""})");
    REQUIRE(empty);
    CHECK_FALSE(empty.value().has_endpoint());
}

TEST_CASE("config.json: kiosk idle time before the reset countdown", "[sync][config]") {
    auto given = parse_client_config(R"({"kiosk": {"enabled": true, "idle_seconds": 90}})");
    REQUIRE(given);
    CHECK(given.value().kiosk_idle_seconds == 90);

    // Absent (or a bare "kiosk": true) means the default; the time is read even when the
    // mode is off in config.json, since the page address can switch it on (?kiosk=1).
    auto bare = parse_client_config(R"({"kiosk": true})");
    REQUIRE(bare);
    CHECK(bare.value().kiosk_idle_seconds == kDefaultKioskIdleSeconds);
    auto off = parse_client_config(R"({"kiosk": {"enabled": false, "idle_seconds": 30}})");
    REQUIRE(off);
    CHECK_FALSE(off.value().kiosk);
    CHECK(off.value().kiosk_idle_seconds == 30);

    auto shortest = parse_client_config(R"({"kiosk": {"enabled": true, "idle_seconds": 3}})");
    REQUIRE(shortest);
    CHECK(shortest.value().kiosk_idle_seconds == kMinKioskIdleSeconds);
}

TEST_CASE("config.json: what is refused names the field", "[sync][config]") {
    struct Case {
        const char* text;
        const char* code;
        const char* field;
    };
    const Case cases[] = {
        {"", "bad_json", ""},
        {"[]", "bad_json", ""},
        {R"({"api_base": 5})", "wrong_type", "api_base"},
        {R"j({"api_base": "javascript:alert(1)"})j", "bad_value", "api_base"},
        {R"({"api_base": "//evil.example/api"})", "bad_value", "api_base"},
        {R"({"api_base": "ftp://files.example/api"})", "bad_value", "api_base"},
        {R"({"api_base": "https:///api"})", "bad_value", "api_base"},
        {R"({"api_base": "api v1"})", "bad_value", "api_base"},
        {R"({"api_base": "api/\"v1"})", "bad_value", "api_base"},
        {R"({"refresh_seconds": "60"})", "wrong_type", "refresh_seconds"},
        {R"({"refresh_seconds": 2.5})", "wrong_type", "refresh_seconds"},
        {R"({"refresh_seconds": 1})", "bad_value", "refresh_seconds"},
        {R"({"refresh_seconds": 999999999})", "bad_value", "refresh_seconds"},
        {R"({"kiosk": "yes"})", "wrong_type", "kiosk"},
        {R"({"kiosk": {"enabled": 1}})", "wrong_type", "kiosk.enabled"},
        {R"({"kiosk": {"enabled": true, "idle_seconds": "60"}})", "wrong_type", "kiosk.idle_seconds"},
        {R"({"kiosk": {"enabled": true, "idle_seconds": 1.5}})", "wrong_type", "kiosk.idle_seconds"},
        {R"({"kiosk": {"enabled": true, "idle_seconds": 2}})", "bad_value", "kiosk.idle_seconds"},
        {R"({"kiosk": {"enabled": true, "idle_seconds": 86400}})", "bad_value", "kiosk.idle_seconds"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto parsed = parse_client_config(c.text);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == c.code);
        CHECK(parsed.error().path == c.field);
        CHECK(parsed.error().message_zh.rfind("config.json", 0) == 0);
    }
}

TEST_CASE("endpoint URLs join base and path with one slash", "[sync][config]") {
    CHECK(endpoint_url("api/v1", "me") == "api/v1/me");
    CHECK(endpoint_url("api/v1/", "/me") == "api/v1/me");
    CHECK(endpoint_url("https://x.cn/api/v1", "catalogue?since=3") == "https://x.cn/api/v1/catalogue?since=3");
}
