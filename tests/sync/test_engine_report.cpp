// The printable monthly report's tables (DeskIntents::load_stats_report) against a real
// liaoxiu-server process with the demo catalogue and accounts: the secretariat's five tables
// of one month come together; a worker is refused before anything is sent; a month that is
// not YYYY-MM is refused at once; signing out forgets them.
#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "sync/desk/desk_engine.hpp"
#include "sync_harness.hpp"

#include <algorithm>

using namespace liaoxiu;
using namespace liaoxiu::sync_test;
using sync::StatsReportState;

namespace {

struct ReportRig {
    TempDir dir;
    ServerProcess server{demo_server_args(dir.path() / "db"), free_port()};
    sync::MemoryStorage storage;
    platform::HttpTransport http;
    RecordingTransport recorder{http};
    TestClock clock{0};
    sync::SyncEngine engine{recorder, storage, options()};
    sync::DeskEngine desk_engine{engine};

    ReportRig() {
        sync::ClientConfig config;
        config.api_base = api_base(server);
        engine.configure(config);
        REQUIRE(run([&] { return state().synced_at > 0 && !state().catalogue_from_cache; }));
    }
    static sync::EngineOptions options() {
        sync::EngineOptions options;
        options.seed = 20261207;
        return options;
    }
    const sync::ClientState& state() const { return engine.state(); }
    bool run(const std::function<bool()>& done) { return drive(engine, http, clock, done, std::chrono::seconds(20)); }
    void sign_in(const std::string& login) {
        engine.sign_in(login, kDemoPassword);
        REQUIRE(run([&] { return !state().signing_in; }));
        INFO(all_notices(state()));
        REQUIRE(state().session.has_value());
        settle(engine, http, clock);
    }
};

}  // namespace

TEST_CASE("the secretariat's monthly report: the month's five tables, asked together", "[sync][server][stats][report]") {
    ReportRig rig;
    rig.sign_in("admin");
    StatsQuery filters;
    filters.alliance = "a-quzhou";
    filters.small_below = 30;
    rig.desk_engine.load_stats_report(filters, "2026-11");
    CHECK(rig.state().stats_report.status == StatsReportState::Status::loading);
    REQUIRE(rig.run([&] { return rig.state().stats_report.status != StatsReportState::Status::loading; }));
    INFO(all_notices(rig.state()));
    const StatsReportState& report = rig.state().stats_report;
    REQUIRE(report.status == StatsReportState::Status::loaded);
    CHECK(report.month == "2026-11");
    CHECK(report.received == 1);
    REQUIRE(report.tables.size() == 5);
    std::vector<StatsView> views;
    for (const auto& t : report.tables) {
        views.push_back(t.query.view);
        CHECK(t.query.from == parse_day("2026-11-01"));
        CHECK(t.query.to == parse_day("2026-11-30"));
        CHECK(t.query.alliance == std::optional<Id>("a-quzhou"));
        CHECK(t.query.small_below == 30);
    }
    std::sort(views.begin(), views.end());
    CHECK(views == std::vector<StatsView>{StatsView::places, StatsView::outcomes, StatsView::waiting, StatsView::pooling,
                                          StatsView::load});
    CHECK(rig.recorder.matching("GET", "/stats?").size() == 5);

    // Signing out forgets them.
    rig.engine.sign_out();
    REQUIRE(rig.run([&] { return !rig.state().session.has_value(); }));
    CHECK(rig.state().stats_report.status == StatsReportState::Status::none);
    CHECK(rig.state().stats_report.tables.empty());
}

TEST_CASE("the monthly report: a worker is refused, and a bad month, before anything is sent", "[sync][server][stats][report]") {
    ReportRig rig;
    rig.sign_in("admin");
    rig.desk_engine.load_stats_report(StatsQuery{}, "2026-13");
    CHECK(rig.state().stats_report.status == StatsReportState::Status::failed);
    CHECK(rig.state().stats_report.error_zh.find("2026-11") != std::string::npos);
    CHECK(has_notice(rig.state(), "月报读取失败"));

    rig.engine.sign_out();
    REQUIRE(rig.run([&] { return !rig.state().session.has_value(); }));
    rig.sign_in("u-qz-school2-01");
    rig.desk_engine.load_stats_report(StatsQuery{}, "2026-11");
    CHECK(rig.state().stats_report.status == StatsReportState::Status::failed);
    CHECK_FALSE(rig.state().stats_report.error_zh.empty());
    settle(rig.engine, rig.http, rig.clock);
    CHECK(rig.recorder.matching("GET", "/stats").empty());
}
