// Told outcomes (issue 14) in the sync engine: a cancelled trip stays in my trips with the
// time of its change; what the worker saw of their trips is remembered per account across a
// reload (never on a kiosk) and forgotten at sign-out; notices time out (errors stay), and a
// newer word about the network replaces the stale one.
#include <catch2/catch.hpp>

#include "sync/notifier.hpp"
#include "sync_harness.hpp"

#include <algorithm>

using namespace liaoxiu;
using namespace liaoxiu::sync_test;

namespace {

struct Rig {
    platform::HttpTransport http;
    TestClock clock;
    sync::SyncEngine engine;

    Rig(sync::Storage& storage, const std::string& api_base, sync::EngineOptions options = {})
        : engine(http, storage, [&] {
              options.seed = 20261206;
              return options;
          }()) {
        sync::ClientConfig config;
        config.api_base = api_base;
        engine.configure(config);
    }
    const sync::ClientState& state() const { return engine.state(); }
    bool run(const std::function<bool()>& done) { return drive(engine, http, clock, done); }
    void sign_in(const std::string& login) {
        engine.sign_in(login, kDemoPassword);
        REQUIRE(run([&] { return !state().signing_in; }));
        INFO(all_notices(state()));
        REQUIRE(state().session.has_value());
        settle(engine, http, clock);
    }
    const sync::MyTrip* trip(const Id& group) const {
        for (const auto& t : state().my_trips)
            if (t.group == group) return &t;
        return nullptr;
    }
};

struct Server {
    TempDir dir;
    ServerProcess process{demo_server_args(dir.path() / "db"), free_port()};
};

}  // namespace

TEST_CASE("a cancelled trip stays in my trips, released, with the time of the change", "[sync][server][journey]") {
    Server server;
    sync::MemoryStorage worker_storage, organizer_storage;
    Rig worker(worker_storage, api_base(server.process));
    worker.sign_in("u-qz-juhua-01");
    worker.engine.join("g-qz-001");
    REQUIRE(worker.run([&] { return worker.state().outbox.empty() && worker.trip("g-qz-001"); }));
    CHECK(worker.trip("g-qz-001")->state == PlaceState::confirmed);
    CHECK(worker.trip("g-qz-001")->since > 0);

    Rig organizer(organizer_storage, api_base(server.process));
    organizer.sign_in("u-qz-school2-union");
    organizer.engine.cancel_group("g-qz-001", "接待酒店临时停业");
    REQUIRE(organizer.run([&] { return organizer.state().outbox.empty(); }));

    // Its place (GET /me/trips) and the group (the catalogue's delta) both arrive.
    const auto cancelled = [&] {
        for (const sync::GroupView& g : worker.state().groups)
            if (g.trip().id == "g-qz-001") return g.trip().state == GroupState::cancelled;
        return false;
    };
    worker.engine.refresh();
    REQUIRE(worker.run([&] {
        const sync::MyTrip* t = worker.trip("g-qz-001");
        return t && t->state == PlaceState::released;
    }));
    worker.engine.refresh();  // the catalogue's delta, if the first refresh's went before the cancel was stored
    CHECK(worker.run(cancelled));
    const sync::MyTrip* trip = worker.trip("g-qz-001");
    CHECK(trip->since >= worker.clock.now() - 60);
    const auto group = std::find_if(worker.state().groups.begin(), worker.state().groups.end(),
                                    [](const sync::GroupView& g) { return g.trip().id == "g-qz-001"; });
    REQUIRE(group != worker.state().groups.end());
    CHECK(group->trip().state == GroupState::cancelled);
    CHECK(group->trip().cancel_reason == "接待酒店临时停业");
}

TEST_CASE("what the worker saw and was asked to rate is remembered for their account across a reload, and forgotten at sign-out",
          "[sync][server][journey]") {
    Server server;
    sync::MemoryStorage storage;
    const std::vector<std::pair<Id, std::string>> seen = {{"g-qz-001", "0|0|0|"}, {"g-qz-002", "1|0|2|"}};
    {
        Rig rig(storage, api_base(server.process));
        rig.sign_in("u-qz-power-01");
        rig.engine.trips_seen(seen);
        CHECK(rig.state().trips_seen == seen);
        rig.engine.reviews_asked({"g-h-travelled"});
    }
    {
        Rig reloaded(storage, api_base(server.process));
        REQUIRE(reloaded.state().session.has_value());
        CHECK(reloaded.state().trips_seen == seen);
        CHECK(reloaded.state().reviews_asked == std::vector<Id>{"g-h-travelled"});
        reloaded.engine.sign_out();
        CHECK(reloaded.state().trips_seen.empty());
        CHECK(reloaded.state().reviews_asked.empty());
        CHECK_FALSE(storage.get("liaoxiu.reviews_asked"));
        reloaded.sign_in("u-qz-power-01");
        CHECK(reloaded.state().trips_seen.empty());  // signed out on purpose: nothing was kept
        reloaded.engine.trips_seen(seen);
    }
    {
        // Another worker signing in on the same device does not get the first one's.
        Rig other(storage, api_base(server.process));
        REQUIRE(other.state().trips_seen == seen);
        other.sign_in("u-qz-power-02");
        CHECK(other.state().trips_seen.empty());
    }
}

TEST_CASE("a kiosk keeps what was seen in memory only", "[sync][server][journey][kiosk]") {
    Server server;
    sync::MemoryStorage storage;
    sync::EngineOptions options;
    options.kiosk = true;
    Rig rig(storage, api_base(server.process), options);
    rig.sign_in("u-qz-power-01");
    rig.engine.trips_seen({{"g-qz-001", "0|0|0|"}});
    CHECK(rig.state().trips_seen.size() == 1);
    CHECK_FALSE(storage.get("liaoxiu.trips_seen"));
    rig.engine.reviews_asked({"g-qz-001"});
    CHECK(rig.state().reviews_asked.size() == 1);
    CHECK_FALSE(storage.get("liaoxiu.reviews_asked"));
}

TEST_CASE("success and info notices go after their lifetime, errors and warnings stay", "[sync][journey][notices]") {
    sync::ClientState state;
    sync::Notifier notifier(state, 30, 6);
    notifier.tick(1000);
    notifier.notify(sync::Notice::Kind::success, "报名成功，已确认名额", "Joined");
    notifier.notify(sync::Notice::Kind::error, "报名未成功：名额已满", "Join failed");
    notifier.notify(sync::Notice::Kind::info, "已退出登录", "Signed out");
    notifier.tick(1005);
    CHECK(state.notices.size() == 3);
    const auto revision = state.revision;
    notifier.tick(1006);
    REQUIRE(state.notices.size() == 1);
    CHECK(state.notices.front().zh == "报名未成功：名额已满");
    CHECK(state.revision > revision);  // the UI draws the change
    notifier.tick(100000);
    CHECK(state.notices.size() == 1);

    // Without a lifetime (the engine's default) nothing goes by itself.
    sync::ClientState kept;
    sync::Notifier plain(kept, 30);
    plain.tick(1);
    plain.notify(sync::Notice::Kind::success, "报名成功", "Joined");
    plain.tick(100000);
    CHECK(kept.notices.size() == 1);
}

TEST_CASE("a newer word about the network replaces the stale one, and coming back online takes them all back",
          "[sync][journey][notices]") {
    sync::ClientState state;
    state.connection = sync::Connection::online;
    sync::Notifier notifier(state, 30, 6);
    notifier.endpoint_unreachable();
    notifier.notify(sync::Notice::Kind::error, "网络不可用，无法登录，请联网后再试", "No network: cannot sign in", "network");
    REQUIRE(state.notices.size() == 1);  // the browsing-offline warning gave way
    CHECK(state.notices.front().zh == "网络不可用，无法登录，请联网后再试");
    notifier.notify(sync::Notice::Kind::error, "报名未成功：名额已满", "Join failed");
    CHECK(notifier.reached_endpoint());
    std::vector<std::string> left;
    for (const auto& n : state.notices) left.push_back(n.zh);
    CHECK(left == std::vector<std::string>{"报名未成功：名额已满", "已恢复联网"});
}
