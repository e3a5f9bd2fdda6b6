#include "core/wire_notifications.hpp"

#include "core/dates.hpp"
#include "core/wire.hpp"
#include "core/wire_fields.hpp"

#include <utility>

namespace liaoxiu::wire {

using nlohmann::json;
using namespace fields;

json encode_notification(const NotificationEntry& entry) {
    json item{{"id", entry.id},
              {"kind", notification_kind_name(entry.kind)},
              {"group", entry.group},
              {"at", format_instant(entry.at)},
              {"read", entry.read},
              {"text_zh", entry.text_zh},
              {"text_en", entry.text_en}};
    if (!entry.route.empty()) {
        item["route"] = entry.route;
        item["route_title"] = entry.route_title;
    }
    if (entry.departure) item["departure"] = format_day(*entry.departure);
    if (entry.until) item["until"] = format_instant(*entry.until);
    if (!entry.reason.empty()) item["reason"] = entry.reason;
    return item;
}

Result<NotificationEntry> decode_notification(const json& value) {
    auto id = row_id_field(value, "id");
    auto kind_name = string_field(value, "kind");
    auto kind = kind_name ? parse_notification_kind(*kind_name) : std::nullopt;
    auto group = string_field(value, "group");
    auto at = instant_field(value, "at");
    auto read = bool_field(value, "read");
    auto text_zh = string_field(value, "text_zh");
    auto text_en = string_field(value, "text_en");
    if (!id || !kind || !group || group->empty() || !at || !read || !text_zh || !text_en)
        return bad_answer("notification");
    NotificationEntry entry;
    entry.id = *id;
    entry.kind = *kind;
    entry.group = std::move(*group);
    entry.at = *at;
    entry.read = *read;
    entry.text_zh = std::move(*text_zh);
    entry.text_en = std::move(*text_en);
    entry.route = string_field(value, "route").value_or("");
    entry.route_title = string_field(value, "route_title").value_or("");
    entry.departure = day_field(value, "departure");
    entry.until = instant_field(value, "until");
    entry.reason = string_field(value, "reason").value_or("");
    return entry;
}

json encode_notification_page(const NotificationPage& page) {
    json list = json::array();
    for (const NotificationEntry& entry : page.notifications) list.push_back(encode_notification(entry));
    return {{"notifications", std::move(list)}, {"unread", page.unread}, {"more", page.more}};
}

Result<NotificationPage> decode_notification_page(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("notifications: not JSON");
    const json* list = field(*parsed, "notifications");
    auto unread = integer_field(*parsed, "unread");
    auto more = bool_field(*parsed, "more");
    if (!list || !list->is_array() || !unread || *unread < 0 || !more) return bad_answer("notifications");
    NotificationPage page;
    page.unread = *unread;
    page.more = *more;
    for (const json& item : *list) {
        // A kind a newer server tells is left out; anything else malformed refuses the page.
        auto kind_name = string_field(item, "kind");
        if (kind_name && !parse_notification_kind(*kind_name)) continue;
        Result<NotificationEntry> entry = decode_notification(item);
        if (!entry) return entry.error();
        page.notifications.push_back(std::move(entry).value());
    }
    return page;
}

json encode_notifications_read(std::int64_t up_to) { return {{"up_to", up_to}}; }

json encode_unread(std::int64_t unread) { return {{"unread", unread}}; }

Result<std::int64_t> decode_unread(std::string_view body) {
    auto parsed = parse_json(body);
    auto unread = parsed ? integer_field(*parsed, "unread") : std::nullopt;
    if (!unread || *unread < 0) return bad_answer("unread");
    return *unread;
}

}  // namespace liaoxiu::wire
