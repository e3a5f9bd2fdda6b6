#include "server/webhook_sender.hpp"

#include "core/wire.hpp"

#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace liaoxiu::server {

namespace {

// Enough for a signing key; shorter is a mistake (a password-like word, an empty file).
constexpr std::size_t kMinSecretBytes = 16;

// A receiver's error text, as much as a log line needs.
constexpr std::size_t kMaxErrorChars = 200;

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return text;
}

}  // namespace

std::optional<WebhookTarget> parse_webhook_url(const std::string& url) {
    for (char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
    }
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return std::nullopt;
    const std::string scheme = lowercase(url.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") return std::nullopt;
    const std::string rest = url.substr(scheme_end + 3);
    const auto slash = rest.find('/');
    const std::string host = rest.substr(0, slash);
    // No user:password@: what authenticates the sender is the signature, and a URL gets printed.
    if (host.empty() || host.find('@') != std::string::npos || host.front() == ':') return std::nullopt;
    return WebhookTarget{scheme + "://" + host, slash == std::string::npos ? "/" : rest.substr(slash)};
}

std::string read_webhook_secret(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the webhook secret file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    std::string secret = text.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' || secret.back() == ' ' ||
                               secret.back() == '\t'))
        secret.pop_back();
    if (secret.size() < kMinSecretBytes) {
        throw std::runtime_error("the webhook secret file " + path + " holds fewer than " +
                                 std::to_string(kMinSecretBytes) + " bytes");
    }
    return secret;
}

std::string webhook_signature(std::string_view secret, std::int64_t timestamp, std::string_view body) {
    // The streaming form takes a key of any length (the one-shot crypto_auth_hmacsha256 wants 32 bytes).
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    const std::string signed_prefix = std::to_string(timestamp) + ".";
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_prefix.data()),
                                  signed_prefix.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return std::string("sha256=") + hex;
}

std::chrono::milliseconds webhook_backoff(const WebhookSettings& settings, std::int64_t attempts_made) {
    auto delay = settings.backoff_base;
    // Doubling stops at the cap (and long before it could overflow).
    for (std::int64_t i = 1; i < attempts_made && delay < settings.backoff_cap; ++i) delay *= 2;
    return std::min(delay, settings.backoff_cap);
}

WebhookSender::WebhookSender(std::string db_url, WebhookSettings settings)
    : db_url_(std::move(db_url)), settings_(std::move(settings)) {
    auto target = parse_webhook_url(settings_.url);
    if (!target) throw std::invalid_argument("the webhook URL must start with http:// or https:// and name a host");
    target_ = *target;
    thread_ = std::thread([this] { loop(); });
}

WebhookSender::~WebhookSender() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        // A receiver that takes its time must not hold up a SIGTERM for the whole timeout.
        if (client_) client_->stop();
    }
    wake_.notify_all();
    thread_.join();
}

void WebhookSender::notify() {
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_all();
}

bool WebhookSender::stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
}

void WebhookSender::loop() {
    using namespace std::chrono;
    std::unique_ptr<Connection> db;
    for (;;) {
        // At least once a second: another process sharing a PostgreSQL database may have
        // recorded notifications this one was not told of.
        milliseconds wait{1000};
        try {
            if (!db || !db->healthy()) db = open_connection(db_url_);
            httplib::Client client(target_.origin);
            const auto timeout = duration_cast<microseconds>(settings_.timeout);
            client.set_connection_timeout(timeout);
            client.set_read_timeout(timeout);
            client.set_write_timeout(timeout);
            client.set_keep_alive(true);
            {
                std::lock_guard lock(mutex_);
                if (stopping_) return;
                client_ = &client;
            }
            struct Forget {
                WebhookSender& sender;
                ~Forget() {
                    std::lock_guard lock(sender.mutex_);
                    sender.client_ = nullptr;
                }
            } forget{*this};
            drain(*db, client);
            if (auto next = store::next_webhook_attempt(*db))
                wait = std::clamp(milliseconds(*next - unix_millis()), milliseconds(0), wait);
        } catch (const std::exception& error) {
            std::cerr << "liaoxiu-server: webhook: " << error.what() << "\n";
            db.reset();  // a fresh connection next time
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, wait, [&] { return stopping_ || notified_; });
        if (stopping_) return;
        notified_ = false;
    }
}

void WebhookSender::drain(Connection& db, httplib::Client& client) {
    for (;;) {
        const auto due = store::due_webhook_deliveries(db, unix_millis(), settings_.batch);
        for (const auto& delivery : due) {
            if (stopping()) return;
            attempt(db, client, delivery);
        }
        if (static_cast<int>(due.size()) < settings_.batch) return;
    }
}

void WebhookSender::attempt(Connection& db, httplib::Client& client, const store::DueDelivery& due) {
    const std::int64_t id = due.notification_id;
    if (due.attempts >= settings_.max_attempts) {
        // Claimed for its last attempt by a process that never recorded how it went.
        store::mark_webhook_attempt_failed(db, id, due.attempts, std::nullopt, std::nullopt,
                                           "no outcome recorded for the last attempt (the server stopped)");
        return;
    }
    const auto payload = store::webhook_payload(db, id);
    if (!payload) {
        store::mark_webhook_attempt_failed(db, id, due.attempts, std::nullopt, std::nullopt,
                                           "not a notification this server can word");
        return;
    }
    const std::int64_t attempt_number = due.attempts + 1;
    // If this process dies while sending, the row is due again after this; it is never sooner
    // than the send can take, so a second process does not send it while this one still is.
    const auto held_for = std::max(webhook_backoff(settings_, attempt_number), 3 * settings_.timeout);
    if (!store::claim_webhook_delivery(db, due, unix_millis() + held_for.count())) return;

    const std::string body = wire::dump(*payload);
    // The real time, not the endpoint's (--test-clock-file): the receiver checks it against its own clock.
    const std::int64_t timestamp = unix_millis() / 1000;
    const httplib::Headers headers = {{"Idempotency-Key", std::to_string(id)},
                                      {"X-Liaoxiu-Timestamp", std::to_string(timestamp)},
                                      {"X-Liaoxiu-Signature", webhook_signature(settings_.secret, timestamp, body)}};
    const auto result = client.Post(target_.path, headers, body, "application/json");
    if (result && result->status >= 200 && result->status < 300) {
        store::mark_webhook_delivered(db, id, unix_millis(), result->status);
        return;
    }
    std::optional<int> status;
    std::string error;
    if (result) {
        status = result->status;
        error = "HTTP " + std::to_string(result->status);
        if (!result->body.empty()) error += ": " + result->body.substr(0, kMaxErrorChars);
    } else {
        error = "no answer: " + httplib::to_string(result.error());
    }
    std::optional<std::int64_t> retry_at;
    if (attempt_number < settings_.max_attempts)
        retry_at = unix_millis() + webhook_backoff(settings_, attempt_number).count();
    store::mark_webhook_attempt_failed(db, id, attempt_number, retry_at, status, error);
    // Ids and outcomes only: never the URL (a gateway may take a key in it) or the secret.
    std::clog << "liaoxiu-server: webhook: notification " << id << " attempt " << attempt_number << " failed ("
              << (status ? "HTTP " + std::to_string(*status) : error) << ")"
              << (retry_at ? "; tried again later" : "; given up") << "\n";
}

}  // namespace liaoxiu::server
