// 消息 (notifications) through the sync engine: what group changes told the signed-in worker, or
// their unit's union (GET /me/notifications, the newest page), read at sign-in, again every
// refresh_seconds like the catalogue and on refresh — never on a kiosk (nothing personal there)
// and never for the secretariat (it has none). Seen ones are marked read on the endpoint
// (POST /me/notifications/read), which answers the unread count the 我的 tab shows. Requests go
// through ReviewSync::send (the session's token, answers of an ended session dropped); nothing
// is stored.
#pragma once

#include "sync/engine_context.hpp"

#include <cstdint>

namespace liaoxiu::sync {

class ReviewSync;

class NotificationSync {
public:
    NotificationSync(EngineContext& context, ReviewSync& requests) : ctx_(context), requests_(requests) {}

    void load_notifications();
    void notifications_read(std::int64_t up_to);
    // Read again at the next poll (refresh).
    void want();
    // Read when not read in this session, or refresh_seconds after the last read.
    void poll();

private:
    bool has_inbox() const;
    void read();

    EngineContext& ctx_;
    ReviewSync& requests_;
    std::uint64_t request_ = 0;
    Instant next_read_ = 0;
};

}  // namespace liaoxiu::sync
