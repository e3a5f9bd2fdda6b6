#include "server/notification_service.hpp"

#include "core/dates.hpp"
#include "core/wire_notifications.hpp"
#include "server/api_error.hpp"
#include "server/store.hpp"
#include "server/webhook_outbox.hpp"
#include "server/write_queue.hpp"

#include <string>

namespace liaoxiu::server {

namespace {

using nlohmann::json;
using store::audience_name;

// Whose notifications a caller reads: a worker their own, a union its unit's. The secretariat
// is told nothing of groups (it reads the statistics and the audit trail).
struct Inbox {
    std::string audience;
    Id recipient;
};
Inbox inbox_of(const Principal& by) {
    if (by.is_worker()) return {std::string(audience_name(Audience::worker)), by.account};
    if (by.is_organizer()) return {std::string(audience_name(Audience::unit_union)), by.unit};
    fail("forbidden", "只有职工和单位工会有消息", "only workers and unit unions have notifications");
}

std::int64_t count_unread(Connection& db, const Inbox& inbox) {
    return db.query("SELECT COUNT(*) FROM notifications WHERE audience = $1 AND recipient = $2 AND read_at IS NULL",
                    {inbox.audience, inbox.recipient})
        .front()
        .integer(0);
}

}  // namespace

namespace store {

void create_notifications_schema(Connection& db) {
    const std::string id_column =
        db.dialect() == Dialect::sqlite ? "id INTEGER PRIMARY KEY AUTOINCREMENT" : "id BIGSERIAL PRIMARY KEY";
    db.execute("CREATE TABLE IF NOT EXISTS notifications (" + id_column +
               ", audience TEXT NOT NULL, recipient TEXT NOT NULL, kind TEXT NOT NULL, group_id TEXT NOT NULL, "
               "seq BIGINT NOT NULL, at BIGINT NOT NULL, until BIGINT, reason TEXT NOT NULL, read_at BIGINT, "
               "UNIQUE (audience, recipient, kind, group_id, seq))");
    db.execute("CREATE INDEX IF NOT EXISTS notifications_by_inbox ON notifications (audience, recipient, id)");
}

std::string_view audience_name(Audience audience) { return audience == Audience::worker ? "worker" : "unit"; }

void record_notifications(Connection& db, const std::vector<Notification>& notifications, bool webhook_outbox) {
    for (const Notification& n : notifications) {
        // RETURNING gives the id only of a row this statement inserted: a repeat (the same fact
        // recorded again) gets no second delivery.
        const std::vector<SqlRow> inserted = db.query(
            "INSERT INTO notifications (audience, recipient, kind, group_id, seq, at, until, reason) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            "ON CONFLICT (audience, recipient, kind, group_id, seq) DO NOTHING RETURNING id",
            {std::string(audience_name(n.audience)), n.recipient, std::string(notification_kind_name(n.kind)),
             n.group, std::int64_t{n.seq}, std::int64_t{n.at},
             n.until ? SqlValue(std::int64_t{*n.until}) : SqlValue(std::monostate{}), n.reason});
        if (webhook_outbox && !inserted.empty()) enqueue_webhook_delivery(db, inserted.front().integer(0));
    }
}

std::optional<wire::NotificationEntry> NotificationWording::entry(const SqlRow& row) {
    const std::optional<NotificationKind> kind = parse_notification_kind(row.text(1));
    if (!kind) return std::nullopt;
    const Id group_id = row.text(2);
    auto [it, fresh] = groups_.try_emplace(group_id);
    if (fresh) it->second = load_group(db_, group_id);
    const std::optional<GroupTrip>& trip = it->second;
    std::string title;
    if (trip) {
        auto [t, new_title] = titles_.try_emplace(trip->route);
        if (new_title) {
            const std::optional<Route> route = load_route(db_, trip->route);
            t->second = route ? route->title : trip->route;
        }
        title = t->second;
    }
    std::string reason = row.text(6);
    if (*kind == NotificationKind::approval_declined) {
        auto [r, new_reasons] = reasons_.try_emplace(group_id);
        if (new_reasons) r->second = place_reasons(db_, group_id);
        if (auto found = r->second.find(row.integer(3)); found != r->second.end()) reason = found->second;
    }
    const std::optional<Instant> until = row.optional_integer(5);
    const Day departure = trip ? trip->departure : 0;
    const NotificationText text = notification_text(*kind, title, departure, reason, until);
    wire::NotificationEntry entry;
    entry.id = row.integer(0);
    entry.kind = *kind;
    entry.group = group_id;
    entry.at = row.integer(4);
    entry.read = !row.is_null(7);
    entry.text_zh = text.zh;
    entry.text_en = text.en;
    if (trip) {
        entry.route = trip->route;
        entry.route_title = title;
        entry.departure = trip->departure;
    }
    entry.until = until;
    entry.reason = reason;
    return entry;
}

}  // namespace store

json my_notifications(Backend& backend, const Principal& by, const NotificationQuery& query) {
    const Inbox inbox = inbox_of(by);
    return read_snapshot(backend, [&](Connection& db) {
        SqlParams params{inbox.audience, inbox.recipient};
        std::string sql = std::string("SELECT ") + store::kNotificationEntryColumns +
                          " FROM notifications n WHERE n.audience = $1 AND n.recipient = $2";
        if (query.before) {
            sql += " AND n.id < $3";
            params.emplace_back(*query.before);
        }
        // One more than asked: whether there are more.
        sql += " ORDER BY n.id DESC LIMIT " + std::to_string(query.limit + 1);
        std::vector<SqlRow> rows = db.query(sql, params);
        const bool more = static_cast<int>(rows.size()) > query.limit;
        if (more) rows.pop_back();

        store::NotificationWording wording(db);
        wire::NotificationPage page;
        page.more = more;
        for (const SqlRow& row : rows) {
            if (auto entry = wording.entry(row)) page.notifications.push_back(std::move(*entry));
        }
        page.unread = count_unread(db, inbox);
        return wire::encode_notification_page(page);
    });
}

json mark_notifications_read(Backend& backend, const Principal& by, const json& body) {
    const Inbox inbox = inbox_of(by);
    if (!body.is_object() || !body.contains("up_to"))
        fail("missing_field", "缺少字段 up_to", "missing field up_to", "up_to");
    const json& up_to = body.at("up_to");
    if (!up_to.is_number_integer()) fail("wrong_type", "up_to 应为整数", "up_to must be an integer", "up_to");
    const std::int64_t last = up_to.get<std::int64_t>();
    if (last < 0) fail("bad_value", "up_to 不能为负数", "up_to must not be negative", "up_to");
    std::int64_t unread = 0;
    backend.writer.run([&](WriteContext& context) {
        context.db.execute("UPDATE notifications SET read_at = $1 WHERE audience = $2 AND recipient = $3 AND id <= $4 "
                           "AND read_at IS NULL",
                           {std::int64_t{context.now}, inbox.audience, inbox.recipient, last});
        unread = count_unread(context.db, inbox);
    });
    return wire::encode_unread(unread);
}

}  // namespace liaoxiu::server
