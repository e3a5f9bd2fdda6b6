// Notifications (消息) as the endpoint keeps and serves them (core/notification.hpp says what a
// group trip's change tells whom; docs/api.md "Notifications (消息)" the routes). Every change of
// a group goes through WriteContext::save_group, which records what it tells in the same
// transaction (write_queue.hpp): a notification exists exactly when its change committed, and
// `notifications`' unique key keeps each fact once however often it is recorded.
#pragma once

#include "server/backend.hpp"
#include "server/notification_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace liaoxiu::server {

// GET /me/notifications: `before` (an id: only older ones, for paging) and `limit` (1–100) as
// given in the query, checked here.
struct NotificationQuery {
    std::optional<std::int64_t> before;
    int limit = 50;
};
nlohmann::json my_notifications(Backend& backend, const Principal& by, const NotificationQuery& query);
// POST /me/notifications/read {"up_to": id}: every notification of the caller's up to that id is read.
nlohmann::json mark_notifications_read(Backend& backend, const Principal& by, const nlohmann::json& body);

}  // namespace liaoxiu::server
