// parse_catalogue streams the document (json_stream.hpp); decode_catalogue reads a whole
// tree. They must agree on every input: the same catalogue, or the same error code and path.
#include <catch2/catch.hpp>

#include "core/generate.hpp"
#include "core/json.hpp"
#include "core/json_stream.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace liaoxiu;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The tree way: what parse_catalogue did before it streamed.
Result<Catalogue> parse_as_tree(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) return DomainError{"bad_json", "", "", ""};
    json document = json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) return DomainError{"bad_json", "", "", ""};
    return decode_catalogue(document);
}

void require_same_outcome(const std::string& text) {
    const Result<Catalogue> streamed = parse_catalogue(text);
    const Result<Catalogue> tree = parse_as_tree(text);
    REQUIRE(streamed.ok() == tree.ok());
    if (streamed.ok()) {
        CHECK(streamed.value() == tree.value());
    } else {
        CHECK(streamed.error().code == tree.error().code);
        CHECK(streamed.error().path == tree.error().path);
        CHECK(streamed.error().message_en == (tree.error().code == "bad_json" ? streamed.error().message_en
                                                                                 : tree.error().message_en));
    }
}

json small_catalogue() { return generate_catalogue(ScaleSpec{12, 30, 10}, 7); }

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Recorder final : RootArrayVisitor {
    std::vector<std::string> events;
    void begin(std::string_view key) override { events.push_back("begin " + std::string(key)); }
    void element(std::string_view key, std::size_t index, json& element) override {
        events.push_back(std::string(key) + "[" + std::to_string(index) + "]=" + element.dump());
    }
};

// Hands its text over in pieces of a few sizes in turn, as a network or JavaScript would.
class ChoppedSource final : public TextSource {
public:
    ChoppedSource(std::string text, std::vector<std::size_t> sizes) : text_(std::move(text)), sizes_(std::move(sizes)) {}
    std::size_t read(char* buffer, std::size_t capacity) override {
        const std::size_t count = std::min({capacity, sizes_[reads_++ % sizes_.size()], text_.size() - at_});
        std::copy_n(text_.data() + at_, count, buffer);
        at_ += count;
        return count;
    }
    std::size_t reads() const { return reads_; }

private:
    std::string text_;
    std::vector<std::size_t> sizes_;
    std::size_t at_ = 0, reads_ = 0;
};

}  // namespace

TEST_CASE("parse_catalogue reads a TextSource in pieces and gives what the whole text gives", "[json][stream]") {
    const std::string text = small_catalogue().dump();
    const Result<Catalogue> whole = parse_catalogue(text);
    REQUIRE(whole.ok());
    for (const std::vector<std::size_t>& sizes : {std::vector<std::size_t>{1}, {3, 1, 7}, {4096}, {1u << 20}}) {
        ChoppedSource source(text, sizes);
        const Result<Catalogue> pieces = parse_catalogue(source);
        REQUIRE(pieces.ok());
        CHECK(pieces.value() == whole.value());
        if (sizes.front() == 1) CHECK(source.reads() > text.size() / 2);  // it really was read piecewise
    }
    SECTION("a NUL byte in a later piece is named with its offset") {
        std::string with_nul = text;
        with_nul[text.size() - 3] = '\0';
        ChoppedSource source(with_nul, {100});
        const Result<Catalogue> parsed = parse_catalogue(source);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "bad_json");
        CHECK(parsed.error().message_en == "not valid JSON: a NUL byte at offset " + std::to_string(text.size() - 3));
    }
    SECTION("a NUL after a complete document still makes it invalid") {
        ChoppedSource source(text + std::string(1, '\0') + "junk", {64});
        CHECK_FALSE(parse_catalogue(source).ok());
    }
    SECTION("a syntax error before a NUL is reported as the syntax error") {
        ChoppedSource source("{\"format_version\":x" + std::string(1, '\0'), {5});
        const Result<Catalogue> parsed = parse_catalogue(source);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message_en.find("NUL") == std::string::npos);
    }
}

TEST_CASE("write_catalogue writes, in pieces, the text of the catalogue's tree", "[json][stream]") {
    Catalogue catalogue = generate_catalogue(ScaleSpec{40, 60, 30}, 3);
    catalogue.routes.front().title = "bad \xff byte";  // replaced, as the tree's dump replaces it
    StringSink text;
    REQUIRE(write_catalogue(catalogue, text));
    CHECK(text.text == json(catalogue).dump(-1, ' ', false, json::error_handler_t::replace));
    const Result<Catalogue> back = parse_catalogue(text.text);
    REQUIRE(back.ok());
    CHECK(back.value().routes.size() == catalogue.routes.size());
}

TEST_CASE("stream_root_arrays hands over the named arrays' elements and keeps the rest", "[json][stream]") {
    Recorder recorder;
    json head;
    const auto error = stream_root_arrays(
        R"({"a":[1,{"routes":[2]},[3]],"b":{"a":[9]},"n":5,"routes":{"x":1},"a":[],"c":[4]})", {"a", "routes"},
        recorder, head);
    REQUIRE_FALSE(error);
    CHECK(recorder.events == std::vector<std::string>{"begin a", "a[0]=1", R"(a[1]={"routes":[2]})", "a[2]=[3]",
                                                      "begin a"});
    // Nested keys are not streamed; a named key holding an object stays whole in the head.
    CHECK(head == json::parse(R"({"a":[],"b":{"a":[9]},"n":5,"routes":{"x":1},"c":[4]})"));
}

TEST_CASE("stream_root_arrays reports where the text stops being JSON", "[json][stream]") {
    Recorder recorder;
    json head;
    const auto error = stream_root_arrays(R"({"a":[1,2,}])", {"a"}, recorder, head);
    REQUIRE(error);
    CHECK(error->position == 11);
    CHECK_FALSE(error->message.empty());
    CHECK(stream_root_arrays("[1,2]", {"a"}, recorder, head) == std::nullopt);
    CHECK(head == json::array({1, 2}));  // a root that is not an object is kept whole
}

TEST_CASE("parse_catalogue streams to the same catalogue the tree decoder reads", "[json][stream]") {
    const json document = small_catalogue();
    require_same_outcome(document.dump());
    require_same_outcome(document.dump(2));
}

TEST_CASE("parse_catalogue streams to the same errors as the tree decoder", "[json][stream]") {
    const json good = small_catalogue();
    std::vector<std::pair<const char*, json>> cases;
    auto with = [&](const char* name, auto&& change) {
        json document = good;
        change(document);
        cases.emplace_back(name, std::move(document));
    };
    with("no format_version", [](json& d) { d.erase("format_version"); });
    with("newer format", [](json& d) { d["format_version"] = kFormatVersion + 1; });
    with("routes missing", [](json& d) { d.erase("routes"); });
    with("routes an object", [](json& d) { d["routes"] = json::object(); });
    with("groups a string", [](json& d) { d["groups"] = "none"; });
    with("a route's stop member unknown", [](json& d) { d["routes"][3]["itinerary"][1]["stops"][0]["member"] = "m-999"; });
    with("a stop member of the wrong type", [](json& d) { d["routes"][5]["itinerary"][0]["stops"][0]["member"] = 7; });
    with("a route not an object", [](json& d) { d["routes"][2] = 1; });
    with("two bad lists: the first in field order wins", [](json& d) {
        d["groups"][0]["places"] = 3;
        d["alliances"][0].erase("name");
    });
    with("bad list and missing later list", [](json& d) {
        d["members"][1]["category"] = "bakery";
        d.erase("units");
    });
    with("duplicate route id", [](json& d) { d["routes"][1]["id"] = d["routes"][0]["id"]; });
    with("unknown extra fields", [](json& d) {
        d["extra"] = json::array({1, 2});
        d["routes"][0]["extra"] = {{"routes", json::array()}};
    });
    with("root not an object", [](json& d) { d = json::array({d}); });
    for (const auto& [name, document] : cases) {
        INFO(name);
        require_same_outcome(document.dump());
    }
    // Texts a tree cannot express: a repeated key (the later wins), bad syntax, a NUL.
    std::string text = good.dump();
    INFO("repeated key");
    require_same_outcome(text.substr(0, text.size() - 1) + R"(,"routes":[]})");
    require_same_outcome(text.substr(0, text.size() / 2));
    require_same_outcome(text + " x");
    require_same_outcome(std::string("{\"format_version\":1\0}", 21));
}

TEST_CASE("JSONTestSuite: streamed and tree parsing agree on every document", "[json][stream][corpus]") {
    const fs::path dir = LIAOXIU_JSON_TEST_SUITE;
    REQUIRE(fs::is_directory(dir));
    int documents = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        INFO(entry.path().filename().string());
        require_same_outcome(read_bytes(entry.path()));
        ++documents;
    }
    CHECK(documents > 300);
}
