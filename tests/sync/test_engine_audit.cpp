// The sync engine's audit trail (Intents::load_audit) against a real liaoxiu-server
// process with the demo catalogue and accounts: the secretariat cancels a group through
// the outbox, then reads the trail, filtered and paged; other roles are refused before
// anything is sent.
#include <catch2/catch.hpp>

#include "sync/desk/desk_engine.hpp"
#include "sync_harness.hpp"

using namespace liaoxiu;
using namespace liaoxiu::sync_test;
using sync::AuditView;

namespace {

struct AuditRig : DemoServer, DeskClient {
    AuditRig() : DeskClient(storage, api_base(server)) {}
    void load(const AuditQuery& query) {
        desk_engine.load_audit(query);
        REQUIRE(run([&] { return state().audit.status != AuditView::Status::loading; }));
        INFO(all_notices(state()));
    }
};

}  // namespace

TEST_CASE("the secretariat's cancellation shows in the audit trail it loads", "[sync][server][audit]") {
    AuditRig rig;
    rig.sign_in("admin");
    rig.load(AuditQuery{});
    REQUIRE(rig.state().audit.status == AuditView::Status::loaded);
    const std::int64_t before = rig.state().audit.page.total;

    const sync::GroupView* open = nullptr;
    for (const auto& group : rig.state().groups) {
        if (group.trip().state == GroupState::open) {
            open = &group;
            break;
        }
    }
    REQUIRE(open);
    const Id id = open->trip().id;
    rig.engine.cancel_group(id, "线路调整");
    REQUIRE(rig.run([&] { return rig.state().outbox.empty(); }));
    INFO(all_notices(rig.state()));
    CHECK(has_notice(rig.state(), "拼团已取消"));

    rig.load(AuditQuery{});
    REQUIRE(rig.state().audit.status == AuditView::Status::loaded);
    const AuditPage& page = rig.state().audit.page;
    CHECK(page.total == before + 1);
    REQUIRE_FALSE(page.entries.empty());
    const AuditEntry& newest = page.entries.front();
    CHECK(newest.action == "group.cancel");
    CHECK(newest.entity_id == id);
    CHECK(newest.actor_role == Role::secretariat);
    CHECK(newest.reason == "线路调整");
    bool state_changed = false;
    for (const auto& field : newest.change) {
        if (field.field == "state") state_changed = field.after == std::optional<std::string>("\"cancelled\"");
    }
    CHECK(state_changed);

    // Filtered: only what matches; paged: the page asked for.
    AuditQuery filtered;
    filtered.action = "group";
    filtered.entity = id;
    rig.load(filtered);
    CHECK(rig.state().audit.query == filtered);
    CHECK(rig.recorder.matching("GET", "/audit?action=group&entity=" + id + "&limit=100&offset=0").size() == 1);
    CHECK(rig.state().audit.page.total == 1);
    AuditQuery nothing;
    nothing.entity = "g-none";
    rig.load(nothing);
    CHECK(rig.state().audit.status == AuditView::Status::loaded);
    CHECK(rig.state().audit.page.entries.empty());

    // Signing out forgets what was read.
    rig.engine.sign_out();
    REQUIRE(rig.run([&] { return !rig.state().session.has_value(); }));
    CHECK(rig.state().audit.status == AuditView::Status::none);
    CHECK(rig.state().audit.page.entries.empty());
}

TEST_CASE("an organizer or a worker is refused the audit trail before anything is sent", "[sync][server][audit]") {
    AuditRig rig;
    rig.sign_in("u-qz-power-union");
    rig.desk_engine.load_audit(AuditQuery{});
    CHECK(rig.state().audit.status == AuditView::Status::failed);
    CHECK(rig.state().audit.error_zh.find("秘书处") != std::string::npos);
    CHECK(has_notice(rig.state(), "审计日志读取失败"));
    settle(rig.engine, rig.http, rig.clock);
    CHECK(rig.recorder.matching("GET", "/audit").empty());
}
