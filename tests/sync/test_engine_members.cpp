// The secretariat desk's member intents against a real liaoxiu-server process (demo
// catalogue and accounts): admit, edit, suspend with its impact, reinstate, remove; the
// endpoint's refusals kept with their fields; the checks made before anything is sent
// (role, reason, the core's member rules); and a worker's phone seeing a suspension at
// its next sync.
#include <catch2/catch.hpp>

#include "core/rules.hpp"
#include "sync/desk/desk_engine.hpp"
#include "sync_harness.hpp"

#include <algorithm>

using namespace liaoxiu;
using namespace liaoxiu::sync_test;
using sync::MemberWrite;

namespace {

struct Desk : DeskClient {
    using DeskClient::DeskClient;
    // The member write's answer has come.
    const MemberWrite& answered() {
        REQUIRE(run([&] { return state().member_write && state().member_write->stage != MemberWrite::Stage::sending; }));
        return *state().member_write;
    }
    const Member* member(const Id& id) const {
        for (const Member& m : state().catalogue.members)
            if (m.id == id) return &m;
        return nullptr;
    }
    std::size_t member_requests() const {
        std::size_t n = 0;
        for (const auto& exchange : recorder.log) n += exchange.request.url.find("/members") != std::string::npos ? 1 : 0;
        return n;
    }
};

struct Server {
    TempDir dir;
    ServerProcess process{demo_server_args(dir.path() / "db"), free_port()};
};

}  // namespace

TEST_CASE("the desk admits, edits, suspends with its impact and reinstates a member on the endpoint", "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage storage;
    Desk desk(storage, api_base(server.process));
    desk.sign_in("admin");

    // Admit.
    Member fresh = *desk.member("m-qz-hotel-guoji");
    fresh.id = "m-qz-desk-test";
    fresh.name = "衢州测试康养中心";
    fresh.category = Category::wellness;
    fresh.services = {Service{"温泉理疗", 16800, "人/次"}};
    desk.desk_engine.admit_member(fresh);
    CHECK(desk.state().member_write->stage == MemberWrite::Stage::sending);
    const MemberWrite& admitted = desk.answered();
    INFO(all_notices(desk.state()));
    REQUIRE(admitted.stage == MemberWrite::Stage::done);
    CHECK(has_notice(desk.state(), "准入成员单位：已完成"));
    REQUIRE(desk.member("m-qz-desk-test"));
    CHECK(desk.member("m-qz-desk-test")->status == MemberStatus::active);

    // Edit.
    Member edited = *desk.member("m-qz-desk-test");
    edited.phone = "138-0570-0000";
    desk.desk_engine.update_member(edited);
    REQUIRE(desk.answered().stage == MemberWrite::Stage::done);
    CHECK(desk.member("m-qz-desk-test")->phone == "138-0570-0000");

    // Suspend a member routes go through: the endpoint's impact is the core's rule on its data.
    const SuspensionImpact expected = suspension_impact(desk.state().catalogue, "m-qz-hotel-guoji");
    REQUIRE(!expected.routes.empty());
    desk.desk_engine.change_member_status("m-qz-hotel-guoji", MemberStatus::suspended, "消防检查未通过");
    const MemberWrite& suspended = desk.answered();
    REQUIRE(suspended.stage == MemberWrite::Stage::done);
    REQUIRE(suspended.impact);
    CHECK(suspended.impact->routes == expected.routes);
    CHECK(suspended.impact->groups == expected.groups);
    CHECK(desk.member("m-qz-hotel-guoji")->status == MemberStatus::suspended);
    // The catalogue's next delta agrees.
    desk.engine.refresh();
    settle(desk.engine, desk.http, desk.clock);
    CHECK(desk.member("m-qz-hotel-guoji")->status == MemberStatus::suspended);

    // A worker's phone, at its next sync: the route is not bookable any more.
    sync::MemoryStorage phone_storage;
    Desk phone(phone_storage, api_base(server.process));
    for (const Id& id : expected.routes) {
        const auto& routes = phone.state().catalogue.routes;
        auto route = std::find_if(routes.begin(), routes.end(), [&](const Route& r) { return r.id == id; });
        REQUIRE(route != routes.end());
        CHECK(!route_bookable(*route, phone.state().catalogue));
    }

    desk.desk_engine.change_member_status("m-qz-hotel-guoji", MemberStatus::active, "");
    const MemberWrite& reinstated = desk.answered();
    REQUIRE(reinstated.stage == MemberWrite::Stage::done);
    CHECK(!reinstated.impact);
    CHECK(desk.member("m-qz-hotel-guoji")->status == MemberStatus::active);
}

TEST_CASE("the endpoint's refusal of a member write is kept with its field", "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage storage;
    Desk desk(storage, api_base(server.process));
    desk.sign_in("admin");
    Member moved = *desk.member("m-qz-hotel-guoji");
    moved.alliance = "a-henan";  // the alliance cannot change: only the endpoint knows the stored one
    desk.desk_engine.update_member(moved);
    const MemberWrite& refused = desk.answered();
    REQUIRE(refused.stage == MemberWrite::Stage::failed);
    REQUIRE(!refused.problems.empty());
    CHECK(refused.problems.front().path == "alliance");
    CHECK(has_notice(desk.state(), "保存成员单位未成功"));
    CHECK(desk.member("m-qz-hotel-guoji")->alliance == "a-quzhou");
}

TEST_CASE("member writes are checked before anything is sent: role, reason, the member rules", "[sync][server][desk][roles]") {
    Server server;
    sync::MemoryStorage storage;
    Desk desk(storage, api_base(server.process));
    const Member guoji = *desk.member("m-qz-hotel-guoji");

    for (const char* login : {"u-qz-school2-union", "u-qz-school2-01"}) {
        desk.sign_in(login);
        desk.desk_engine.change_member_status(guoji.id, MemberStatus::suspended, "整改");
        desk.desk_engine.update_member(guoji);
        desk.desk_engine.admit_member(guoji);
        settle(desk.engine, desk.http, desk.clock);
        CHECK(has_notice(desk.state(), "只有联盟秘书处账号可以"));
        CHECK(desk.member_requests() == 0);
        desk.engine.sign_out();
        settle(desk.engine, desk.http, desk.clock);
    }

    desk.sign_in("admin");
    desk.desk_engine.change_member_status(guoji.id, MemberStatus::suspended, "  ");
    CHECK(desk.state().member_write->stage == MemberWrite::Stage::failed);
    CHECK(desk.state().member_write->problems.front().code == "reason_required");
    Member bad = guoji;
    bad.phone = "12345";
    desk.desk_engine.update_member(bad);
    CHECK(desk.state().member_write->stage == MemberWrite::Stage::failed);
    CHECK(desk.state().member_write->problems.front().code == "invalid_phone");
    desk.desk_engine.admit_member(guoji);  // its id exists
    CHECK(desk.state().member_write->problems.front().code == "duplicate_id");
    settle(desk.engine, desk.http, desk.clock);
    CHECK(desk.member_requests() == 0);
    CHECK(desk.member(guoji.id)->status == MemberStatus::active);
}
