// The webhook (webhook_sender.hpp) against a real local receiver in this process, which checks
// every request's signature with the shared secret: a notification delivered once with its
// headers and body; a receiver answering 500 and recovering, one sleeping past the timeout, one
// not listening at all: each retried until delivered, every attempt counted in the log; attempts
// running out leave the delivery failed; the log's readers; no delivery rows without a webhook;
// and kill -9 of the server while the receiver is down loses nothing and, deduplicated by
// Idempotency-Key, delivers each once; a URL without a secret refuses the start. Backoffs are milliseconds (--webhook-backoff-ms) and every
// wait polls with a deadline. Tagged [webhook]: the PostgreSQL program runs this file too.
#include "test_world.hpp"

#include "../common/eventually.hpp"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace liaoxiu;
using namespace liaoxiu::testing;

namespace {

// 32 bytes: the receiver verifies with libsodium's one-shot HMAC (a 32-byte key), not with the
// server's code.
const std::string kSecret = "webhook-test-secret-0123456789ab";
static_assert(crypto_auth_hmacsha256_KEYBYTES == 32);

// One request as the receiver saw it.
struct Arrival {
    std::string key;  // Idempotency-Key
    std::string content_type;
    bool signed_right = false;
    bool timely = false;  // X-Liaoxiu-Timestamp within 5 minutes of now
    nlohmann::json body;
};

// A webhook receiver on 127.0.0.1 (POST /hook): records every request and answers 200 unless told
// otherwise (500 while `failing`; the first request sleeps `first_sleep` before answering).
class Receiver {
public:
    explicit Receiver(int port = 0) : port_(port) {
        REQUIRE(sodium_init() >= 0);
        server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) { receive(req, res); });
    }
    ~Receiver() { stop(); }

    // Listening (on the fixed port, if one was given) once this returns.
    void start() {
        if (port_ == 0) {
            port_ = server_.bind_to_any_port("127.0.0.1");
        } else {
            REQUIRE(server_.bind_to_port("127.0.0.1", port_));
        }
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
    }
    void stop() {
        if (!thread_.joinable()) return;
        server_.stop();
        thread_.join();
    }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

    std::vector<Arrival> arrivals() {
        std::lock_guard lock(mutex_);
        return arrivals_;
    }
    // How many requests came for each key.
    std::map<std::string, int> counts() {
        std::map<std::string, int> counts;
        for (const Arrival& arrival : arrivals()) ++counts[arrival.key];
        return counts;
    }

    std::atomic<bool> failing = false;
    std::chrono::milliseconds first_sleep{0};

private:
    void receive(const httplib::Request& req, httplib::Response& res) {
        Arrival arrival;
        arrival.key = req.get_header_value("Idempotency-Key");
        arrival.content_type = req.get_header_value("Content-Type");
        const std::string timestamp = req.get_header_value("X-Liaoxiu-Timestamp");
        const std::string signature = req.get_header_value("X-Liaoxiu-Signature");
        const std::string prefix = "sha256=";
        unsigned char mac[crypto_auth_hmacsha256_BYTES];
        std::size_t mac_length = 0;
        const std::string hex = signature.rfind(prefix, 0) == 0 ? signature.substr(prefix.size()) : std::string();
        const std::string signed_text = timestamp + "." + req.body;
        arrival.signed_right =
            sodium_hex2bin(mac, sizeof mac, hex.data(), hex.size(), nullptr, &mac_length, nullptr) == 0 &&
            mac_length == sizeof mac && hex.size() == 2 * sizeof mac &&
            crypto_auth_hmacsha256_verify(mac, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                          signed_text.size(),
                                          reinterpret_cast<const unsigned char*>(kSecret.data())) == 0;
        try {
            arrival.timely = std::llabs(std::stoll(timestamp) - static_cast<long long>(std::time(nullptr))) < 300;
        } catch (const std::exception&) {
            arrival.timely = false;
        }
        arrival.body = nlohmann::json::parse(req.body, nullptr, false);
        bool sleep_first = false;
        {
            std::lock_guard lock(mutex_);
            sleep_first = arrivals_.empty() && first_sleep.count() > 0;
            arrivals_.push_back(arrival);
        }
        if (sleep_first) std::this_thread::sleep_for(first_sleep);
        if (!arrival.signed_right) {
            res.status = 401;  // a real receiver drops what it cannot verify
        } else if (failing) {
            res.status = 500;
            res.set_content("receiver down for maintenance", "text/plain");
        } else {
            res.status = 204;
        }
    }

    int port_;
    httplib::Server server_;
    std::thread thread_;
    std::mutex mutex_;
    std::vector<Arrival> arrivals_;
};

// The secret's file and the options of a server that delivers to `url`.
struct Webhook {
    TempDir dir;
    std::vector<std::string> options(const std::string& url, int max_attempts = 10, int timeout_ms = 2000) {
        const auto file = dir.path() / "webhook-secret";
        std::ofstream(file) << kSecret << "\n";  // a trailing line break is not part of the secret
        auto options = test_server_options();
        options.insert(options.end(), {"--webhook-url", url, "--webhook-secret-file", file.string(),
                                       "--webhook-timeout-ms", std::to_string(timeout_ms), "--webhook-backoff-ms",
                                       "50", "--webhook-backoff-max-ms", "400", "--webhook-max-attempts",
                                       std::to_string(max_attempts)});
        return options;
    }
};

nlohmann::json answer(const httplib::Result& res, int status = 200) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == status);
    return parse(res->body);
}

// A group of two forms with its second join: four notifications in one transaction (each
// worker's group_formed, the union's group_formed and group_full). Returns their ids, as the
// inboxes show them (this group's only), with whom each is for.
struct Told {
    std::map<std::string, std::pair<std::string, std::string>> recipients;  // id → (audience, recipient)
};
Told form_group(World& world, const std::string& prefix) {
    auto& http = *world.http;
    const Session organizer = create_and_sign_in(http, world.admin, "organizer", prefix + "-org", world.unit(0));
    const Session w1 = create_and_sign_in(http, world.admin, "worker", prefix + "-w1", world.unit(0));
    const Session w2 = create_and_sign_in(http, world.admin, "worker", prefix + "-w2", world.unit(1));
    const std::string group =
        open_group(http, organizer, world.route(), 2, 2, static_cast<Instant>(std::time(nullptr)) + 7 * 86400);
    for (const Session* worker : {&w1, &w2})
        REQUIRE(answer(post(http, "/api/v1/groups/" + group + "/join", *worker, nullptr))["state"] == "confirmed");
    Told told;
    auto read_inbox = [&](const Session& who, const std::string& audience, const std::string& recipient) {
        const nlohmann::json inbox = answer(http.Get("/api/v1/me/notifications", who.headers()));
        for (const auto& n : inbox["notifications"])
            if (n["group"] == group)
                told.recipients[std::to_string(n["id"].get<std::int64_t>())] = {audience, recipient};
    };
    read_inbox(w1, "worker", w1.account);
    read_inbox(w2, "worker", w2.account);
    read_inbox(organizer, "unit", world.unit(0));
    REQUIRE(told.recipients.size() == 4);
    return told;
}

std::set<std::string> ids_of(const Told& told) {
    std::set<std::string> ids;
    for (const auto& [id, whom] : told.recipients) ids.insert(id);
    return ids;
}

nlohmann::json delivery_log(World& world, const std::string& query = "?limit=100") {
    return answer(world.http->Get("/api/v1/webhook-deliveries" + query, world.admin.headers()));
}

// The log's entries by notification id.
std::map<std::string, nlohmann::json> log_by_id(World& world, const std::string& query = "?limit=100") {
    std::map<std::string, nlohmann::json> entries;
    const nlohmann::json log = delivery_log(world, query);
    for (const auto& entry : log["deliveries"])
        entries[std::to_string(entry["notification_id"].get<std::int64_t>())] = entry;
    return entries;
}

// Every one of `ids` in the log in `state`, each passing `also`.
template <class Also>
bool all_in_state(World& world, const std::set<std::string>& ids, const std::string& state, Also also) {
    const auto entries = log_by_id(world);
    for (const auto& id : ids) {
        auto found = entries.find(id);
        if (found == entries.end() || found->second["state"] != state || !also(found->second)) return false;
    }
    return true;
}
bool all_in_state(World& world, const std::set<std::string>& ids, const std::string& state) {
    return all_in_state(world, ids, state, [](const nlohmann::json&) { return true; });
}

std::set<std::string> keys_of(const std::map<std::string, int>& counts) {
    std::set<std::string> keys;
    for (const auto& [key, count] : counts) keys.insert(key);
    return keys;
}

}  // namespace

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
