// Delivery of notifications beyond the app: a thread of its own drains the outbox
// (webhook_outbox.hpp) to one configured URL, so a deployment plugs in an SMS gateway or a
// WeChat service account by running a small receiver, without changing this code.
//
// Each notification is POSTed as JSON (webhook_payload) with
//   Idempotency-Key: <notification id>
//   X-Liaoxiu-Timestamp: <Unix seconds>
//   X-Liaoxiu-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<body>" with the shared secret>
// A 2xx answer delivers it; anything else (another status, no connection, no answer within the
// timeout) is tried again after a backoff that doubles from a base up to a cap, until the
// attempts run out (then it stays `failed` in the log). At least once: a delivery is marked
// only after its 2xx, so a server killed between the two sends it again after its restart, and
// the Idempotency-Key lets the receiver drop the repeat. While the server runs, a notification
// is sent again only after an attempt that failed.
#pragma once

#include "server/sql.hpp"
#include "server/webhook_outbox.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace httplib {
class Client;
}

namespace liaoxiu::server {

struct WebhookSettings {
    std::string url;     // http://host[:port][/path] or https://… (verified against the system's CAs)
    std::string secret;  // the HMAC key, as read from the secret file
    std::chrono::milliseconds timeout{5000};          // to connect, and then for the answer
    std::chrono::milliseconds backoff_base{30000};    // after the first failed attempt; doubled after each
    std::chrono::milliseconds backoff_cap{3600000};   // never longer than this
    int max_attempts = 10;
    int batch = 16;  // rows read at a time (the oldest first)
};

// Where a webhook URL points: "http://host:port" (what httplib::Client takes) and the path.
struct WebhookTarget {
    std::string origin;
    std::string path;
};
// nullopt unless `url` is http:// or https:// with a host.
std::optional<WebhookTarget> parse_webhook_url(const std::string& url);

// The secret file's content without its trailing line break and spaces. Throws
// std::runtime_error (saying what is wrong, never the secret) when the file cannot be read or
// holds fewer than 16 bytes.
std::string read_webhook_secret(const std::string& path);

// "sha256=<hex>": HMAC-SHA256 over "<timestamp>.<body>" keyed with `secret` (any length).
std::string webhook_signature(std::string_view secret, std::int64_t timestamp, std::string_view body);

// How long after its `attempts_made`-th failed attempt a delivery is tried again.
std::chrono::milliseconds webhook_backoff(const WebhookSettings& settings, std::int64_t attempts_made);

class WebhookSender {
public:
    // Starts the thread, with a database connection of its own from `db_url` (never a writer's
    // or a request's: a slow receiver holds up nothing but this thread).
    WebhookSender(std::string db_url, WebhookSettings settings);
    // Stops the thread at once: an attempt in flight is cut off (a failed attempt, tried again
    // after the next start), the rest wait for the next start.
    ~WebhookSender();
    WebhookSender(const WebhookSender&) = delete;
    WebhookSender& operator=(const WebhookSender&) = delete;

    // New rows may be due (called after every commit).
    void notify();

private:
    void loop();
    // Sends what is due, a batch at a time; returns when nothing is due or on stopping.
    void drain(Connection& db, httplib::Client& client);
    void attempt(Connection& db, httplib::Client& client, const store::DueDelivery& due);
    bool stopping();

    std::string db_url_;
    WebhookSettings settings_;
    WebhookTarget target_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool notified_ = false;
    httplib::Client* client_ = nullptr;  // the thread's, while it has one: stopping cuts its request off
    std::thread thread_;
};

}  // namespace liaoxiu::server
