// The sync engine against a real liaoxiu-server process (demo catalogue and accounts):
// sign-in, snapshot and deltas with ETags, joins (confirmed, waitlisted), withdrawal,
// the outbox across a server outage and a page reload, a refusal that drops an action,
// exactly-once delivery when an answer is lost, and browsing offline from the cache.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/dates.hpp"
#include "core/generate_history.hpp"
#include "platform/desktop/file_storage.hpp"
#include "sync/persist.hpp"
#include "sync_harness.hpp"

#include <memory>

using namespace liaoxiu;
using namespace liaoxiu::sync_test;
using sync::Connection;
using sync::PendingAction;

namespace {

struct Rig {
    platform::HttpTransport http;
    RecordingTransport recorder{http};
    TestClock clock;
    sync::SyncEngine engine;

    Rig(sync::Storage& storage, const std::string& api_base, sync::EngineOptions options = {}, Instant offset = 0)
        : clock{offset}, engine(recorder, storage, seeded(options)) {
        sync::ClientConfig config;
        config.api_base = api_base;
        engine.configure(config);
    }
    static sync::EngineOptions seeded(sync::EngineOptions options) {
        if (options.seed == 0) options.seed = 20261129;
        return options;
    }
    const sync::ClientState& state() const { return engine.state(); }
    bool run(const std::function<bool()>& done, int seconds = 20) {
        return drive(engine, http, clock, done, std::chrono::seconds(seconds));
    }
    void settle() { sync_test::settle(engine, http, clock); }
    void synced() {
        REQUIRE(run([&] { return state().synced_at > 0 && !state().catalogue_from_cache; }));
    }
    void sign_in(const std::string& login) {
        engine.sign_in(login, kDemoPassword);
        REQUIRE(run([&] { return !state().signing_in; }));
        INFO(all_notices(state()));
        REQUIRE(state().session.has_value());
        settle();
    }
};

struct Server {
    TempDir dir;
    ServerProcess process{demo_server_args(dir.path() / "db"), free_port()};
};

// The waiting places a trip has now: a newcomer's position is one more.
int waiting_places(const GroupTrip& trip) {
    int waiting = 0;
    for (const auto& place : trip.places) waiting += place.state == PlaceState::waitlisted ? 1 : 0;
    return waiting;
}

}  // namespace

TEST_CASE("sign in, catalogue snapshot, then deltas answered 304 when nothing changed", "[sync][server]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    CHECK(rig.state().connection == Connection::connecting);
    rig.synced();
    CHECK(rig.state().connection == Connection::online);
    CHECK(rig.state().catalogue.routes.size() == 26);
    // The demo catalogue's 18 groups, and the demo's past trips ("g-h-…", core/generate_history.hpp).
    const auto past = std::count_if(rig.state().groups.begin(), rig.state().groups.end(),
                                    [](const sync::GroupView& g) { return g.trip().id.rfind("g-h-", 0) == 0; });
    CHECK(past > 0);
    CHECK(rig.state().groups.size() - static_cast<std::size_t>(past) == 18);
    // Counts are derived from the places, exactly as the endpoint counts them.
    const auto* full = find_group(rig.state(), "g-qz-006");
    REQUIRE(full);
    CHECK(full->counts.places_left == 0);
    CHECK(storage.get(sync::kCatalogueKey).has_value());

    const auto version = rig.state().catalogue.version;
    rig.engine.refresh();
    rig.settle();
    rig.engine.refresh();
    rig.settle();
    auto requests = rig.recorder.matching("GET", "/catalogue");
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].request.url == api_base(server.process) + "/catalogue");
    CHECK(requests[0].status == 200);
    CHECK(requests[1].request.url == api_base(server.process) + "/catalogue?since=" + std::to_string(version));
    CHECK(requests[1].status == 200);  // an empty delta, with its own ETag
    CHECK(requests[2].request.url == requests[1].request.url);
    CHECK(sync::header_value(requests[2].request.headers, "If-None-Match") != "");
    CHECK(requests[2].status == 304);
    CHECK(rig.state().catalogue.version == version);

    rig.sign_in("u-qz-power-01");
    const auto& session = *rig.state().session;
    CHECK(session.role == sync::Role::worker);
    CHECK(session.id == "w-u-qz-power-1");
    CHECK(session.unit == "u-qz-power");
    CHECK(session.account == "u-qz-power-01");
    CHECK(rig.state().my_trips_loaded);
    CHECK(has_notice(rig.state(), "登录成功"));
    // The token survives a reload (not in kiosk mode)...
    auto stored = storage.get(sync::kSessionKey);
    REQUIRE(stored);
    CHECK(sync::decode_session(*stored).has_value());
    // ...and goes with sign-out.
    rig.engine.sign_out();
    CHECK_FALSE(rig.state().session);
    CHECK_FALSE(storage.get(sync::kSessionKey));
    rig.settle();
    CHECK(rig.recorder.matching("DELETE", "/sessions/current").size() == 1);
}

TEST_CASE("a wrong password is told in words and nothing is kept", "[sync][server]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.engine.sign_in("u-qz-power-01", "not-the-password");
    REQUIRE(rig.run([&] { return !rig.state().signing_in; }));
    CHECK_FALSE(rig.state().session);
    CHECK(has_notice(rig.state(), "登录失败：账号或密码不正确"));
    CHECK_FALSE(storage.get(sync::kSessionKey));
}

TEST_CASE("join confirmed, join a full group onto the waiting list, withdraw", "[sync][server]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    rig.sign_in("u-qz-power-01");

    const int confirmed_before = find_group(rig.state(), "g-qz-001")->counts.confirmed;
    rig.engine.join("g-qz-001");
    CHECK(rig.state().outbox.size() == 1);
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "报名成功，已确认名额"));
    rig.settle();
    REQUIRE(find_trip(rig.state(), "g-qz-001"));
    CHECK(find_trip(rig.state(), "g-qz-001")->state == PlaceState::confirmed);
    CHECK(find_group(rig.state(), "g-qz-001")->counts.confirmed == confirmed_before + 1);  // from the delta

    // The places are in the catalogue (group views carry counts only).
    const auto& groups = rig.state().catalogue.groups;
    const auto found = std::find_if(groups.begin(), groups.end(), [](const GroupTrip& g) { return g.id == "g-qz-006"; });
    REQUIRE(found != groups.end());
    const GroupTrip& full = *found;
    const int expected_position = waiting_places(full) + 1;
    rig.engine.join("g-qz-006");
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    CHECK(has_notice(rig.state(), "已满员，已为您加入候补第" + std::to_string(expected_position) + "位"));
    rig.settle();
    REQUIRE(find_trip(rig.state(), "g-qz-006"));
    CHECK(find_trip(rig.state(), "g-qz-006")->state == PlaceState::waitlisted);
    CHECK(find_trip(rig.state(), "g-qz-006")->waitlist_position == expected_position);

    // Joining again is refused here, without a request.
    const auto joins_sent = rig.recorder.matching("POST", "/join").size();
    rig.engine.join("g-qz-001");
    CHECK(rig.state().outbox.empty());
    CHECK(has_notice(rig.state(), "报名未提交：您已在该团中"));
    rig.settle();
    CHECK(rig.recorder.matching("POST", "/join").size() == joins_sent);

    rig.engine.withdraw("g-qz-001");
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    CHECK(has_notice(rig.state(), "已退出该团"));
    rig.settle();
    CHECK(find_trip(rig.state(), "g-qz-001")->state == PlaceState::withdrawn);
    CHECK(find_group(rig.state(), "g-qz-001")->counts.confirmed == confirmed_before);
    CHECK(places_of_worker(server.process, "g-qz-001", "admin", "w-u-qz-power-1") == 1);  // withdrawn
}

TEST_CASE("a join into a closed group is refused at once and never sent", "[sync][server]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    rig.engine.join("g-qz-001");
    CHECK(has_notice(rig.state(), "请先登录"));
    rig.sign_in("u-qz-power-02");
    rig.engine.join("g-qz-010");  // cancelled
    CHECK(has_notice(rig.state(), "报名未提交：该团已取消"));
    rig.engine.join("g-qz-007");  // its deadline has passed
    CHECK(has_notice(rig.state(), "报名未提交：报名已截止"));
    CHECK(rig.state().outbox.empty());
    rig.settle();
    CHECK(rig.recorder.matching("POST", "/join").empty());
}

TEST_CASE("outbox: a join made while the server is down survives a reload and lands exactly once",
          "[sync][server][outbox]") {
    Server server;
    TempDir state_dir;
    std::string key;
    {
        platform::FileStorage storage(state_dir.path());
        Rig rig(storage, api_base(server.process));
        rig.synced();
        rig.sign_in("u-qz-juhua-01");
        server.process.stop();

        rig.engine.join("g-qz-011");
        REQUIRE(rig.run([&] { return rig.state().connection == Connection::offline; }));
        INFO(all_notices(rig.state()));
        CHECK(has_notice(rig.state(), "网络不可用，已保存，联网后自动提交"));
        REQUIRE(rig.state().outbox.size() == 1);
        key = rig.state().outbox.front().idempotency_key;
        CHECK(key.size() == 32);
        CHECK(rig.state().outbox.front().attempts >= 1);
        CHECK(rig.state().outbox.front().next_attempt > rig.clock.now());  // backing off
        auto stored = storage.get(sync::kOutboxKey);
        REQUIRE(stored);
        CHECK(stored->find(key) != std::string::npos);
    }  // the page is closed

    platform::FileStorage storage(state_dir.path());
    Rig reloaded(storage, api_base(server.process));
    REQUIRE(reloaded.state().outbox.size() == 1);
    CHECK(reloaded.state().outbox.front().idempotency_key == key);
    CHECK(reloaded.state().outbox.front().kind == PendingAction::Kind::join);
    REQUIRE(reloaded.state().session);
    CHECK(reloaded.state().catalogue.routes.size() == 26);  // from the cache, before any answer
    CHECK(reloaded.state().catalogue_from_cache);

    server.process.start();
    reloaded.clock.offset = 600;  // past any backoff window
    REQUIRE(reloaded.run([&] { return reloaded.state().outbox.empty(); }, 30));
    INFO(all_notices(reloaded.state()));
    CHECK(has_notice(reloaded.state(), "报名成功，已确认名额"));
    CHECK_FALSE(storage.get(sync::kOutboxKey));
    auto sent = reloaded.recorder.matching("POST", "/groups/g-qz-011/join");
    REQUIRE_FALSE(sent.empty());
    for (const auto& exchange : sent) CHECK(sync::header_value(exchange.request.headers, "Idempotency-Key") == key);
    reloaded.settle();
    CHECK(places_of_worker(server.process, "g-qz-011", "admin", "w-u-qz-juhua-1") == 1);
}

TEST_CASE("outbox: an answer lost on the way back is retried under the same key and applied once",
          "[sync][server][outbox]") {
    Server server;
    sync::MemoryStorage storage;
    sync::EngineOptions options;
    options.backoff.base_seconds = 1;
    Rig rig(storage, api_base(server.process), options);
    rig.synced();
    rig.sign_in("u-qz-juhua-02");
    int lost = 0;
    rig.recorder.tamper = [&](const sync::HttpRequest& request, sync::HttpResponse& response) {
        if (request.url.find("/join") != std::string::npos && lost == 0) {
            ++lost;  // the endpoint did the work; the phone never heard
            response = sync::HttpResponse{0, {}, "connection reset"};
        }
    };
    rig.engine.join("g-qz-002");
    REQUIRE(rig.run([&] { return lost == 1; }));
    CHECK(rig.state().outbox.size() == 1);
    rig.clock.offset = 600;
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "报名成功，已确认名额"));
    auto sent = rig.recorder.matching("POST", "/groups/g-qz-002/join");
    REQUIRE(sent.size() == 2);
    CHECK(sync::header_value(sent[0].request.headers, "Idempotency-Key") ==
          sync::header_value(sent[1].request.headers, "Idempotency-Key"));
    CHECK(places_of_worker(server.process, "g-qz-002", "admin", "w-u-qz-juhua-2") == 1);
}

TEST_CASE("outbox: a refusal by the endpoint drops the action and says why", "[sync][server][outbox]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    // The phone's clock is a week behind: it believes g-qz-007 still takes joins (its
    // deadline passed, as of whenever the server loaded the demo); the endpoint knows better.
    const auto locked = std::find_if(rig.state().catalogue.groups.begin(), rig.state().catalogue.groups.end(),
                                     [](const GroupTrip& g) { return g.id == "g-qz-007"; });
    REQUIRE(locked != rig.state().catalogue.groups.end());
    REQUIRE(locked->join_deadline < rig.clock.now());
    rig.clock.offset = (locked->join_deadline - 7 * 24 * 3600) - static_cast<Instant>(std::time(nullptr));
    rig.sign_in("u-qz-power-03");
    rig.engine.join("g-qz-007");
    REQUIRE(rig.state().outbox.size() == 1);
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "报名未成功：报名已截止"));
    rig.clock.offset += 3600;
    rig.settle();
    CHECK(rig.recorder.matching("POST", "/join").size() == 1);  // never retried
    CHECK(rig.state().session);                                  // a refusal is no reason to sign out
}

TEST_CASE("an organizer opens a group trip and cancels it", "[sync][server]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    rig.sign_in("u-qz-power-union");
    CHECK(rig.state().session->role == sync::Role::organizer);

    const Instant now = rig.clock.now();
    GroupDraft draft;
    draft.route = "r-qz-changshan-3d";
    draft.departure = day_of(now) + 60;
    draft.min_size = 2;
    draft.max_size = 3;
    draft.join_deadline = now + 30 * 24 * 3600;
    GroupDraft bad = draft;
    bad.max_size = 1;  // below min_size
    rig.engine.open_group(bad);
    CHECK(has_notice(rig.state(), "发起拼团未提交"));
    CHECK(rig.state().outbox.empty());

    rig.engine.open_group(draft);
    REQUIRE(rig.state().outbox.size() == 1);
    const Id id = rig.state().outbox.front().group;
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "拼团已发起"));
    REQUIRE(rig.run([&] { return find_group(rig.state(), id) != nullptr; }));
    CHECK(find_group(rig.state(), id)->trip().organizer_unit == "u-qz-power");

    rig.engine.cancel_group(id, "   ");
    CHECK(has_notice(rig.state(), "取消拼团未提交：请填写取消原因"));
    rig.engine.cancel_group(id, "单位临时安排生产任务");
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    CHECK(has_notice(rig.state(), "拼团已取消"));
    REQUIRE(rig.run([&] { return find_group(rig.state(), id)->trip().state == GroupState::cancelled; }));
}

TEST_CASE("the cached catalogue is shown offline by a new engine with no server", "[sync][server][offline]") {
    TempDir state_dir;
    std::string base;
    {
        Server server;
        base = api_base(server.process);
        platform::FileStorage storage(state_dir.path());
        Rig rig(storage, base);
        rig.synced();
    }  // the server is gone

    platform::FileStorage storage(state_dir.path());
    Rig rig(storage, base);
    CHECK(rig.state().catalogue.routes.size() == 26);
    CHECK(rig.state().catalogue_from_cache);
    CHECK(rig.state().synced_at > 0);
    // A bundled catalogue arriving later does not replace what the endpoint sent.
    rig.engine.offer_bundled_catalogue(R"({"format_version":1,"version":99,"alliances":[],"members":[],
        "routes":[],"policies":[],"units":[],"groups":[]})", rig.clock.now());
    CHECK(rig.state().catalogue.routes.size() == 26);
    REQUIRE(rig.run([&] { return rig.state().connection == Connection::offline; }));
    CHECK(has_notice(rig.state(), "网络不可用，正在离线浏览已保存的线路"));
    CHECK(rig.state().catalogue.routes.size() == 26);
    rig.engine.sign_in("u-qz-power-01", kDemoPassword);
    REQUIRE(rig.run([&] { return !rig.state().signing_in; }));
    CHECK(has_notice(rig.state(), "网络不可用，无法登录"));
}

TEST_CASE("kiosk mode keeps nothing personal in storage", "[sync][server][kiosk]") {
    Server server;
    sync::MemoryStorage storage;
    storage.put(sync::kSessionKey, "left by an earlier visitor");
    sync::EngineOptions options;
    options.kiosk = true;
    Rig rig(storage, api_base(server.process), options);
    CHECK(rig.state().kiosk);
    CHECK_FALSE(storage.get(sync::kSessionKey));
    rig.synced();
    rig.sign_in("u-qz-hospital-01");
    rig.engine.join("g-qz-001");
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    CHECK(has_notice(rig.state(), "报名成功"));
    rig.settle();
    for (const auto& [key, value] : storage.values()) {
        INFO(key);
        CHECK(key == sync::kCatalogueKey);
        CHECK(value.find("w-u-qz-hospital-1") == std::string::npos);
    }
}

// ---- the unit union's desk (organizers) ----------------------------------------------

TEST_CASE("opening a group trip is told once, and the id the intent gave is the trip's", "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    rig.sign_in("u-qz-power-union");
    const std::size_t notices_before = rig.state().notices.size();
    const Instant now = rig.clock.now();
    GroupDraft draft;
    draft.route = "r-qz-changshan-3d";
    draft.departure = day_of(now) + 60;
    draft.min_size = 2;
    draft.max_size = 3;
    draft.join_deadline = now + 30 * 24 * 3600;
    const Id id = rig.engine.open_group(draft);
    REQUIRE(!id.empty());
    CHECK(rig.state().outbox.front().group == id);
    REQUIRE(rig.run([&] { return find_group(rig.state(), id) != nullptr; }));
    INFO(all_notices(rig.state()));
    int told = 0;
    for (std::size_t i = notices_before; i < rig.state().notices.size(); ++i) {
        if (rig.state().notices[i].zh.find("拼团") != std::string::npos) ++told;
    }
    CHECK(told == 1);
    CHECK(has_notice(rig.state(), "拼团已发起，可以分享给职工了"));
    GroupDraft refused = draft;
    refused.max_size = 1;
    CHECK(rig.engine.open_group(refused).empty());
}

TEST_CASE("a union loads a roster, adds a worker and frees a place with a reason the worker sees",
          "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    rig.sign_in("u-qz-school2-union");
    const Id group = "g-qz-001";
    auto roster = [&]() -> const sync::RosterView* {
        for (const auto& view : rig.state().rosters)
            if (view.group == group) return &view;
        return nullptr;
    };

    rig.engine.load_roster(group);
    REQUIRE(rig.run([&] { return roster() && roster()->status == sync::RosterView::Status::loaded; }));
    // Its own unit's places by id (the demo's workers have no accounts, so no names), the sanitation unit as a count.
    CHECK(roster()->roster.workers.size() == 7);
    REQUIRE(roster()->roster.other_units.size() == 1);
    CHECK(roster()->roster.other_units[0].unit == "u-qz-sanitation");
    CHECK(roster()->roster.other_units[0].confirmed == 3);

    rig.engine.load_unit_workers();
    REQUIRE(rig.run([&] { return rig.state().unit_workers_loaded; }));
    // The three documented demo workers and the 20 who hold places in the demo's groups (docs/api.md),
    // beside the workers of the demo's past trips ("w-h-…") and its traveller (core/generate_history.hpp).
    const auto& workers = rig.state().unit_workers;
    const auto past = std::count_if(workers.begin(), workers.end(), [](const auto& w) {
        return w.id.rfind("w-h-", 0) == 0 || w.id == kDemoTravellerId;
    });
    CHECK(workers.size() - static_cast<std::size_t>(past) == 23);
    const auto documented = std::find_if(workers.begin(), workers.end(), [](const auto& w) { return w.id == "w-u-qz-school2-1"; });
    REQUIRE(documented != workers.end());
    const Id worker = documented->id;

    rig.engine.add_worker(group, worker);
    REQUIRE(rig.state().outbox.size() == 1);
    CHECK(rig.state().outbox.front().kind == PendingAction::Kind::add_worker);
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "已为职工报名"));
    // The roster is fetched again on its own: the added worker is there by name.
    auto shows = [&](PlaceState state) {
        for (const auto& w : roster()->roster.workers)
            if (w.worker == worker && w.state == state) return true;
        return false;
    };
    REQUIRE(rig.run([&] { return roster()->status == sync::RosterView::Status::loaded && shows(PlaceState::confirmed); }));
    CHECK(roster()->roster.workers.back().name == "衢州市第二中学职工1");

    rig.engine.withdraw_worker(group, worker, "  ");
    CHECK(has_notice(rig.state(), "为职工退出未提交：为职工退出拼团须填写原因"));
    CHECK(rig.state().outbox.empty());
    rig.engine.withdraw_worker(group, worker, "单位临时有接待任务");
    REQUIRE(rig.state().outbox.size() == 1);
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    CHECK(has_notice(rig.state(), "已为职工退出该团"));
    REQUIRE(rig.run([&] { return roster()->status == sync::RosterView::Status::loaded && shows(PlaceState::withdrawn); }));
    CHECK(roster()->roster.workers.back().reason == "单位临时有接待任务");

    // The worker, signed in on their own phone, sees why.
    sync::MemoryStorage phone_storage;
    Rig phone(phone_storage, api_base(server.process));
    phone.synced();
    phone.sign_in("u-qz-school2-01");
    REQUIRE(phone.run([&] { return phone.state().my_trips_loaded; }));
    const sync::MyTrip* mine = find_trip(phone.state(), group);
    REQUIRE(mine);
    CHECK(mine->state == PlaceState::withdrawn);
    CHECK(mine->reason == "单位临时有接待任务");

    // A worker may not load a roster: told at once, nothing sent.
    const std::size_t sent = phone.recorder.matching("GET", "/roster").size();
    phone.engine.load_roster(group);
    CHECK(has_notice(phone.state(), "职工不能查看拼团名单"));
    CHECK(phone.recorder.matching("GET", "/roster").size() == sent);
}

TEST_CASE("a worker added while the server is down survives a reload and is added exactly once",
          "[sync][server][desk][outbox]") {
    Server server;
    TempDir state_dir;
    std::string key;
    {
        platform::FileStorage storage(state_dir.path());
        Rig rig(storage, api_base(server.process));
        rig.synced();
        rig.sign_in("u-qz-school2-union");
        server.process.stop();
        rig.engine.add_worker("g-qz-001", "w-u-qz-school2-2");
        REQUIRE(rig.run([&] { return rig.state().connection == Connection::offline; }));
        REQUIRE(rig.state().outbox.size() == 1);
        key = rig.state().outbox.front().idempotency_key;
    }  // the page is closed

    platform::FileStorage storage(state_dir.path());
    Rig reloaded(storage, api_base(server.process));
    REQUIRE(reloaded.state().outbox.size() == 1);
    CHECK(reloaded.state().outbox.front().kind == PendingAction::Kind::add_worker);
    CHECK(reloaded.state().outbox.front().worker == "w-u-qz-school2-2");
    server.process.start();
    reloaded.clock.offset = 600;  // past any backoff window
    REQUIRE(reloaded.run([&] { return reloaded.state().outbox.empty(); }, 30));
    INFO(all_notices(reloaded.state()));
    CHECK(has_notice(reloaded.state(), "已为职工报名"));
    auto sent = reloaded.recorder.matching("POST", "/groups/g-qz-001/join");
    REQUIRE_FALSE(sent.empty());
    for (const auto& exchange : sent) {
        CHECK(sync::header_value(exchange.request.headers, "Idempotency-Key") == key);
        CHECK(exchange.request.body == "{\"worker\":\"w-u-qz-school2-2\"}");
    }
    reloaded.settle();
    CHECK(places_of_worker(server.process, "g-qz-001", "admin", "w-u-qz-school2-2") == 1);
}

TEST_CASE("a union reads its approval queue, approves one place, declines another with a reason the worker sees",
          "[sync][server][approval]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    const Id group = "g-qz-004";
    const auto& approvals = rig.state().approvals;
    auto pending_of = [&](const Id& worker) -> const wire::ApprovalEntry* {
        for (const auto& entry : approvals.queue.approvals)
            if (entry.group == group && entry.worker == worker) return &entry;
        return nullptr;
    };

    // A second worker of 江山水务 joins the same group: held as pending_approval too.
    sync::MemoryStorage worker_storage;
    Rig worker2(worker_storage, api_base(server.process));
    worker2.synced();
    worker2.sign_in("u-js-water-02");
    worker2.engine.join(group);
    REQUIRE(worker2.run([&] { return worker2.state().outbox.empty(); }));
    INFO(all_notices(worker2.state()));
    const sync::MyTrip* held = find_trip(worker2.state(), group);
    REQUIRE(held);
    CHECK(held->state == PlaceState::pending_approval);

    // The union signs in: its queue is read on its own, the demo's place and the new one in it.
    rig.sign_in("u-js-water-union");
    REQUIRE(rig.run([&] { return approvals.status == sync::ReadStatus::loaded; }));
    CHECK(approvals.queue.unit == "u-js-water");
    CHECK(approvals.queue.approval_required);
    REQUIRE(approvals.queue.approvals.size() == 2);
    const wire::ApprovalEntry* first = pending_of("w-u-js-water-1");
    REQUIRE(first);
    CHECK(first->worker_name == "江山市自来水有限公司职工1");
    CHECK(first->member_number == "u-js-water-01");
    CHECK(first->decision_due <= approvals.queue.approvals.back().decision_due);
    const std::string title = first->route_title;
    CHECK_FALSE(title.empty());

    // 同意: told by name, gone from the queue, which is read again.
    rig.engine.approve_place(group, "w-u-js-water-1");
    CHECK(approvals.deciding.size() == 1);
    REQUIRE(rig.run([&] { return approvals.deciding.empty() && approvals.status == sync::ReadStatus::loaded; }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "已同意 江山市自来水有限公司职工1 参加“" + title + "”"));
    CHECK_FALSE(pending_of("w-u-js-water-1"));
    CHECK(pending_of("w-u-js-water-2"));
    CHECK(rig.recorder.matching("GET", "/units/u-js-water/approvals").size() >= 2);

    // Deciding the same place again: the endpoint's refusal, in its words.
    rig.engine.approve_place(group, "w-u-js-water-1");
    REQUIRE(rig.run([&] { return approvals.deciding.empty() && has_notice(rig.state(), "审批未提交："); }));

    // 不同意 with a blank reason: refused at once by the core's rule, nothing sent.
    const std::size_t declines = rig.recorder.matching("POST", "/decline").size();
    rig.engine.decline_place(group, "w-u-js-water-2", "   ");
    CHECK(has_notice(rig.state(), "审批未提交：请填写不同意的原因"));
    CHECK(rig.recorder.matching("POST", "/decline").size() == declines);
    rig.engine.decline_place(group, "w-u-js-water-2", "本季度单位工作任务重");
    REQUIRE(rig.run([&] { return approvals.deciding.empty() && has_notice(rig.state(), "已不同意 江山市自来水有限公司职工2"); }));
    REQUIRE(rig.run([&] { return approvals.status == sync::ReadStatus::loaded && approvals.queue.approvals.empty(); }));

    // The workers see it: the first confirmed, the second declined with the union's reason.
    worker2.engine.refresh();
    REQUIRE(worker2.run([&] {
        const sync::MyTrip* mine = find_trip(worker2.state(), group);
        return mine && mine->state == PlaceState::declined;
    }));
    CHECK(find_trip(worker2.state(), group)->reason == "本季度单位工作任务重");
    sync::MemoryStorage phone_storage;
    Rig phone(phone_storage, api_base(server.process));
    phone.synced();
    phone.sign_in("u-js-water-01");
    REQUIRE(phone.run([&] { return phone.state().my_trips_loaded; }));
    const sync::MyTrip* mine = find_trip(phone.state(), group);
    REQUIRE(mine);
    CHECK(mine->state == PlaceState::confirmed);

    // A worker may not decide: told at once, nothing sent; a worker's engine never reads a queue.
    const std::size_t approves = phone.recorder.matching("POST", "/approve").size();
    phone.engine.approve_place(group, "w-u-js-water-1");
    CHECK(has_notice(phone.state(), "只有单位工会账号可以同意"));
    CHECK(phone.recorder.matching("POST", "/approve").size() == approves);
    CHECK(phone.recorder.matching("GET", "/approvals").empty());
}

TEST_CASE("a worker's engine reads their messages on its own, marks them read, and the unread count follows",
          "[sync][server][notifications]") {
    Server server;
    const Id group = "g-qz-004";  // 江山水务's workers need their union's approval on it
    const std::string reason = "本季度单位工作任务重";
    const auto& inbox_of = [](const Rig& rig) -> const sync::NotificationsView& { return rig.state().notifications; };

    sync::MemoryStorage worker_storage;
    Rig worker(worker_storage, api_base(server.process));
    worker.synced();
    worker.sign_in("u-js-water-02");
    // Read at sign-in, with nothing in it yet.
    REQUIRE(worker.run([&] { return inbox_of(worker).status == sync::ReadStatus::loaded; }));
    CHECK(inbox_of(worker).page.notifications.empty());
    CHECK(inbox_of(worker).page.unread == 0);
    worker.engine.join(group);
    REQUIRE(worker.run([&] { return worker.state().outbox.empty(); }));

    sync::MemoryStorage union_storage;
    Rig union_rig(union_storage, api_base(server.process));
    union_rig.synced();
    union_rig.sign_in("u-js-water-union");
    REQUIRE(union_rig.run([&] { return union_rig.state().approvals.status == sync::ReadStatus::loaded; }));
    union_rig.engine.decline_place(group, "w-u-js-water-2", reason);
    REQUIRE(union_rig.run([&] { return has_notice(union_rig.state(), "已不同意"); }));

    // refresh_seconds later the worker's engine reads again on its own: the union's decision, unread.
    const std::size_t reads = worker.recorder.matching("GET", "/me/notifications").size();
    worker.clock.offset += sync::kDefaultRefreshSeconds + 1;
    REQUIRE(worker.run([&] { return inbox_of(worker).page.unread == 1; }));
    CHECK(worker.recorder.matching("GET", "/me/notifications").size() > reads);
    REQUIRE(inbox_of(worker).page.notifications.size() == 1);
    const wire::NotificationEntry entry = inbox_of(worker).page.notifications.front();
    CHECK(entry.kind == NotificationKind::approval_declined);
    CHECK(entry.group == group);
    CHECK(entry.reason == reason);
    CHECK(entry.text_zh.find(reason) != std::string::npos);
    CHECK_FALSE(entry.read);

    // Seen: marked read on the endpoint, the count from its answer; another device reads it read.
    worker.engine.notifications_read(entry.id);
    CHECK(inbox_of(worker).marking_up_to == entry.id);
    REQUIRE(worker.run([&] { return inbox_of(worker).marking_up_to == 0; }));
    CHECK(inbox_of(worker).page.unread == 0);
    CHECK(inbox_of(worker).page.notifications.front().read);
    sync::MemoryStorage phone_storage;
    Rig phone(phone_storage, api_base(server.process));
    phone.synced();
    phone.sign_in("u-js-water-02");
    REQUIRE(phone.run([&] { return inbox_of(phone).status == sync::ReadStatus::loaded; }));
    REQUIRE(inbox_of(phone).page.notifications.size() == 1);
    CHECK(inbox_of(phone).page.notifications.front().read);
    CHECK(inbox_of(phone).page.unread == 0);

    // Signing out forgets them.
    phone.engine.sign_out();
    CHECK(inbox_of(phone).page.notifications.empty());

    // The secretariat has none, and a kiosk never asks.
    sync::MemoryStorage desk_storage;
    Rig desk(desk_storage, api_base(server.process));
    desk.synced();
    desk.sign_in("admin");
    desk.engine.load_notifications();
    desk.settle();
    CHECK(desk.recorder.matching("GET", "/me/notifications").empty());
    sync::MemoryStorage kiosk_storage;
    sync::EngineOptions kiosk_options;
    kiosk_options.kiosk = true;
    Rig kiosk(kiosk_storage, api_base(server.process), kiosk_options);
    kiosk.synced();
    kiosk.sign_in("u-js-water-02");
    kiosk.settle();
    CHECK(kiosk.recorder.matching("GET", "/me/notifications").empty());
}

TEST_CASE("a worker's engine reads their effective union rules at sign-in and on refresh, and forgets them",
          "[sync][server][rules]") {
    Server server;
    sync::MemoryStorage storage;
    Rig worker(storage, api_base(server.process));
    worker.synced();
    const auto& mine = [&]() -> const sync::MyRulesView& { return worker.state().my_rules; };
    CHECK(mine().status == sync::ReadStatus::none);  // signed out: nothing to read

    // 巨化集团's own rules over the alliance's defaults (the demo's: docs/api.md "Union rules").
    worker.sign_in("u-qz-juhua-01");
    REQUIRE(worker.run([&] { return mine().status == sync::ReadStatus::loaded; }));
    REQUIRE(mine().rules);
    CHECK(mine().rules->unit_share_percent == 30);
    CHECK(mine().rules->allowance.cost_standard == 80000);
    CHECK(mine().rules->allowance.trips_per_year == 3);
    CHECK(mine().rules->allowance.days_per_year == 15);
    CHECK(mine().rules->allowance.out_of_province_every_years == 3);
    CHECK(worker.recorder.matching("GET", "/me/allowance").size() == 1);

    // Read once per session, again on refresh; sign-out forgets them.
    worker.clock.offset += sync::kDefaultRefreshSeconds + 1;
    worker.settle();
    CHECK(worker.recorder.matching("GET", "/me/allowance").size() == 1);
    worker.engine.refresh();
    REQUIRE(worker.run([&] { return worker.recorder.matching("GET", "/me/allowance").size() == 2 &&
                                    mine().status == sync::ReadStatus::loaded; }));
    worker.engine.sign_out();
    CHECK_FALSE(mine().rules);
    CHECK(mine().status == sync::ReadStatus::none);

    // A union and the secretariat have no allowance: their engines never ask.
    worker.sign_in("u-qz-juhua-union");
    worker.settle();
    worker.engine.sign_out();
    worker.sign_in("admin");
    worker.settle();
    CHECK(worker.recorder.matching("GET", "/me/allowance").size() == 2);
}

TEST_CASE("an organizer opens its own-unit group to all units, and another unit's worker can then join",
          "[sync][server][visibility]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    rig.sign_in("u-qz-power-union");
    const Instant now = rig.clock.now();
    GroupDraft draft;
    draft.route = "r-qz-changshan-3d";
    draft.departure = day_of(now) + 60;
    draft.min_size = 2;
    draft.max_size = 6;
    draft.join_deadline = now + 30 * 24 * 3600;
    draft.visibility = Visibility::own_unit;
    const Id id = rig.engine.open_group(draft);
    REQUIRE(rig.run([&] { return rig.state().outbox.empty() && find_group(rig.state(), id) != nullptr; }));
    CHECK(find_group(rig.state(), id)->trip().visibility == Visibility::own_unit);

    // A worker of another unit is refused at once: the group is not open to them.
    sync::MemoryStorage worker_storage;
    Rig worker(worker_storage, api_base(server.process));
    worker.synced();
    worker.sign_in("u-qz-juhua-01");
    REQUIRE(worker.run([&] { return find_group(worker.state(), id) != nullptr; }));
    worker.engine.join(id);
    CHECK(has_notice(worker.state(), "该团仅限"));
    CHECK(worker.recorder.matching("POST", "/groups/" + id + "/join").empty());

    // Another unit's union may not open it: refused at once, nothing sent.
    sync::MemoryStorage other_storage;
    Rig other(other_storage, api_base(server.process));
    other.synced();
    other.sign_in("u-qz-juhua-union");
    REQUIRE(other.run([&] { return find_group(other.state(), id) != nullptr; }));
    other.engine.open_to_all(id);
    CHECK(has_notice(other.state(), "只有组团单位工会或联盟秘书处可以向所有单位开放该团"));
    CHECK(other.recorder.matching("POST", "/open-to-all").empty());

    // Its own union opens it: told, and every engine's catalogue says so at its next sync.
    rig.engine.open_to_all(id);
    REQUIRE(rig.state().outbox.size() == 1);
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "已开放给所有单位"));
    REQUIRE(rig.run([&] { return find_group(rig.state(), id)->trip().visibility == Visibility::alliance; }));
    rig.engine.open_to_all(id);  // open already: nothing more to send
    CHECK(rig.state().outbox.empty());

    worker.engine.refresh();
    REQUIRE(worker.run([&] { return find_group(worker.state(), id)->trip().visibility == Visibility::alliance; }));
    worker.engine.join(id);
    REQUIRE(worker.run([&] { return worker.state().outbox.empty(); }));
    const sync::MyTrip* joined = find_trip(worker.state(), id);
    REQUIRE(joined);
    CHECK(joined->state == PlaceState::confirmed);
}

TEST_CASE("a union reads and saves its unit's rules, the core checks them first, and its worker is held to them",
          "[sync][server][rules]") {
    Server server;
    sync::MemoryStorage storage;
    Rig rig(storage, api_base(server.process));
    rig.synced();
    rig.sign_in("u-qz-juhua-union");
    const auto& settings = rig.state().rules_settings;

    rig.engine.load_rules_settings(RulesScope::unit, "u-qz-juhua");
    REQUIRE(rig.run([&] { return settings.status == sync::ReadStatus::loaded; }));
    REQUIRE(settings.answer);
    CHECK(settings.answer->scope == RulesScope::unit);
    CHECK(settings.answer->rules.unit_share_percent == 30);
    REQUIRE(settings.answer->alliance_rules);
    CHECK(settings.answer->alliance_rules->allowance.trips_per_year == 3);
    CHECK(settings.answer->effective->allowance.trips_per_year == 3);

    // Out of range: refused by validate_rules at once, nothing sent.
    UnionRules bad = settings.answer->rules;
    bad.unit_share_percent = 120;
    rig.engine.save_rules_settings(RulesScope::unit, "u-qz-juhua", bad);
    CHECK(has_notice(rig.state(), "规则未保存：单位承担比例不能超过100%"));
    CHECK(rig.recorder.matching("PUT", "/rules").empty());

    // Another unit's rules, and the alliance's: not this union's to set.
    rig.engine.save_rules_settings(RulesScope::unit, "u-qz-hospital", UnionRules{});
    rig.engine.save_rules_settings(RulesScope::alliance, "a-quzhou", UnionRules{});
    CHECK(rig.recorder.matching("PUT", "/rules").empty());

    // One trip a year: saved, told, and the answer is what the form shows next.
    UnionRules one = settings.answer->rules;
    one.allowance.trips_per_year = 1;
    rig.engine.save_rules_settings(RulesScope::unit, "u-qz-juhua", one);
    CHECK(settings.saving);
    REQUIRE(rig.run([&] { return !settings.saving; }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "规则已保存"));
    CHECK(settings.saved == 1);
    CHECK(settings.answer->rules == one);
    CHECK(settings.answer->effective->allowance.trips_per_year == 1);
    CHECK(rig.recorder.matching("PUT", "/units/u-qz-juhua/rules").size() == 1);

    // Its worker's engine reads them at sign-in: what the group screen will say and check.
    sync::MemoryStorage worker_storage;
    Rig worker(worker_storage, api_base(server.process));
    worker.synced();
    worker.sign_in("u-qz-juhua-03");
    REQUIRE(worker.run([&] { return worker.state().my_rules.status == sync::ReadStatus::loaded; }));
    CHECK(worker.state().my_rules.rules->allowance.trips_per_year == 1);

    // The secretariat sets the alliance's defaults; sign-out forgets what was read.
    rig.engine.sign_out();
    CHECK_FALSE(settings.answer);
    rig.sign_in("admin");
    rig.engine.load_rules_settings(RulesScope::alliance, "a-quzhou");
    REQUIRE(rig.run([&] { return settings.status == sync::ReadStatus::loaded; }));
    CHECK(settings.answer->scope == RulesScope::alliance);
    CHECK_FALSE(settings.answer->alliance_rules);
    UnionRules defaults = settings.answer->rules;
    defaults.approval_required = true;
    rig.engine.save_rules_settings(RulesScope::alliance, "a-quzhou", defaults);
    REQUIRE(rig.run([&] { return !settings.saving; }));
    CHECK(settings.answer->rules.approval_required == true);
}
