#include "sync/notification_sync.hpp"

#include "core/wire.hpp"
#include "core/wire_notifications.hpp"
#include "sync/review_sync.hpp"
#include "sync/view_read.hpp"

#include <algorithm>

namespace liaoxiu::sync {

bool NotificationSync::has_inbox() const {
    const ClientState& state = ctx_.state;
    if (state.kiosk || !state.session) return false;
    return state.session->role == Role::worker || (state.session->role == Role::organizer && !state.session->unit.empty());
}

void NotificationSync::want() {
    if (ctx_.state.notifications.status != ReadStatus::loading) ctx_.state.notifications.status = ReadStatus::none;
}

void NotificationSync::poll() {
    if (!ctx_.has_endpoint() || !has_inbox()) return;
    const NotificationsView& view = ctx_.state.notifications;
    if (view.status == ReadStatus::none || (view.status != ReadStatus::loading && ctx_.now >= next_read_)) read();
}

void NotificationSync::load_notifications() {
    if (!has_inbox()) return;  // signed out, the secretariat or a kiosk: there is nothing to read
    if (!ctx_.has_endpoint()) {
        ctx_.notifier.notify(Notice::Kind::error, "未连接服务器，无法读取消息", "No server: the messages cannot be read");
        return;
    }
    read();
}

void NotificationSync::read() {
    next_read_ = ctx_.now + std::max<Instant>(ctx_.config->refresh_seconds, 1);
    read_view(ctx_, requests_, ctx_.state.notifications, request_, "me/notifications",
              [](const std::string& body) { return wire::decode_notification_page(body); },
              [](NotificationsView& view, wire::NotificationPage page) { view.page = std::move(page); });
}

void NotificationSync::notifications_read(std::int64_t up_to) {
    NotificationsView& view = ctx_.state.notifications;
    if (!has_inbox() || !ctx_.has_endpoint() || up_to <= 0 || view.marking_up_to >= up_to) return;
    view.marking_up_to = up_to;
    requests_.send("POST", "me/notifications/read", wire::dump(wire::encode_notifications_read(up_to)),
                   [this, up_to](const HttpResponse* ok, const std::string&, const std::string&) {
                       NotificationsView& view = ctx_.state.notifications;
                       if (view.marking_up_to == up_to) view.marking_up_to = 0;
                       // Not marked: they stay unread, and are marked the next time they are seen.
                       auto unread = ok ? wire::decode_unread(ok->body) : Result<std::int64_t>(DomainError{});
                       if (!unread) return;
                       view.page.unread = unread.value();
                       for (wire::NotificationEntry& entry : view.page.notifications)
                           if (entry.id <= up_to) entry.read = true;
                       ctx_.notifier.changed();
                   });
    ctx_.notifier.changed();
}

}  // namespace liaoxiu::sync
