// The webhook (webhook_sender.hpp) against a real local receiver in this process, which checks
// every request's signature with the shared secret: a notification delivered once with its
// headers and body; a receiver answering 500 and recovering, one sleeping past the timeout, one
// not listening at all: each retried until delivered, every attempt counted in the log; attempts
// running out leave the delivery failed; the log's readers; no delivery rows without a webhook;
// kill -9 of the server while the receiver is down loses nothing and, deduplicated by
// Idempotency-Key, delivers each once; kill -9 while one is being sent sends it again; a URL
// without a secret refuses the start. Backoffs are milliseconds (--webhook-backoff-ms) and every
// wait polls with a deadline. Tagged [webhook]: the PostgreSQL program runs this file too.
#include "webhook_checks.hpp"

#include <csignal>

using namespace liaoxiu;
using namespace liaoxiu::testing;
using namespace liaoxiu::testing::webhook;

TEST_CASE("webhook: each notification delivered once, signed, with its key, timestamp and body", "[webhook]") {
    Receiver receiver;
    receiver.start();
    Webhook webhook;
    World world(webhook.options(receiver.url()));
    const Told told = form_group(world, "once");
    const std::set<std::string> ids = ids_of(told);

    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    // Marked delivered only after the receiver answered: everything has arrived, each once
    // (the receiver was up the whole time, so nothing was sent twice).
    const auto counts = receiver.counts();
    CHECK(keys_of(counts) == ids);
    for (const auto& [key, count] : counts) CHECK(count == 1);
    for (const Arrival& arrival : receiver.arrivals()) {
        INFO(arrival.body.dump());
        CHECK(arrival.signed_right);
        CHECK(arrival.timely);
        CHECK(arrival.content_type == "application/json");
        REQUIRE(arrival.body.is_object());
        // The inbox's shape of the notification (wire::encode_notification) and whom it is for.
        CHECK(std::to_string(arrival.body["id"].get<std::int64_t>()) == arrival.key);
        const auto& whom = told.recipients.at(arrival.key);
        CHECK(arrival.body["audience"] == whom.first);
        CHECK(arrival.body["recipient"] == whom.second);
        CHECK(arrival.body["route"] == world.route());
        CHECK(arrival.body["route_title"] == world.catalogue.routes.at(0).title);
        const std::string news = arrival.body["kind"] == "group_full" ? "名额已满" : "已成团";
        CHECK(arrival.body["text_zh"].get<std::string>().find(news) != std::string::npos);
        CHECK(arrival.body.contains("text_en"));
        CHECK(arrival.body.contains("at"));
    }
    for (const auto& [id, entry] : log_by_id(world)) {
        INFO(entry.dump());
        CHECK(entry["attempts"] == 1);
        CHECK(entry["last_status"] == 204);
        CHECK(entry.contains("delivered_at"));
        CHECK(!entry.contains("last_error"));
        CHECK(entry["audience"] == told.recipients.at(id).first);
        CHECK(entry["recipient"] == told.recipients.at(id).second);
    }
}

TEST_CASE("webhook: a receiver answering 500 gets every notification again until it recovers", "[webhook]") {
    Receiver receiver;
    receiver.failing = true;
    receiver.start();
    Webhook webhook;
    World world(webhook.options(receiver.url()));
    const std::set<std::string> ids = ids_of(form_group(world, "fail"));

    // Each tried at least twice (the log counts an attempt from when it starts), pending with the
    // receiver's last answer in the log.
    REQUIRE(eventually([&] {
        return all_in_state(world, ids, "pending", [](const nlohmann::json& entry) {
            return entry["attempts"] >= 2 && entry["last_status"] == 500 &&
                   entry["last_error"].get<std::string>().find("HTTP 500") != std::string::npos &&
                   entry.contains("next_attempt_at");
        });
    }));
    receiver.failing = false;
    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    // Every attempt counted: as many as the receiver saw for each key, the last one accepted.
    const auto counts = receiver.counts();
    CHECK(keys_of(counts) == ids);
    for (const auto& [id, entry] : log_by_id(world)) {
        INFO(entry.dump());
        CHECK(entry["attempts"] == counts.at(id));
        CHECK(entry["attempts"] >= 2);
        CHECK(entry["last_status"] == 204);
    }
    for (const Arrival& arrival : receiver.arrivals()) CHECK(arrival.signed_right);
}

TEST_CASE("webhook: a receiver that answers after the timeout is tried again", "[webhook]") {
    Receiver receiver;
    receiver.first_sleep = std::chrono::milliseconds(1500);
    receiver.start();
    Webhook webhook;
    World world(webhook.options(receiver.url(), 10, 300));
    const std::set<std::string> ids = ids_of(form_group(world, "slow"));

    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    const std::string slow_key = receiver.arrivals().front().key;
    const auto entries = log_by_id(world);
    // The one that timed out was sent again (the receiver got it twice: its Idempotency-Key
    // tells it so); the others once each.
    CHECK(entries.at(slow_key)["attempts"] >= 2);
    CHECK(receiver.counts().at(slow_key) >= 2);
    CHECK(keys_of(receiver.counts()) == ids);
}

TEST_CASE("webhook: a receiver not listening is tried later, and gets everything once it listens", "[webhook]") {
    Receiver receiver(free_port());  // not started yet: connections are refused
    Webhook webhook;
    World world(webhook.options(receiver.url()));
    const std::set<std::string> ids = ids_of(form_group(world, "down"));

    REQUIRE(eventually([&] {
        return all_in_state(world, ids, "pending", [](const nlohmann::json& entry) {
            return entry["attempts"] >= 2 && !entry.contains("last_status") &&
                   entry["last_error"].get<std::string>().find("no answer") != std::string::npos;
        });
    }));
    receiver.start();
    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    const auto counts = receiver.counts();
    CHECK(keys_of(counts) == ids);
    for (const auto& [key, count] : counts) CHECK(count == 1);  // only the attempt that connected arrived
}

TEST_CASE("webhook: when the attempts run out the delivery stays failed in the log", "[webhook]") {
    Receiver receiver;
    receiver.failing = true;
    receiver.start();
    Webhook webhook;
    World world(webhook.options(receiver.url(), 3));
    const std::set<std::string> ids = ids_of(form_group(world, "gone"));

    REQUIRE(eventually([&] {
        return all_in_state(world, ids, "failed", [](const nlohmann::json& entry) {
            return entry["attempts"] == 3 && entry["last_status"] == 500 && !entry.contains("next_attempt_at");
        });
    }));
    CHECK(delivery_log(world, "?state=pending")["deliveries"].empty());
    CHECK(delivery_log(world, "?state=delivered")["deliveries"].empty());
    CHECK(delivery_log(world, "?state=failed")["deliveries"].size() == ids.size());
    for (const auto& [key, count] : receiver.counts()) CHECK(count == 3);
}

TEST_CASE("webhook: the delivery log is the secretariat's, and has no rows without a webhook",
          "[webhook]") {
    World world;  // no --webhook-url
    const std::set<std::string> ids = ids_of(form_group(world, "log"));
    auto& http = *world.http;
    const Session worker = create_and_sign_in(http, world.admin, "worker", "log-reader-w", world.unit(0));
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", "log-reader-o", world.unit(0));

    auto code = [](const httplib::Result& res) { return parse(res->body)["code"]; };
    const auto anonymous = http.Get("/api/v1/webhook-deliveries");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    for (const Session* who : {&worker, &organizer}) {
        const auto refused = http.Get("/api/v1/webhook-deliveries", who->headers());
        REQUIRE(refused);
        CHECK(refused->status == 403);
        CHECK(code(refused) == "forbidden");
    }
    // Off unless configured: notifications were recorded, but nothing waits for a webhook.
    const nlohmann::json empty = delivery_log(world, "");
    CHECK(empty["deliveries"].empty());
    CHECK(empty["more"] == false);
    const auto bad_state = http.Get("/api/v1/webhook-deliveries?state=lost", world.admin.headers());
    REQUIRE(bad_state);
    CHECK(bad_state->status == 400);
    CHECK(parse(bad_state->body)["path"] == "state");
    const auto bad_limit = http.Get("/api/v1/webhook-deliveries?limit=101", world.admin.headers());
    REQUIRE(bad_limit);
    CHECK(bad_limit->status == 400);
    CHECK(parse(bad_limit->body)["path"] == "limit");
    CHECK(ids.size() == 4);
}

TEST_CASE("webhook: the log pages newest first", "[webhook]") {
    Receiver receiver;
    receiver.start();
    Webhook webhook;
    World world(webhook.options(receiver.url()));
    const std::set<std::string> ids = ids_of(form_group(world, "page"));
    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    std::vector<std::int64_t> seen;
    std::string query = "?limit=3";
    for (;;) {
        const nlohmann::json page = delivery_log(world, query);
        for (const auto& entry : page["deliveries"]) seen.push_back(entry["notification_id"]);
        if (page["more"] == false) break;
        query = "?limit=3&before=" + std::to_string(seen.back());
    }
    REQUIRE(seen.size() == ids.size());
    CHECK(std::is_sorted(seen.rbegin(), seen.rend()));
    CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
}

TEST_CASE("webhook: kill -9 of the server while the receiver is down loses nothing and repeats nothing",
          "[webhook][durability]") {
    Receiver receiver(free_port());  // down: every attempt fails
    Webhook webhook;
    World world(webhook.options(receiver.url()));
    Told told = form_group(world, "k1");
    const Told more = form_group(world, "k2");
    told.recipients.insert(more.recipients.begin(), more.recipients.end());
    std::set<std::string> ids = ids_of(told);
    REQUIRE(ids.size() == 8);
    REQUIRE(eventually([&] {
        return all_in_state(world, ids, "pending", [](const nlohmann::json& entry) { return entry["attempts"] >= 1; });
    }));

    world.server->kill_hard();
    world.server->start();  // the same database, the same options
    world.http = world.server->client();
    world.admin = sign_in(*world.http, "admin", "admin-password");
    receiver.start();

    // None lost: every notification id arrives, and the log says each is delivered.
    REQUIRE(eventually([&] { return keys_of(receiver.counts()) == ids; }));
    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    // Deduplicated by Idempotency-Key, each exactly once: every arrival for a key is the same notification.
    std::map<std::string, nlohmann::json> first_body;
    for (const Arrival& arrival : receiver.arrivals()) {
        CHECK(arrival.signed_right);
        CHECK(std::to_string(arrival.body["id"].get<std::int64_t>()) == arrival.key);
        auto [it, fresh] = first_body.try_emplace(arrival.key, arrival.body);
        if (!fresh) CHECK(it->second["kind"] == arrival.body["kind"]);
    }
    CHECK(first_body.size() == ids.size());

    // With the receiver up the whole time from here on, nothing arrives twice.
    const auto before = receiver.counts();
    const std::set<std::string> later = ids_of(form_group(world, "k3"));
    REQUIRE(eventually([&] { return all_in_state(world, later, "delivered"); }));
    const auto after = receiver.counts();
    for (const auto& id : later) CHECK(after.at(id) == 1);
    for (const auto& [key, count] : before) CHECK(after.at(key) == count);
}

TEST_CASE("webhook: a webhook URL without its secret file, or with a short secret, refuses the start", "[webhook]") {
    TempDir dir;
    const std::string db = "sqlite:" + (dir.path() / "refused.db").string();
    const std::vector<std::string> serve = {"serve", "--addr", "127.0.0.1:0", "--db", db, "--webhook-url",
                                            "http://127.0.0.1:9/hook"};
    CHECK(run_cli(serve) == 64);  // a usage error, before anything is opened
    const auto short_secret = dir.path() / "short-secret";
    std::ofstream(short_secret) << "too-short\n";
    auto with_short_secret = serve;
    with_short_secret.insert(with_short_secret.end(), {"--webhook-secret-file", short_secret.string()});
    CHECK(run_cli(with_short_secret) == 1);
    CHECK(run_cli({"serve", "--addr", "127.0.0.1:0", "--db", db, "--webhook-url", "ftp://127.0.0.1/hook",
                   "--webhook-secret-file", short_secret.string()}) == 64);
}

TEST_CASE("webhook: kill -9 of the server while a notification is being sent sends it again after the restart",
          "[webhook][durability]") {
    Receiver receiver;
    receiver.hold_first = true;  // the first request is held: the server is killed while it waits for the answer
    receiver.start();
    Webhook webhook;
    // The server waits up to 1.5 s for the answer: long enough to be killed while it waits. After
    // the restart the delivery is due again when its claim ends (3 × the timeout).
    World world(webhook.options(receiver.url(), 10, 1500));
    const std::set<std::string> ids = ids_of(form_group(world, "mid"));
    REQUIRE(eventually([&] { return !receiver.arrivals().empty(); }));
    const std::string in_flight = receiver.arrivals().front().key;
    // Claimed and counted, no outcome yet: the attempt is in flight.
    const nlohmann::json claimed = log_by_id(world).at(in_flight);
    INFO(claimed.dump());
    REQUIRE(claimed["attempts"] == 1);
    REQUIRE(claimed["state"] == "pending");
    REQUIRE(!claimed.contains("last_error"));

    world.server->kill_hard();
    receiver.release();  // its answer now goes nowhere: the delivery was never marked
    world.server->start();
    world.http = world.server->client();
    world.admin = sign_in(*world.http, "admin", "admin-password");

    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    const auto counts = receiver.counts();
    CHECK(keys_of(counts) == ids);
    // At least once: the one in flight came twice (its Idempotency-Key tells the receiver it is a
    // repeat), both attempts counted; every other one once.
    CHECK(counts.at(in_flight) == 2);
    CHECK(log_by_id(world).at(in_flight)["attempts"] == 2);
    for (const auto& [key, count] : counts)
        if (key != in_flight) CHECK(count == 1);
}

TEST_CASE("webhook: SIGTERM stops the server at once while a receiver is slow to answer", "[webhook]") {
    Receiver receiver;
    receiver.hold_first = true;
    receiver.start();
    Webhook webhook;
    World world(webhook.options(receiver.url(), 10, 30000));  // the sender would wait 30 s for the answer
    const std::set<std::string> ids = ids_of(form_group(world, "term"));
    REQUIRE(eventually([&] { return !receiver.arrivals().empty(); }));
    const std::string cut_off = receiver.arrivals().front().key;

    REQUIRE(kill(world.server->pid(), SIGTERM) == 0);
    // Well within ServerProcess::stop's 5 s before its SIGKILL: the request in flight is cut off.
    CHECK(eventually([&] { return !world.server->alive(); }, std::chrono::seconds(3)));
    receiver.release();

    world.server->start();
    world.http = world.server->client();
    world.admin = sign_in(*world.http, "admin", "admin-password");
    REQUIRE(eventually([&] { return all_in_state(world, ids, "delivered"); }));
    const auto counts = receiver.counts();
    CHECK(keys_of(counts) == ids);
    CHECK(counts.at(cut_off) == 2);  // sent again after the restart
    for (const auto& [key, count] : counts)
        if (key != cut_off) CHECK(count == 1);
}
