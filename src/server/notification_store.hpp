// The `notifications` table (notification_service.cpp): what WriteContext::save_group records
// in the transaction of each group change, and what GET /me/notifications reads.
#pragma once

#include "core/notification.hpp"
#include "server/sql.hpp"

#include <vector>

namespace liaoxiu::server::store {

// The table and its index (once; CREATE ... IF NOT EXISTS: an older database gets it empty).
void create_notifications_schema(Connection& db);
// Inserts each; one already recorded (the same audience, recipient, kind, group and place) is left.
void record_notifications(Connection& db, const std::vector<Notification>& notifications);

}  // namespace liaoxiu::server::store
