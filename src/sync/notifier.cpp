#include "sync/notifier.hpp"

#include <algorithm>

namespace liaoxiu::sync {

void Notifier::notify(Notice::Kind kind, std::string zh, std::string en, std::string subject) {
    if (!subject.empty()) std::erase_if(state_.notices, [&](const Notice& n) { return n.subject == subject; });
    Notice notice;
    notice.subject = std::move(subject);
    if (lifetime_ > 0 && (kind == Notice::Kind::success || kind == Notice::Kind::info)) notice.expires = now_ + lifetime_;
    notice.id = ++last_notice_id_;
    notice.kind = kind;
    notice.zh = std::move(zh);
    notice.en = std::move(en);
    state_.notices.push_back(std::move(notice));
    if (state_.notices.size() > max_notices_) {
        state_.notices.erase(state_.notices.begin(),
                             state_.notices.begin() + static_cast<std::ptrdiff_t>(state_.notices.size() - max_notices_));
    }
    changed();
}

void Notifier::tick(Instant now) {
    now_ = now;
    const auto before = state_.notices.size();
    std::erase_if(state_.notices, [now](const Notice& n) { return n.expires != 0 && n.expires <= now; });
    if (state_.notices.size() != before) changed();
}

void Notifier::dismiss(std::uint64_t id) {
    auto before = state_.notices.size();
    std::erase_if(state_.notices, [id](const Notice& notice) { return notice.id == id; });
    if (state_.notices.size() != before) changed();
}

bool Notifier::reached_endpoint() {
    if (state_.connection == Connection::online) return false;
    const bool was_offline = state_.connection == Connection::offline;
    state_.connection = Connection::online;
    // "No network" is no longer true: it goes, and "back online" says why.
    const bool told_offline = offline_notice_ != 0;
    // Every word about the network having failed (browsing offline, a sign-in or an action
    // that could not go) is stale now.
    std::erase_if(state_.notices, [&](const Notice& notice) { return notice.id == offline_notice_ || notice.subject == "network"; });
    offline_notice_ = 0;
    if (was_offline && told_offline) notify(Notice::Kind::success, "已恢复联网", "Back online", "network");
    changed();
    return true;
}

void Notifier::endpoint_unreachable() {
    if (state_.connection == Connection::offline) return;
    state_.connection = Connection::offline;
    if (offline_notice_ == 0) {
        if (state_.catalogue.routes.empty()) {
            notify(Notice::Kind::warning, "网络不可用，暂时无法获取线路", "No network: the routes cannot be loaded yet", "network");
        } else {
            notify(Notice::Kind::warning, "网络不可用，正在离线浏览已保存的线路",
                   "No network: browsing the routes saved on this device", "network");
        }
        offline_notice_ = last_notice_id_;
    }
    changed();
}

}  // namespace liaoxiu::sync
