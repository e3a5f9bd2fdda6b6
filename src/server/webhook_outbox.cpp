#include "server/webhook_outbox.hpp"

#include "core/dates.hpp"
#include "server/api_error.hpp"
#include "server/notification_store.hpp"

#include <chrono>

namespace liaoxiu::server {

std::int64_t unix_millis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace store {

void create_webhook_schema(Connection& db) {
    // Always created, though rows are written only while a webhook is configured: a row for
    // every notification of a deployment without a webhook would pile up undrained, and turning
    // a webhook on later would then send months of old news to an SMS gateway. What was recorded
    // while it was off stays in the app only; rows still pending when it is turned off wait for
    // it to be turned on again.
    db.execute("CREATE TABLE IF NOT EXISTS webhook_deliveries (notification_id BIGINT PRIMARY KEY, "
               "attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT, delivered_at BIGINT, last_status INTEGER, "
               "last_error TEXT)");
    // The sender's question ("what is due?") reads pending rows only.
    db.execute("CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) "
               "WHERE next_attempt_at IS NOT NULL");
}

void enqueue_webhook_delivery(Connection& db, std::int64_t notification_id) {
    db.execute("INSERT INTO webhook_deliveries (notification_id, next_attempt_at) VALUES ($1, $2) "
               "ON CONFLICT (notification_id) DO NOTHING",
               {notification_id, unix_millis()});
}

std::vector<DueDelivery> due_webhook_deliveries(Connection& db, std::int64_t now_ms, int limit) {
    std::vector<DueDelivery> due;
    for (const SqlRow& row : db.query("SELECT notification_id, attempts FROM webhook_deliveries WHERE next_attempt_at "
                                      "IS NOT NULL AND next_attempt_at <= $1 ORDER BY notification_id LIMIT $2",
                                      {now_ms, std::int64_t{limit}}))
        due.push_back(DueDelivery{row.integer(0), row.integer(1)});
    return due;
}

std::optional<std::int64_t> next_webhook_attempt(Connection& db) {
    auto rows = db.query("SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE next_attempt_at IS NOT NULL");
    return rows.empty() ? std::nullopt : rows.front().optional_integer(0);
}

bool claim_webhook_delivery(Connection& db, const DueDelivery& due, std::int64_t retry_at_ms) {
    // One statement: whoever changes `attempts` first has the row; the other's WHERE no longer matches.
    return !db.query("UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $1 "
                     "WHERE notification_id = $2 AND attempts = $3 AND next_attempt_at IS NOT NULL RETURNING attempts",
                     {retry_at_ms, due.notification_id, due.attempts})
                .empty();
}

void mark_webhook_delivered(Connection& db, std::int64_t notification_id, std::int64_t at_ms, int status) {
    db.execute("UPDATE webhook_deliveries SET delivered_at = $1, next_attempt_at = NULL, last_status = $2, "
               "last_error = NULL WHERE notification_id = $3",
               {at_ms, std::int64_t{status}, notification_id});
}

void mark_webhook_attempt_failed(Connection& db, std::int64_t notification_id, std::int64_t attempt,
                                 std::optional<std::int64_t> retry_at_ms, std::optional<int> status,
                                 const std::string& error) {
    db.execute("UPDATE webhook_deliveries SET next_attempt_at = $1, last_status = $2, last_error = $3 "
               "WHERE notification_id = $4 AND attempts = $5 AND delivered_at IS NULL",
               {retry_at_ms ? SqlValue(*retry_at_ms) : SqlValue(std::monostate{}),
                status ? SqlValue(std::int64_t{*status}) : SqlValue(std::monostate{}), error, notification_id,
                attempt});
}

std::optional<nlohmann::json> webhook_payload(Connection& db, std::int64_t notification_id) {
    auto rows = db.query(std::string("SELECT ") + kNotificationEntryColumns +
                             ", n.audience, n.recipient FROM notifications n WHERE n.id = $1",
                         {notification_id});
    if (rows.empty()) return std::nullopt;
    NotificationWording wording(db);
    auto entry = wording.entry(rows.front());
    if (!entry) return std::nullopt;
    nlohmann::json payload = wire::encode_notification(*entry);
    payload["audience"] = rows.front().text(8);
    payload["recipient"] = rows.front().text(9);
    return payload;
}

}  // namespace store

namespace {

// Each state as a condition on the row (webhook_outbox.hpp: what each means).
std::optional<std::string> state_condition(const std::string& state) {
    if (state == "pending") return "d.next_attempt_at IS NOT NULL";
    if (state == "delivered") return "d.delivered_at IS NOT NULL";
    if (state == "failed") return "d.next_attempt_at IS NULL AND d.delivered_at IS NULL";
    return std::nullopt;
}

std::string format_millis(std::int64_t ms) { return format_instant(static_cast<Instant>(ms / 1000)); }

}  // namespace

nlohmann::json webhook_deliveries(Backend& backend, const Principal& by, const WebhookLogQuery& query) {
    if (!by.is_secretariat())
        fail("forbidden", "只有联盟秘书处可以查看消息推送记录", "only the alliance's secretariat sees the webhook deliveries");
    std::string sql =
        "SELECT d.notification_id, n.kind, n.audience, n.recipient, n.group_id, d.attempts, d.next_attempt_at, "
        "d.delivered_at, d.last_status, d.last_error FROM webhook_deliveries d JOIN notifications n ON n.id = "
        "d.notification_id WHERE 1 = 1";
    SqlParams params;
    if (query.state) {
        auto condition = state_condition(*query.state);
        if (!condition)
            fail("bad_value", "state 须为 pending、delivered 或 failed", "state must be pending, delivered or failed",
                 "state");
        sql += " AND " + *condition;
    }
    if (query.before) {
        params.emplace_back(*query.before);
        sql += " AND d.notification_id < $" + std::to_string(params.size());
    }
    // One more than asked: whether there are more.
    sql += " ORDER BY d.notification_id DESC LIMIT " + std::to_string(query.limit + 1);
    return read_snapshot(backend, [&](Connection& db) {
        std::vector<SqlRow> rows = db.query(sql, params);
        const bool more = static_cast<int>(rows.size()) > query.limit;
        if (more) rows.pop_back();
        nlohmann::json deliveries = nlohmann::json::array();
        for (const SqlRow& row : rows) {
            nlohmann::json entry = {{"notification_id", row.integer(0)}, {"kind", row.text(1)},
                                    {"audience", row.text(2)},           {"recipient", row.text(3)},
                                    {"group", row.text(4)},              {"attempts", row.integer(5)}};
            if (!row.is_null(7)) {
                entry["state"] = "delivered";
                entry["delivered_at"] = format_millis(row.integer(7));
            } else if (!row.is_null(6)) {
                entry["state"] = "pending";
                entry["next_attempt_at"] = format_millis(row.integer(6));
            } else {
                entry["state"] = "failed";
            }
            if (!row.is_null(8)) entry["last_status"] = row.integer(8);
            if (!row.is_null(9)) entry["last_error"] = row.text(9);
            deliveries.push_back(std::move(entry));
        }
        return nlohmann::json{{"deliveries", std::move(deliveries)}, {"more", more}};
    });
}

}  // namespace liaoxiu::server
