// Pinyin readings shipped with the catalogue: the web build links no pinyin table
// (core/pinyin.hpp), so what its search can spell is what the snapshot and the deltas
// brought. Here the table is switched off as in that build, and the endpoint scripted.
#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "core/catalogue_readings.hpp"
#include "core/json.hpp"
#include "core/pinyin.hpp"
#include "core/search.hpp"
#include "demo_files.hpp"
#include "fake_transport.hpp"
#include "sync/sync_engine.hpp"

using namespace liaoxiu;
using namespace liaoxiu::sync;
using liaoxiu::sync_test::FakeTransport;

namespace {

const Instant kNow = *parse_instant("2026-12-01T08:00:00Z");

struct ReadingsRig {
    std::string snapshot;
    std::string delta;
    FakeTransport transport{[this](const HttpRequest& request) -> HttpResponse {
        if (request.url.find("/catalogue?since=") != std::string::npos) return {200, {}, delta};
        if (request.url.find("/catalogue") != std::string::npos) return {200, {}, snapshot};
        return {0, {}, "network is unreachable"};
    }};
    MemoryStorage storage;
    SyncEngine engine{transport, storage, EngineOptions{}};

    ReadingsRig(std::string snapshot_text, std::string delta_text)
        : snapshot(std::move(snapshot_text)), delta(std::move(delta_text)) {
        ClientConfig config;
        config.api_base = "https://api.example.cn/api/v1";
        config.refresh_seconds = 60;
        engine.configure(config);
    }
    void poll(Instant now) {
        for (int i = 0; i < 3; ++i) engine.poll(now);
    }
    std::vector<std::string> titles_found(const std::string& text) const {
        const Catalogue& catalogue = engine.state().catalogue;
        const SearchIndex index(catalogue);
        SearchQuery query;
        query.text = text;
        std::vector<std::string> titles;
        for (const SearchHit& hit : index.search(query)) titles.push_back(catalogue.routes[hit.route].title);
        return titles;
    }
};

// The demo catalogue (snapshot), and a delta adding a route titled 珲春边境游: 珲 (hún in
// 珲春) is in no text of the demo catalogue.
std::pair<std::string, std::string> snapshot_and_delta() {
    auto demo = parse_catalogue(sync_test::demo_catalogue_text());
    REQUIRE(demo.ok());
    Catalogue snapshot = std::move(demo).value();
    snapshot.dates_as_of.reset();
    snapshot.version = 7;
    Catalogue delta;
    delta.version = 8;
    Route route = snapshot.routes.front();
    route.id = "r-hunchun";
    route.title = "珲春边境游";
    delta.routes.push_back(route);
    REQUIRE(catalogue_readings(snapshot).find("珲") == std::string::npos);
    // Encoded here with the native table, as the server does.
    return {nlohmann::json(snapshot).dump(), nlohmann::json(delta).dump()};
}

}  // namespace

TEST_CASE("search spells a character a delta brings with the readings the delta carries", "[sync][pinyin]") {
    const auto [snapshot, delta] = snapshot_and_delta();
    forget_learned_pinyin_readings();
    {
        const IgnoreBuiltinPinyinForTest no_table;  // as the web build
        ReadingsRig rig(snapshot, delta);
        rig.poll(kNow);
        REQUIRE(rig.engine.state().catalogue.version == 7);
        CHECK_FALSE(rig.titles_found("quzhou").empty());  // the snapshot's readings
        CHECK(rig.titles_found("hunchun").empty());

        rig.poll(kNow + 61);  // the delta
        REQUIRE(rig.engine.state().catalogue.version == 8);
        CHECK(rig.titles_found("hunchun") == std::vector<std::string>{"珲春边境游"});
        CHECK(rig.titles_found("huichun") == std::vector<std::string>{"珲春边境游"});
        CHECK(rig.titles_found("珲春") == std::vector<std::string>{"珲春边境游"});
    }
    forget_learned_pinyin_readings();
}

TEST_CASE("without the delta's readings its new character is unknown to search", "[sync][pinyin]") {
    auto [snapshot, delta] = snapshot_and_delta();
    nlohmann::json stripped = nlohmann::json::parse(delta);
    stripped.erase("readings");
    forget_learned_pinyin_readings();
    {
        const IgnoreBuiltinPinyinForTest no_table;
        ReadingsRig rig(snapshot, stripped.dump());
        rig.poll(kNow);
        rig.poll(kNow + 61);
        REQUIRE(rig.engine.state().catalogue.version == 8);
        CHECK(rig.titles_found("hunchun").empty());  // 珲 has no reading: left out, as unknown characters are
        CHECK(rig.titles_found("珲春") == std::vector<std::string>{"珲春边境游"});  // literally, as ever
    }
    forget_learned_pinyin_readings();
}
