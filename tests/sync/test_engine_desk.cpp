// The sync engine's route and policy actions against a real liaoxiu-server (demo catalogue
// and accounts): the secretariat's drafts loaded, a draft saved, refused by the rules at
// publish, completed and published (reaching a worker's catalogue at its next sync), then
// unpublished (dropped from it); policies the same way; a retried create that finds its own
// record; and no other role allowed to do any of it.
#include <catch2/catch.hpp>

#include "sync/catalogue_merge.hpp"
#include "sync/persist.hpp"
#include "sync/desk/desk_engine.hpp"
#include "sync_harness.hpp"

#include <algorithm>

using namespace liaoxiu;
using namespace liaoxiu::sync_test;
using sync::PendingAction;

namespace {

struct Rig {
    platform::HttpTransport http;
    RecordingTransport recorder{http};
    TestClock clock;
    sync::SyncEngine engine;
    sync::DeskEngine desk_engine{engine};

    Rig(sync::Storage& storage, const std::string& api_base, std::uint64_t seed = 20261206)
        : engine(recorder, storage, options(seed)) {
        sync::ClientConfig config;
        config.api_base = api_base;
        engine.configure(config);
    }
    static sync::EngineOptions options(std::uint64_t seed) {
        sync::EngineOptions o;
        o.seed = seed;
        return o;
    }
    const sync::ClientState& state() const { return engine.state(); }
    bool run(const std::function<bool()>& done, int seconds = 20) {
        return drive(engine, http, clock, done, std::chrono::seconds(seconds));
    }
    void settle() { sync_test::settle(engine, http, clock); }
    void sign_in(const std::string& login) {
        REQUIRE(run([&] { return state().synced_at > 0 && !state().catalogue_from_cache; }));
        engine.sign_in(login, kDemoPassword);
        REQUIRE(run([&] { return !state().signing_in; }));
        INFO(all_notices(state()));
        REQUIRE(state().session.has_value());
        settle();
    }
    bool outbox_empty() const { return state().outbox.empty(); }
};

struct Server {
    TempDir dir;
    ServerProcess process{demo_server_args(dir.path() / "db"), free_port()};
};

template <class T>
bool has_id(const std::vector<T>& items, const Id& id) {
    return std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
}

// A demo route made new: its content under another id and title.
Route route_like(const sync::ClientState& state, const Id& id) {
    Route route = state.catalogue.routes.at(0);
    route.id = id;
    route.title = "同步测试线路 " + id;
    route.status = PublishStatus::draft;
    return route;
}

}  // namespace

TEST_CASE("a route saved as a draft, refused at publish, completed, published and unpublished", "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage admin_storage, worker_storage;
    Rig admin(admin_storage, api_base(server.process));
    Rig worker(worker_storage, api_base(server.process), 7);
    admin.sign_in("admin");
    worker.sign_in("u-qz-school2-01");

    admin.desk_engine.load_drafts();
    REQUIRE(admin.run([&] { return admin.state().drafts_loaded; }));
    CHECK(admin.state().draft_routes.empty());

    // A thin draft: too few categories, no stay, no wellness. Saving it is allowed.
    Route thin = route_like(admin.state(), "r-sync-draft");
    thin.itinerary.resize(1);
    thin.itinerary[0].stops.resize(1);
    admin.desk_engine.save_route(thin);
    CHECK(has_id(admin.state().draft_routes, thin.id));  // shown at once among the drafts
    REQUIRE(admin.run([&] { return admin.outbox_empty(); }));
    INFO(all_notices(admin.state()));
    CHECK(has_notice(admin.state(), "保存线路成功"));
    CHECK(admin.recorder.matching("POST", "/api/v1/routes").size() == 1);

    // Publishing is refused here, by the core's rules, before anything is sent.
    admin.desk_engine.publish_route(thin.id);
    CHECK(admin.outbox_empty());
    CHECK(has_notice(admin.state(), "发布线路未提交"));
    CHECK(has_notice(admin.state(), "线路须联动至少 3 类成员单位"));  // the core's reason, told at once
    CHECK(admin.recorder.matching("POST", "/publish").empty());

    // The drafts, loaded again (another device), hold it; the worker's catalogue does not.
    admin.desk_engine.load_drafts();
    REQUIRE(admin.run([&] { return has_id(admin.state().draft_routes, thin.id); }));
    worker.engine.refresh();
    worker.settle();
    CHECK_FALSE(has_id(worker.state().catalogue.routes, thin.id));

    // Completed (a replacement, PUT) and published.
    Route whole = route_like(admin.state(), thin.id);
    admin.desk_engine.save_route(whole);
    admin.desk_engine.publish_route(whole.id);
    REQUIRE(admin.run([&] { return admin.outbox_empty(); }));
    INFO(all_notices(admin.state()));
    CHECK(admin.recorder.matching("PUT", "/api/v1/routes/r-sync-draft").size() == 1);
    CHECK(has_notice(admin.state(), "发布线路成功"));
    CHECK_FALSE(has_id(admin.state().draft_routes, whole.id));
    REQUIRE(admin.run([&] { return has_id(admin.state().catalogue.routes, whole.id); }));

    // The worker's phone has it at its next sync.
    worker.engine.refresh();
    REQUIRE(worker.run([&] { return has_id(worker.state().catalogue.routes, whole.id); }));

    // Unpublished: gone from the worker's catalogue at its next sync (the delta says "draft").
    admin.desk_engine.unpublish_route(whole.id);
    REQUIRE(admin.run([&] { return admin.outbox_empty(); }));
    CHECK(has_id(admin.state().draft_routes, whole.id));
    CHECK_FALSE(has_id(admin.state().catalogue.routes, whole.id));
    worker.engine.refresh();
    REQUIRE(worker.run([&] { return !has_id(worker.state().catalogue.routes, whole.id); }));
    CHECK(worker.recorder.matching("GET", "catalogue?since=").size() >= 2);  // it came as a delta
}

TEST_CASE("a draft deleted: refused here while published or still on its way, sent at once, and a phone drops it",
          "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage admin_storage, worker_storage;
    Rig admin(admin_storage, api_base(server.process));
    Rig worker(worker_storage, api_base(server.process), 7);
    admin.sign_in("admin");
    worker.sign_in("u-qz-school2-01");

    // A published route is refused here: nothing is sent.
    admin.desk_engine.delete_route(admin.state().catalogue.routes.at(0).id);
    CHECK(has_notice(admin.state(), "线路已发布，请先撤回发布再删除"));
    CHECK(admin.recorder.matching("DELETE", "/api/v1/routes").empty());

    // A draft whose save is still on its way is refused; once the endpoint holds it, it goes.
    Route draft = route_like(admin.state(), "r-sync-delete");
    admin.desk_engine.save_route(draft);
    admin.desk_engine.delete_route(draft.id);
    CHECK(has_notice(admin.state(), "仍在提交中"));
    REQUIRE(admin.run([&] { return admin.outbox_empty(); }));
    CHECK(admin.recorder.matching("DELETE", "/api/v1/routes").empty());
    admin.desk_engine.delete_route(draft.id);
    REQUIRE(admin.run([&] { return !has_id(admin.state().draft_routes, draft.id); }));
    INFO(all_notices(admin.state()));
    CHECK(has_notice(admin.state(), "草稿已删除"));
    CHECK(admin.recorder.matching("DELETE", "/api/v1/routes/r-sync-delete").size() == 1);

    // Published, on the worker's phone, then unpublished and deleted: the phone drops it at its next sync.
    Route shown = route_like(admin.state(), "r-sync-delete-2");
    admin.desk_engine.save_route(shown);
    admin.desk_engine.publish_route(shown.id);
    REQUIRE(admin.run([&] { return admin.outbox_empty(); }));
    worker.engine.refresh();
    REQUIRE(worker.run([&] { return has_id(worker.state().catalogue.routes, shown.id); }));
    admin.desk_engine.unpublish_route(shown.id);
    REQUIRE(admin.run([&] { return admin.outbox_empty() && has_id(admin.state().draft_routes, shown.id); }));
    admin.desk_engine.delete_route(shown.id);
    REQUIRE(admin.run([&] { return !has_id(admin.state().draft_routes, shown.id); }));
    worker.engine.refresh();
    REQUIRE(worker.run([&] { return !has_id(worker.state().catalogue.routes, shown.id); }));
}

TEST_CASE("a policy saved, published with its links and unpublished, the outbox keeping desk actions across a reload",
          "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage admin_storage, worker_storage;
    Rig worker(worker_storage, api_base(server.process), 9);
    worker.sign_in("u-qz-school2-01");
    const Id linked = worker.state().catalogue.routes.at(0).id;
    Id policy_id;
    {
        Rig admin(admin_storage, api_base(server.process));
        admin.sign_in("admin");
        Policy draft;
        draft.title = "2027年职工疗休养补贴标准";
        draft.issuer = "衢州市总工会";
        draft.date = 20800;
        draft.routes = {linked};
        // No text yet: a draft may be unfinished, but cannot be published.
        admin.desk_engine.save_policy(draft);
        REQUIRE(admin.state().draft_policies.size() == 1);
        policy_id = admin.state().draft_policies[0].id;
        CHECK(policy_id.rfind("p-", 0) == 0);
        admin.desk_engine.publish_policy(policy_id);
        CHECK(has_notice(admin.state(), "政策缺少正文"));
        REQUIRE(admin.run([&] { return admin.outbox_empty(); }));
        // Completed and published; the engine stops before the answers come (a reload).
        draft = admin.state().draft_policies[0];
        draft.body = "每人每年补贴不超过2000元。";
        admin.desk_engine.save_policy(draft);
        admin.desk_engine.publish_policy(policy_id);
        REQUIRE(admin.state().outbox.size() >= 1);
        CHECK(sync::decode_outbox(*admin_storage.get(sync::kOutboxKey)).size() == admin.state().outbox.size());
    }
    Rig again(admin_storage, api_base(server.process), 13);
    REQUIRE(again.run([&] { return again.state().session.has_value() && again.outbox_empty(); }));
    INFO(all_notices(again.state()));
    worker.engine.refresh();
    REQUIRE(worker.run([&] { return has_id(worker.state().catalogue.policies, policy_id); }));
    const auto found = std::find_if(worker.state().catalogue.policies.begin(), worker.state().catalogue.policies.end(),
                                    [&](const Policy& p) { return p.id == policy_id; });
    CHECK(found->routes == std::vector<Id>{linked});
    CHECK(found->body == "每人每年补贴不超过2000元。");

    again.desk_engine.unpublish_policy(policy_id);
    REQUIRE(again.run([&] { return again.outbox_empty(); }));
    worker.engine.refresh();
    REQUIRE(worker.run([&] { return !has_id(worker.state().catalogue.policies, policy_id); }));
}

TEST_CASE("a create whose answer was lost is not made twice, and only the secretariat may act", "[sync][server][desk]") {
    Server server;
    sync::MemoryStorage storage, organizer_storage;
    Rig admin(storage, api_base(server.process));
    admin.sign_in("admin");
    // The first answer to the create is lost (as a dropped connection): the retry finds its own.
    bool lost = false;
    admin.recorder.tamper = [&](const sync::HttpRequest& request, sync::HttpResponse& response) {
        if (!lost && request.method == "POST" && request.url.ends_with("/api/v1/routes")) {
            lost = true;
            response = sync::HttpResponse{0, {}, {}};
        }
    };
    admin.desk_engine.save_route(route_like(admin.state(), "r-sync-once"));
    REQUIRE(admin.run([&] { return admin.outbox_empty(); }, 60));
    CHECK(lost);
    CHECK(admin.recorder.matching("POST", "/api/v1/routes").size() == 2);
    CHECK_FALSE(has_notice(admin.state(), "保存线路未成功"));
    admin.desk_engine.load_drafts();
    REQUIRE(admin.run([&] { return has_id(admin.state().draft_routes, "r-sync-once"); }));
    CHECK(std::count_if(admin.state().draft_routes.begin(), admin.state().draft_routes.end(),
                        [](const Route& r) { return r.id == "r-sync-once"; }) == 1);

    Rig organizer(organizer_storage, api_base(server.process), 11);
    organizer.sign_in("u-qz-school2-union");
    const std::size_t sent = organizer.recorder.log.size();
    organizer.desk_engine.save_route(route_like(organizer.state(), "r-not-mine"));
    organizer.desk_engine.publish_route(organizer.state().catalogue.routes.at(0).id);
    organizer.desk_engine.unpublish_policy("p-any");
    organizer.desk_engine.load_drafts();
    organizer.settle();
    CHECK(organizer.outbox_empty());
    CHECK(has_notice(organizer.state(), "只有联盟秘书处可以管理线路和政策"));
    CHECK(organizer.state().draft_routes.empty());
    for (std::size_t i = sent; i < organizer.recorder.log.size(); ++i)
        CHECK(organizer.recorder.log[i].request.url.find("/routes") == std::string::npos);
}

TEST_CASE("a delta that unpublishes drops the route or policy, and a snapshot never keeps a draft", "[sync][desk]") {
    Catalogue base;
    Route a;
    a.id = "r-a";
    Route b;
    b.id = "r-b";
    Policy p;
    p.id = "p-1";
    base.routes = {a, b};
    base.policies = {p};
    base.version = 3;

    Catalogue delta;
    delta.version = 4;
    Route gone = b;
    gone.status = PublishStatus::draft;
    Route never = a;
    never.id = "r-never";
    never.status = PublishStatus::draft;
    Policy withdrawn = p;
    withdrawn.status = PublishStatus::draft;
    delta.routes = {gone, never};
    delta.policies = {withdrawn};
    CHECK(sync::merge_delta(base, std::move(delta)) == 2);
    REQUIRE(base.routes.size() == 1);
    CHECK(base.routes[0].id == "r-a");
    CHECK(base.policies.empty());
    CHECK(base.version == 4);

    Catalogue snapshot;
    snapshot.routes = {a, never};
    CHECK(sync::drop_unpublished(snapshot) == 1);
    CHECK(snapshot.routes.size() == 1);
}
