// The notifications' (消息) answers (docs/api.md "Notifications (消息)"), each shape written
// once, in wire.hpp's style: the server encodes with these, the app decodes with the same ones.
// Decoders never throw; what they cannot read is DomainError "bad_answer".
#pragma once

#include "core/error.hpp"
#include "core/notification.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::wire {

// One notification as its reader sees it: {id, kind, group, at, read, text_zh, text_en} and,
// when known, {route, route_title, departure, until, reason}.
struct NotificationEntry {
    std::int64_t id = 0;          // grows with time: newest first is highest first
    NotificationKind kind = NotificationKind::offer_made;
    Id group;
    Id route;                     // empty when the group is gone
    std::string route_title;
    std::optional<Day> departure;
    Instant at = 0;
    std::optional<Instant> until; // offer_made: the offer lapses then
    bool read = false;
    std::string reason;           // group_cancelled, approval_declined
    std::string text_zh, text_en; // notification_text's words
    bool operator==(const NotificationEntry&) const = default;
};

// GET /me/notifications → {notifications: [...] newest first, unread, more}.
struct NotificationPage {
    std::vector<NotificationEntry> notifications;
    std::int64_t unread = 0;  // all the reader's unread ones, not only this page's
    bool more = false;        // older ones remain (?before=<the last id>)
    bool operator==(const NotificationPage&) const = default;
};

nlohmann::json encode_notification(const NotificationEntry& entry);
// A kind this build does not know (a newer server's) is refused like any bad entry: the page
// decoder leaves such entries out instead, so an old app still shows the rest.
Result<NotificationEntry> decode_notification(const nlohmann::json& json);
nlohmann::json encode_notification_page(const NotificationPage& page);
Result<NotificationPage> decode_notification_page(std::string_view body);

// POST /me/notifications/read {"up_to": id} → {"unread": N}.
nlohmann::json encode_notifications_read(std::int64_t up_to);
nlohmann::json encode_unread(std::int64_t unread);
Result<std::int64_t> decode_unread(std::string_view body);

}  // namespace liaoxiu::wire
