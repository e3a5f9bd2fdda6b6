// The same guarantees on PostgreSQL, with two server processes sharing one
// database: the group row lock (SELECT ... FOR UPDATE) is what keeps them apart.
#include "audit_store_checks.hpp"
#include "desk_checks.hpp"
#include "overbooking_checks.hpp"
#include "pg_database.hpp"
#include "stats_checks.hpp"
#include "webhook_checks.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "server/sql.hpp"
#include "server/store.hpp"

#include <libpq-fe.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <latch>
#include <random>
#include <set>
#include <thread>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

Instant now() { return static_cast<Instant>(std::time(nullptr)); }

}  // namespace

TEST_CASE("PostgreSQL, two processes: 200 concurrent joins for 5 places never overbook", "[postgres][overbooking]") {
    World world(test_server_options(), fresh_database());
    ServerProcess second(serve_args(world.url, test_server_options()));
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    std::string group = open_group(*world.http, organizer, world.route(), 2, 5, now() + 7 * 86400);
    std::vector<Session> workers;
    for (int i = 0; i < 200; ++i) {
        workers.push_back(create_and_sign_in(*world.http, world.admin, "worker", "racer" + std::to_string(i),
                                             world.unit(static_cast<std::size_t>(i))));
    }

    auto answers = race_joins({world.server->port(), second.port()}, workers, group);

    check_no_overbooking(answers, 5, *world.http, world.admin, group);
    CHECK(world.server->alive());
    CHECK(second.alive());
}

TEST_CASE("PostgreSQL, two processes: one Idempotency-Key replayed on both holds one place", "[postgres][idempotency]") {
    World world(test_server_options(), fresh_database());
    ServerProcess second(serve_args(world.url, test_server_options()));
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    std::string group = open_group(*world.http, organizer, world.route(), 1, 3, now() + 7 * 86400);
    Session worker = create_and_sign_in(*world.http, world.admin, "worker", "replayer", world.unit(1));
    auto headers = worker.headers();
    headers.emplace("Idempotency-Key", "pg-once");

    std::vector<std::pair<int, std::string>> answers(50);
    std::latch ready(50);
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", i % 2 ? second.port() : world.server->port());
            ready.arrive_and_wait();
            auto res = client.Post("/api/v1/groups/" + group + "/join", headers, "{}", "application/json");
            if (res) answers[static_cast<std::size_t>(i)] = {res->status, res->body};
        });
    }
    for (auto& thread : threads) thread.join();
    REQUIRE(answers[0].first == 200);
    for (const auto& answer : answers) {
        CHECK(answer.first == 200);
        CHECK(answer.second == answers[0].second);
    }
    auto detail = parse(world.http->Get("/api/v1/groups/" + group, organizer.headers())->body);
    CHECK(detail["counts"]["confirmed"] == 1);
    CHECK(detail["places"].size() == 1);
}

TEST_CASE("PostgreSQL: catalogue, ETag and delta", "[postgres][catalogue]") {
    World world(test_server_options(), fresh_database());
    auto first = world.http->Get("/api/v1/catalogue");
    REQUIRE(first->status == 200);
    CHECK(parse(first->body)["routes"].size() == world.catalogue.routes.size());
    auto unchanged = world.http->Get("/api/v1/catalogue", {{"If-None-Match", first->get_header_value("ETag")}});
    CHECK(unchanged->status == 304);
    CHECK(parse(world.http->Get("/api/v1/health")->body)["database"] == "postgresql");
}

namespace {

// Each of 60 workers asks for two trips at the same moment, one on each process; the
// second trip departs `second_departs_later` days after the first. Returns, per worker,
// whether they hold a place on the first and on the second trip, and both answers.
struct PairOutcome {
    bool in_first = false, in_second = false;
    int first_status = 0, second_status = 0;
};
std::vector<PairOutcome> join_both_at_once(int second_departs_later) {
    World world(test_server_options(), fresh_database());
    ServerProcess second(serve_args(world.url, test_server_options()));
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    // Two trips with room for everyone: only the dates can refuse a join.
    std::string first_trip = open_group(*world.http, organizer, world.route(), 1, 500, now() + 7 * 86400, 30);
    std::string second_trip =
        open_group(*world.http, organizer, world.route(), 1, 500, now() + 7 * 86400, 30 + second_departs_later);
    constexpr int kWorkers = 60;
    std::vector<Session> workers;
    for (int i = 0; i < kWorkers; ++i) {
        workers.push_back(create_and_sign_in(*world.http, world.admin, "worker", "pair" + std::to_string(i),
                                             world.unit(static_cast<std::size_t>(i))));
    }

    std::vector<int> statuses(2 * kWorkers, 0);
    std::latch ready(2 * kWorkers);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2 * kWorkers; ++i) {
        threads.emplace_back([&, i] {
            bool on_second = i % 2 == 1;
            httplib::Client client("127.0.0.1", on_second ? second.port() : world.server->port());
            client.set_read_timeout(60, 0);
            ready.arrive_and_wait();
            const std::string& trip = on_second ? second_trip : first_trip;
            auto res = client.Post("/api/v1/groups/" + trip + "/join", workers[static_cast<std::size_t>(i / 2)].headers(),
                                   "{}", "application/json");
            if (res) statuses[static_cast<std::size_t>(i)] = res->status;
        });
    }
    for (auto& thread : threads) thread.join();

    auto holders = [&](const std::string& trip) {
        std::set<std::string> ids;
        // The secretariat sees every worker's id on the places.
        auto detail = parse(world.http->Get("/api/v1/groups/" + trip, world.admin.headers())->body);
        for (const auto& place : detail["places"]) ids.insert(place["worker"].get<std::string>());
        return ids;
    };
    auto on_first = holders(first_trip);
    auto on_second = holders(second_trip);
    std::vector<PairOutcome> outcomes;
    for (int i = 0; i < kWorkers; ++i) {
        const std::string& id = workers[static_cast<std::size_t>(i)].account;
        outcomes.push_back(PairOutcome{on_first.count(id) > 0, on_second.count(id) > 0,
                                       statuses[static_cast<std::size_t>(2 * i)],
                                       statuses[static_cast<std::size_t>(2 * i + 1)]});
    }
    return outcomes;
}

// Exactly one of the two joins won; the other was refused (4xx), never a 5xx.
void check_exactly_one_won(const std::vector<PairOutcome>& outcomes) {
    for (const auto& o : outcomes) {
        CHECK(o.in_first != o.in_second);
        int a = o.first_status, b = o.second_status;
        CHECK(((a == 200 && b >= 400 && b < 500) || (b == 200 && a >= 400 && a < 500)));
    }
}

int route_days() {
    return std::max(test_catalogue().routes.at(0).days, 1);
}

}  // namespace

TEST_CASE("PostgreSQL, two processes: one worker never holds two overlapping trips", "[postgres][overlap]") {
    check_exactly_one_won(join_both_at_once(0));
}

// The overlap locks are per (worker, day): trips sharing only their last / first day
// must still exclude each other.
TEST_CASE("PostgreSQL, two processes: trips sharing a single day still exclude each other", "[postgres][overlap]") {
    REQUIRE(route_days() >= 2);
    check_exactly_one_won(join_both_at_once(route_days() - 1));
}

// ... while trips on disjoint days are both granted (the locks do not over-refuse).
TEST_CASE("PostgreSQL, two processes: one worker joins two trips on disjoint days at once", "[postgres][overlap]") {
    for (const auto& o : join_both_at_once(route_days())) {
        CHECK(o.in_first);
        CHECK(o.in_second);
        CHECK(o.first_status == 200);
        CHECK(o.second_status == 200);
    }
}

TEST_CASE("PostgreSQL: the audit entry commits and rolls back with its write, and UPDATE, DELETE and TRUNCATE are refused",
          "[postgres][audit]") {
    check_audit_store(fresh_database());
}

TEST_CASE("PostgreSQL: a database from before the audit trail gains the table and its triggers", "[postgres][audit]") {
    check_audit_migration(fresh_database());
}

TEST_CASE("PostgreSQL, two processes: audited writes and the trail's filters", "[postgres][audit]") {
    World world(test_server_options(), fresh_database());
    ServerProcess second(serve_args(world.url, test_server_options()));
    auto other = second.client();
    Session admin_there = sign_in(*other, "admin", "admin-password");
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    std::string group = open_group(*other, organizer, world.route(), 2, 5, now() + 7 * 86400);
    auto suspend = other->Post("/api/v1/members/" + world.catalogue.members.at(0).id + "/suspend",
                               admin_there.headers(), R"({"reason":"整改"})", "application/json");
    REQUIRE(suspend->status == 200);

    auto get = [&](const std::string& query) {
        auto res = world.http->Get("/api/v1/audit?" + query, world.admin.headers());
        REQUIRE(res);
        INFO(res->body);
        REQUIRE(res->status == 200);
        return parse(res->body);
    };
    auto all = get("");
    CHECK(all["total"] == 3);
    REQUIRE(all["entries"].size() == 3);
    CHECK(all["entries"][0]["action"] == "member.suspend");
    CHECK(all["entries"][0]["reason"] == "整改");
    CHECK(all["entries"][1]["action"] == "group.open");
    CHECK(all["entries"][1]["entity_id"] == group);
    CHECK(all["entries"][2]["action"] == "account.create");
    CHECK(get("action=group")["total"] == 1);
    CHECK(get("actor=" + organizer.account)["total"] == 1);
    CHECK(get("entity=" + group)["total"] == 1);
    CHECK(get("limit=1&offset=2")["entries"][0]["action"] == "account.create");
    CHECK(get("from=" + format_day(day_of(now()) + 1))["total"] == 0);
    auto refused = world.http->Get("/api/v1/audit?limit=501", world.admin.headers());
    CHECK(refused->status == 400);
    CHECK(parse(refused->body)["path"] == "limit");
    CHECK(world.http->Get("/api/v1/audit", organizer.headers())->status == 403);
}

TEST_CASE("PostgreSQL: a draft route stays out of the catalogue until published, and unpublishing reaches the delta",
          "[postgres][catalogue]") {
    World world(test_server_options(), fresh_database());
    const auto post = [&](const std::string& path, const nlohmann::json& body) {
        return world.http->Post(path, world.admin.headers(), body.dump(), "application/json");
    };
    const auto has_route = [](const nlohmann::json& document, const std::string& id) {
        for (const auto& r : document["routes"])
            if (r["id"] == id) return true;
        return false;
    };
    const std::int64_t before = parse(world.http->Get("/api/v1/catalogue")->body)["version"];
    Route route = world.catalogue.routes.at(0);
    route.id = "r-pg-draft";
    REQUIRE(post("/api/v1/routes", route)->status == 201);
    auto drafts = parse(world.http->Get("/api/v1/routes?status=draft", world.admin.headers())->body);
    CHECK(has_route(drafts, "r-pg-draft"));
    CHECK_FALSE(has_route(parse(world.http->Get("/api/v1/catalogue")->body), "r-pg-draft"));
    CHECK_FALSE(has_route(parse(world.http->Get("/api/v1/catalogue?since=" + std::to_string(before))->body), "r-pg-draft"));

    REQUIRE(post("/api/v1/routes/r-pg-draft/publish", nlohmann::json::object())->status == 200);
    CHECK(has_route(parse(world.http->Get("/api/v1/catalogue")->body), "r-pg-draft"));
    const std::int64_t published = parse(world.http->Get("/api/v1/catalogue")->body)["version"];
    REQUIRE(post("/api/v1/routes/r-pg-draft/unpublish", nlohmann::json::object())->status == 200);
    CHECK_FALSE(has_route(parse(world.http->Get("/api/v1/catalogue")->body), "r-pg-draft"));
    const auto delta = parse(world.http->Get("/api/v1/catalogue?since=" + std::to_string(published))->body);
    REQUIRE(delta["routes"].size() == 1);
    CHECK(delta["routes"][0]["status"] == "draft");
}

TEST_CASE("PostgreSQL: every statistic against the hand-computed fixture", "[postgres][stats]") {
    StatsWorld world(fresh_database());
    check_stats_figures(world);
}

// The unit union's desk (desk_checks.hpp), as on SQLite (test_server_desk.cpp).
TEST_CASE("PostgreSQL: the roster names the union's own workers, other units as counts", "[postgres][desk]") {
    desk::check_roster_names_and_counts(fresh_database());
}

TEST_CASE("PostgreSQL: a union adds a worker of its own unit, with the join's rules and idempotency",
          "[postgres][desk]") {
    desk::check_union_adds_own_worker(fresh_database());
}

TEST_CASE("PostgreSQL: freeing another worker's place needs a reason, shown to the worker and on the roster",
          "[postgres][desk]") {
    desk::check_withdraw_needs_reason(fresh_database());
}

TEST_CASE("PostgreSQL: a unit's worker accounts, for its union and the secretariat", "[postgres][desk]") {
    desk::check_unit_worker_accounts(fresh_database());
}

TEST_CASE("PostgreSQL: a route no longer bookable refuses joins, adds and offers taken, not withdrawals or cancelling",
          "[postgres][desk]") {
    desk::check_unbookable_route_refuses_new_places(fresh_database());
}

TEST_CASE("PostgreSQL: roster access follows taking part", "[postgres][desk]") {
    desk::check_roster_access_follows_taking_part(fresh_database());
}

TEST_CASE("PostgreSQL: the demo's place holders have accounts, named on the rosters", "[postgres][desk]") {
    desk::check_demo_places_have_accounts(fresh_database());
}

// Issue 19: on PostgreSQL a transaction's catalogue version is its transaction id (plus an
// offset), taken without a shared row, so two writers can commit out of version order. Here
// the earlier version commits after the later one, and a client polls in between: its cursor
// must stay below the version still in flight, so that its next delta brings that change.
// (With one shared counter row the second writer cannot even take its version: it waits for
// the first's commit, here until lock_timeout fails it. With versions from a sequence and the
// cursor at the highest version seen, the poll in between would skip the earlier change.)
TEST_CASE("PostgreSQL: a delta cursor never skips a change committed out of version order", "[postgres][catalogue]") {
    namespace store = liaoxiu::server::store;
    World world(test_server_options(), fresh_database());
    Session organizer = create_and_sign_in(*world.http, world.admin, "organizer", "org", world.unit(0));
    const std::string early = open_group(*world.http, organizer, world.route(), 1, 10, now() + 7 * 86400, 30);
    const std::string late = open_group(*world.http, organizer, world.route(), 1, 10, now() + 7 * 86400, 40);
    const std::int64_t start = parse(world.http->Get("/api/v1/catalogue")->body)["version"];
    auto group_ids = [](const nlohmann::json& document) {
        std::set<std::string> ids;
        for (const auto& group : document["groups"]) ids.insert(group["id"].get<std::string>());
        return ids;
    };

    auto first = liaoxiu::server::open_connection(world.url);
    auto second = liaoxiu::server::open_connection(world.url);
    second->execute("SET lock_timeout = '5s'");
    store::begin_write(*first);
    const std::int64_t early_version = store::bump_catalogue_version(*first);
    store::stamp_version(*first, store::Kind::group, early, early_version);
    store::begin_write(*second);
    const std::int64_t late_version = store::bump_catalogue_version(*second);
    store::stamp_version(*second, store::Kind::group, late, late_version);
    store::commit(*second);
    CHECK(late_version > early_version);

    // The later version is committed, the earlier one still in flight.
    auto between = parse(world.http->Get("/api/v1/catalogue?since=" + std::to_string(start))->body);
    const std::int64_t cursor = between["version"];
    CHECK(group_ids(between).count(late) == 1);
    CHECK(group_ids(between).count(early) == 0);
    CHECK(cursor < early_version);

    store::commit(*first);
    auto after = parse(world.http->Get("/api/v1/catalogue?since=" + std::to_string(cursor))->body);
    CHECK(group_ids(after).count(early) == 1);
    // Once nothing older is in flight (the cluster is shared with other tests' databases, whose
    // transactions hold the cursor back while they run), the cursor covers both.
    std::int64_t covered = 0;
    for (int i = 0; i < 100 && covered < late_version; ++i) {
        if (i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        covered = parse(world.http->Get("/api/v1/catalogue")->body)["version"];
    }
    CHECK(covered >= late_version);
}

TEST_CASE("PostgreSQL: a database met by lower transaction ids (restored elsewhere) moves its versions above every cursor",
          "[postgres][catalogue]") {
    namespace store = liaoxiu::server::store;
    World world(test_server_options(), fresh_database());
    auto db = liaoxiu::server::open_connection(world.url);
    auto offset = [&] { return db->query("SELECT value::bigint FROM meta WHERE key = 'pg_version_offset'").front().integer(0); };
    const std::int64_t before = offset();
    const std::int64_t served = parse(world.http->Get("/api/v1/catalogue")->body)["version"];

    SECTION("a start in the same cluster changes nothing") {
        store::migrate_version_offset(*db);
        CHECK(offset() == before);
    }
    SECTION("ids below the last start's: another cluster, the offset grows by 2^40") {
        // As if the last start had seen an id far above any this cluster has given.
        db->execute("UPDATE meta SET value = '1000000000000' WHERE key = 'pg_last_start_xid'");
        store::migrate_version_offset(*db);
        CHECK(offset() == before + (std::int64_t{1} << 40));
        store::begin_write(*db);
        const std::int64_t next = store::bump_catalogue_version(*db);
        store::rollback(*db);
        CHECK(next > served + (std::int64_t{1} << 39));
    }
    SECTION("a row's version above what the ids would give: the offset moves above it") {
        const std::int64_t high = served + (std::int64_t{1} << 36);
        db->execute("UPDATE units SET version = $1 WHERE id = (SELECT MIN(id) FROM units)", {high});
        store::migrate_version_offset(*db);
        store::begin_write(*db);
        const std::int64_t next = store::bump_catalogue_version(*db);
        store::rollback(*db);
        CHECK(next > high);
    }
}

TEST_CASE("PostgreSQL, two processes with the webhook: each notification is sent by one of them, once",
          "[postgres][webhook]") {
    using namespace webhook;
    Receiver receiver;
    receiver.start();
    Webhook hook;
    World world(hook.options(receiver.url()));
    ServerProcess second(serve_args(world.url, hook.options(receiver.url())));
    auto second_http = second.client();
    // Groups formed through each process: both senders are woken, and both look at every row.
    std::set<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        for (httplib::Client* through : {world.http.get(), second_http.get()}) {
            const auto told = ids_of(form_group(world, "two-" + std::to_string(ids.size()), through));
            ids.insert(told.begin(), told.end());
        }
    }
    REQUIRE(ids.size() == 24);
    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    const auto counts = receiver.counts();
    CHECK(keys_of(counts) == ids);
    for (const auto& [key, count] : counts) CHECK(count == 1);
    for (const auto& [id, entry] : log_by_id(world)) CHECK(entry["attempts"] == 1);
}
