// The webhook's tests' receiver and helpers (test_server_webhook.cpp, and test_server_postgres.cpp's
// two-process case): a real local receiver that checks each request's signature with the shared
// secret, the options of a server that delivers to it, a group whose forming tells four people,
// and the delivery log as the secretariat reads it.
#pragma once

#include "test_world.hpp"

#include "../common/eventually.hpp"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace liaoxiu::testing::webhook {

// 32 bytes: the receiver verifies with libsodium's one-shot HMAC (a 32-byte key), not with the
// server's code.
inline const std::string kSecret = "webhook-test-secret-0123456789ab";
static_assert(crypto_auth_hmacsha256_KEYBYTES == 32);

// One request as the receiver saw it.
struct Arrival {
    std::string key;  // Idempotency-Key
    std::string content_type;
    bool signed_right = false;
    bool timely = false;  // X-Liaoxiu-Timestamp within 5 minutes of now
    nlohmann::json body;
};

// A webhook receiver on 127.0.0.1 (POST /hook): records every request and answers 204 unless told
// otherwise (500 while `failing`; the first request sleeps `first_sleep` before answering, or
// with `hold_first` waits for release()).
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
        release();
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

    // Lets a held first request answer.
    void release() {
        {
            std::lock_guard lock(mutex_);
            released_ = true;
        }
        released_wake_.notify_all();
    }

    std::atomic<bool> failing = false;
    std::chrono::milliseconds first_sleep{0};
    bool hold_first = false;  // set before start()

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
        if (hold_first) {
            std::unique_lock lock(mutex_);
            released_wake_.wait(lock, [&] { return released_; });
        }
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
    std::condition_variable released_wake_;
    bool released_ = false;
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

inline nlohmann::json answer(const httplib::Result& res, int status = 200) {
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
inline Told form_group(World& world, const std::string& prefix, httplib::Client* through = nullptr) {
    auto& http = through ? *through : *world.http;
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

inline std::set<std::string> ids_of(const Told& told) {
    std::set<std::string> ids;
    for (const auto& [id, whom] : told.recipients) ids.insert(id);
    return ids;
}

inline nlohmann::json delivery_log(World& world, const std::string& query = "?limit=100") {
    return answer(world.http->Get("/api/v1/webhook-deliveries" + query, world.admin.headers()));
}

// The log's entries by notification id.
inline std::map<std::string, nlohmann::json> log_by_id(World& world, const std::string& query = "?limit=100") {
    std::map<std::string, nlohmann::json> entries;
    const nlohmann::json log = delivery_log(world, query);
    for (const auto& entry : log["deliveries"])
        entries[std::to_string(entry["notification_id"].get<std::int64_t>())] = entry;
    return entries;
}

// Every one of `ids` in the log in `state`, each passing `also`.
template <class Also>
inline bool all_in_state(World& world, const std::set<std::string>& ids, const std::string& state, Also also) {
    const auto entries = log_by_id(world);
    for (const auto& id : ids) {
        auto found = entries.find(id);
        if (found == entries.end() || found->second["state"] != state || !also(found->second)) return false;
    }
    return true;
}
inline bool all_in_state(World& world, const std::set<std::string>& ids, const std::string& state) {
    return all_in_state(world, ids, state, [](const nlohmann::json&) { return true; });
}

inline std::set<std::string> keys_of(const std::map<std::string, int>& counts) {
    std::set<std::string> keys;
    for (const auto& [key, count] : counts) keys.insert(key);
    return keys;
}

}  // namespace liaoxiu::testing::webhook
