#include "sync/sync_engine.hpp"

#include "sync/persist.hpp"

namespace liaoxiu::sync {

SyncEngine::SyncEngine(Transport& transport, Storage& storage, EngineOptions options)
    : ctx_(transport, storage, options), catalogue_(ctx_), session_(ctx_, outbox_), outbox_(ctx_, session_, catalogue_),
      rosters_(ctx_, session_),
      reviews_(ctx_, session_), wishes_(ctx_, session_, reviews_),
      approvals_(ctx_, reviews_), notifications_(ctx_, reviews_), rules_(ctx_, reviews_) {
    if (ctx_.options.kiosk) enter_kiosk_mode();
    catalogue_.load();
    if (!ctx_.state.kiosk) {
        session_.load();
        outbox_.load();  // after the session: an outbox without one is dropped
    }
    ctx_.notifier.changed();
}

SyncEngine::~SyncEngine() = default;

const ClientConfig& SyncEngine::config() const {
    static const ClientConfig kNone;
    return ctx_.config ? *ctx_.config : kNone;
}

bool SyncEngine::busy() const {
    return catalogue_.busy() || session_.busy() || outbox_.busy() || rosters_.busy() || reviews_.busy();
}

void SyncEngine::enter_kiosk_mode() {
    if (ctx_.state.kiosk) return;
    ctx_.state.kiosk = true;
    // Whatever an earlier, personal use of this device left behind goes.
    ctx_.storage.remove(kSessionKey);
    ctx_.storage.remove(kOutboxKey);
    ctx_.notifier.changed();
}

// ---- configuration and the bundled catalogue ---------------------------------

void SyncEngine::configure(const ClientConfig& config) {
    const bool base_changed = config.api_base != this->config().api_base;
    ctx_.config = config;
    if (config.kiosk) enter_kiosk_mode();
    if (!config.has_endpoint()) {
        ctx_.state.connection = Connection::offline;
    } else if (base_changed) {
        ctx_.state.connection = Connection::connecting;
        catalogue_.restart();
        for (auto& action : ctx_.state.outbox) action.next_attempt = 0;
    }
    ctx_.notifier.changed();
}

void SyncEngine::configure_failed(const DomainError& reason) {
    ctx_.config = ClientConfig{};
    ctx_.state.connection = Connection::offline;
    ctx_.notifier.notify(Notice::Kind::warning, "无法读取服务器配置，正在离线浏览（" + reason.message_zh + "）",
                         "Could not read the server settings; browsing offline (" + reason.message_en + ")");
    ctx_.notifier.changed();
}

void SyncEngine::configure_from(bool fetched, std::string_view text) {
    if (!fetched) {
        configure_failed(DomainError{"config_unavailable", std::string(text), std::string(text), "config.json"});
        return;
    }
    auto parsed = parse_client_config(text);
    if (parsed) {
        configure(parsed.value());
    } else {
        configure_failed(parsed.error());
    }
}

void SyncEngine::offer_bundled_catalogue(std::string_view text, Instant now) {
    StringSource source(text);
    offer_bundled_catalogue(source, now);
}

void SyncEngine::offer_bundled_catalogue(TextSource& text, Instant now) { catalogue_.offer_bundled(text, now); }

// ---- the loop ------------------------------------------------------------------

void SyncEngine::poll(Instant now) {
    ctx_.now = now;
    ctx_.notifier.tick(now);
    ctx_.transport.deliver();
    if (!ctx_.has_endpoint()) return;
    catalogue_.poll();
    session_.poll();
    outbox_.poll();
    rosters_.poll();
    reviews_.poll();
    wishes_.poll();
    approvals_.poll();
    notifications_.poll();
    rules_.poll();
}

void SyncEngine::sign_in(const std::string& login, const std::string& password) { session_.sign_in(login, password); }

void SyncEngine::sign_out() { session_.sign_out(); }

void SyncEngine::refresh() {
    catalogue_.refresh();
    session_.want_trips();
    wishes_.want();
    approvals_.want();
    notifications_.want();
    rules_.want();
    ctx_.wake_outbox();
    for (auto& roster : ctx_.state.rosters) roster.stale = true;  // fetched again by the roster part
    if (ctx_.config && !ctx_.config->has_endpoint()) {
        ctx_.notifier.notify(Notice::Kind::info, "未连接服务器，正在显示内置线路",
                             "No server: showing the routes shipped with the app");
    }
    ctx_.notifier.changed();
}

void SyncEngine::dismiss_notice(std::uint64_t id) { ctx_.notifier.dismiss(id); }
void SyncEngine::trips_seen(std::vector<std::pair<Id, std::string>> seen) { session_.trips_seen(std::move(seen)); }
void SyncEngine::reviews_asked(std::vector<Id> groups) { session_.reviews_asked(std::move(groups)); }
void SyncEngine::wishes_seen(std::vector<std::pair<Id, std::string>> seen) { session_.wishes_seen(std::move(seen)); }

void SyncEngine::load_roster(const Id& group) { rosters_.load_roster(group); }

void SyncEngine::load_unit_workers() { rosters_.load_unit_workers(); }

}  // namespace liaoxiu::sync
