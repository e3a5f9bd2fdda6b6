// The webhook's outbox and delivery log: table `webhook_deliveries`, one row per notification
// to deliver, written by record_notifications in the notification's own transaction (so a
// crash loses both or neither) and drained by the sender's thread (webhook_sender.hpp). A row
// is pending while it has a next attempt, delivered once a 2xx came back, failed once its
// attempts ran out (no next attempt and never delivered). Times here are Unix milliseconds of
// the system clock: retries back off in milliseconds in tests, and a deployment's
// --test-clock-file (which moves the endpoint's clock by days) must not move them.
#pragma once

#include "server/backend.hpp"
#include "server/sql.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::server {

// The system clock in Unix milliseconds.
std::int64_t unix_millis();

namespace store {

// The table and its index (once; CREATE ... IF NOT EXISTS: an older database gets it empty).
void create_webhook_schema(Connection& db);
// A delivery of notification `notification_id`, due at once.
void enqueue_webhook_delivery(Connection& db, std::int64_t notification_id);

struct DueDelivery {
    std::int64_t notification_id = 0;
    std::int64_t attempts = 0;  // made so far
};
// Up to `limit` pending deliveries due at `now_ms`, oldest notification first.
std::vector<DueDelivery> due_webhook_deliveries(Connection& db, std::int64_t now_ms, int limit);
// When the next pending delivery is due, if any is pending.
std::optional<std::int64_t> next_webhook_attempt(Connection& db);
// Takes `due` for one more attempt: counts the attempt and moves its next one to `retry_at_ms`
// before anything is sent, so a sender killed while sending leaves a row that is tried again
// then, and a second process sharing the database cannot take the same row meanwhile. False if
// someone else took it (or delivered it) since it was read.
bool claim_webhook_delivery(Connection& db, const DueDelivery& due, std::int64_t retry_at_ms);
// A 2xx came back for it.
void mark_webhook_delivered(Connection& db, std::int64_t notification_id, std::int64_t at_ms, int status);
// Attempt number `attempt` failed: tried again at `retry_at_ms`, or never (nullopt: failed for
// good). `status`: the receiver's answer when there was one. Left alone if a later attempt has
// been made since (a claim that outlived its time and was taken again).
void mark_webhook_attempt_failed(Connection& db, std::int64_t notification_id, std::int64_t attempt,
                                 std::optional<std::int64_t> retry_at_ms, std::optional<int> status,
                                 const std::string& error);
// What the webhook is sent for one notification: the inbox's shape of it (wire::encode_notification)
// plus whom it is for, {"audience": "worker"|"unit", "recipient": account or unit id}. nullopt:
// no such notification, or one of a kind this build cannot word.
std::optional<nlohmann::json> webhook_payload(Connection& db, std::int64_t notification_id);

}  // namespace store

// GET /webhook-deliveries: `state` ("pending", "delivered", "failed"; all when absent), `before`
// (a notification id: only older ones, for paging) and `limit` (1–100), the handler checks
// the numbers; the state is checked here.
struct WebhookLogQuery {
    std::optional<std::string> state;
    std::optional<std::int64_t> before;
    int limit = 50;
};
// The delivery log, newest notification first: the secretariat's only (403 for anyone else).
nlohmann::json webhook_deliveries(Backend& backend, const Principal& by, const WebhookLogQuery& query);

}  // namespace liaoxiu::server
