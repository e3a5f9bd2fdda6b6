// The `notifications` table (notification_service.cpp): what WriteContext::save_group records
// in the transaction of each group change, and what GET /me/notifications reads.
#pragma once

#include "core/notification.hpp"
#include "core/wire_notifications.hpp"
#include "server/sql.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace liaoxiu::server::store {

// The table and its index (once; CREATE ... IF NOT EXISTS: an older database gets it empty).
void create_notifications_schema(Connection& db);
// Inserts each; one already recorded (the same audience, recipient, kind, group and place) is left.
// `webhook_outbox`: each newly recorded one also gets its webhook delivery row
// (webhook_outbox.hpp), in the same transaction, so a crash can lose neither without the other.
void record_notifications(Connection& db, const std::vector<Notification>& notifications, bool webhook_outbox);

// The columns NotificationWording::entry reads, in this order, from `notifications` named `n`.
inline constexpr const char* kNotificationEntryColumns =
    "n.id, n.kind, n.group_id, n.seq, n.at, n.until, n.reason, n.read_at";
// "worker" or "unit": the audience as stored and as the webhook names it.
std::string_view audience_name(Audience audience);

// Stored notifications as their readers see them (wire::NotificationEntry: the trip's title and
// the words), for the inbox and the webhook alike; each trip, route title and place reasons are
// read once however many rows name them.
class NotificationWording {
public:
    explicit NotificationWording(Connection& db) : db_(db) {}
    // A row of kNotificationEntryColumns; nullopt for a kind this build does not know (a newer
    // server's: not for this one to word).
    std::optional<wire::NotificationEntry> entry(const SqlRow& row);

private:
    Connection& db_;
    std::map<Id, std::optional<GroupTrip>> groups_;
    std::map<Id, std::string> titles_;
    std::map<Id, std::map<std::int64_t, std::string>> reasons_;
};

}  // namespace liaoxiu::server::store
