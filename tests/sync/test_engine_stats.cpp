// The sync engine's statistics (DeskIntents::load_stats) against a real liaoxiu-server
// process with the demo catalogue and accounts: what the desk's 统计 screen reads. The
// secretariat's table adds up to the trips the catalogue holds, a Chinese filter goes out
// percent-escaped, a union's query is narrowed to its own unit by the endpoint, a worker is
// refused before anything is sent, and signing out forgets the figures.
#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "sync/desk/desk_engine.hpp"
#include "sync_harness.hpp"

#include <algorithm>

using namespace liaoxiu;
using namespace liaoxiu::sync_test;
using sync::StatsState;

namespace {

struct StatsRig : DemoServer, DeskClient {
    StatsRig() : DeskClient(storage, api_base(server), 20261207) {}
    void load(const StatsQuery& query) {
        const std::uint64_t received = state().stats.received;
        desk_engine.load_stats(query);
        REQUIRE(run([&] { return state().stats.status != StatsState::Status::loading; }));
        INFO(all_notices(state()));
        if (state().stats.status == StatsState::Status::loaded) CHECK(state().stats.received == received + 1);
    }
    std::int64_t total(const std::string& column) const {
        const StatsTable& table = state().stats.table;
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            if (table.columns[i].key == column) return table.totals.at(i);
        }
        FAIL("no column " << column);
        return -1;
    }
};

}  // namespace

TEST_CASE("the secretariat's outcome figures add up to the trips the catalogue holds", "[sync][server][stats]") {
    StatsRig rig;
    rig.sign_in("admin");
    // Every trip the app knows, counted by state, over the whole span of their departures.
    Day first = rig.state().groups.front().trip().departure, last = first;
    std::int64_t cancelled = 0;
    for (const auto& group : rig.state().groups) {
        first = std::min(first, group.trip().departure);
        last = std::max(last, group.trip().departure);
        if (group.trip().state == GroupState::cancelled) ++cancelled;
    }
    StatsQuery query;
    query.view = StatsView::outcomes;
    query.from = first;
    query.to = last;
    rig.load(query);
    REQUIRE(rig.state().stats.status == StatsState::Status::loaded);
    CHECK(rig.state().stats.query == query);
    CHECK(rig.total("groups") == static_cast<std::int64_t>(rig.state().groups.size()));
    CHECK(rig.total("cancelled") == cancelled);
    CHECK(rig.state().stats.table.rows.front().key == month_key(first));
    CHECK(rig.state().stats.table.rows.back().key == month_key(last));

    // A city in Chinese travels percent-escaped, and the answer echoes it.
    StatsQuery by_city;
    by_city.by = StatsBy::route;
    by_city.city = "江山";
    rig.load(by_city);
    REQUIRE(rig.state().stats.status == StatsState::Status::loaded);
    CHECK(rig.recorder.matching("GET", "/stats?").back().request.url.find("%E6%B1%9F%E5%B1%B1") != std::string::npos);
    CHECK(rig.state().stats.table.query.city == std::optional<std::string>("江山"));

    // Signing out forgets the figures.
    rig.engine.sign_out();
    REQUIRE(rig.run([&] { return !rig.state().session.has_value(); }));
    CHECK(rig.state().stats.status == StatsState::Status::none);
    CHECK(rig.state().stats.table.rows.empty());
}

TEST_CASE("a union's statistics are its own unit's whatever it asks, and a worker is refused before sending",
          "[sync][server][stats]") {
    StatsRig rig;
    rig.sign_in("u-qz-power-union");
    const Id own = rig.state().session->unit;
    StatsQuery query;
    query.by = StatsBy::unit;
    query.unit = "u-qz-school2";  // another unit: the endpoint puts the union's own in its place
    rig.load(query);
    REQUIRE(rig.state().stats.status == StatsState::Status::loaded);
    CHECK(rig.state().stats.table.query.unit == std::optional<Id>(own));
    for (const auto& row : rig.state().stats.table.rows) CHECK(row.key == own);

    StatsRig worker_rig;
    worker_rig.sign_in("u-qz-power-03");
    worker_rig.desk_engine.load_stats(StatsQuery{});
    CHECK(worker_rig.state().stats.status == StatsState::Status::failed);
    CHECK_FALSE(worker_rig.state().stats.error_zh.empty());
    settle(worker_rig.engine, worker_rig.http, worker_rig.clock);
    CHECK(worker_rig.recorder.matching("GET", "/stats").empty());
}
