// Every error code has its HTTP status declared in core/error_codes.hpp. Refusals written with
// make_error/fail/refusal are checked while compiling (ErrorCode is consteval); this test holds
// the code that builds a DomainError from a plain string literal (the JSON decoders, the app's
// wire and config layers, the sync engine's local refusals) to the same table, by reading the
// sources: a code used anywhere and missing from the table fails here.
#include <catch2/catch.hpp>

#include "core/error_codes.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

using namespace liaoxiu;

TEST_CASE("the table of error codes has each code once, with a status", "[errors]") {
    std::set<std::string_view> seen;
    for (const ErrorCodeInfo& info : kErrorCodes) {
        INFO(info.code);
        CHECK(seen.insert(info.code).second);
        CHECK((info.http_status == 0 || (info.http_status >= 400 && info.http_status < 600)));
    }
    CHECK(http_status_of("group_closed") == 409);
    CHECK(http_status_of("forbidden") == 403);
    CHECK(http_status_of("too_few_categories") == 422);
    CHECK(http_status_of("bad_json") == 400);
    CHECK(!http_status_of("no_such_code"));
    static_assert(ErrorCode("deadline_passed").http_status() == 409);
    static_assert(ErrorCode("not_found").name() == "not_found");
}

TEST_CASE("every error code written in the sources is in the table", "[errors]") {
    namespace fs = std::filesystem;
    // A code is the first string literal of these calls and initializers.
    const std::regex pattern(
        R"re((?:\b(?:refusal|problem|make_error|fail|decode_error|config_error|forbidden|refused_locally)\s*\(\s*\{?|DomainError\s*\{|ApiError\(\d+,\s*make_error\()\s*"([a-z][a-z0-9_]*)")re");
    std::set<std::string> missing;
    int found = 0;
    for (const char* dir : {"src/core", "src/server", "src/sync", "src/app", "src/ui"}) {
        const fs::path root = fs::path(LIAOXIU_SOURCE_DIR) / dir;
        REQUIRE(fs::is_directory(root));
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string source = text.str();
            for (std::sregex_iterator it(source.begin(), source.end(), pattern), end; it != end; ++it) {
                ++found;
                const std::string code = (*it)[1];
                if (!find_error_code(code)) missing.insert(entry.path().filename().string() + ": " + code);
            }
        }
    }
    CHECK(found > 60);  // the pattern still finds the codes (it would pass vacuously otherwise)
    for (const std::string& code : missing) FAIL_CHECK("error code missing from kErrorCodes: " << code);
}
