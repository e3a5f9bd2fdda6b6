// The sync engine: the one implementation of sync::Intents. It owns the ClientState
// the UI reads, talks to the endpoint through a Transport, keeps the catalogue, the
// session and the outbox in Storage, and tells the user every outcome in words.
//
// It never blocks and never reads a clock: the platform calls poll(now) every frame
// (or on a timer); every response is handled inside poll(). It is made of three parts
// with a small state each, sharing one EngineContext (state, notifier, transport):
//   - catalogue_sync.hpp: the cached copy (or the bundled file) at once; then a
//     snapshot, then deltas (?since=version) every refresh_seconds, with If-None-Match;
//   - session_sync.hpp: sign-in and sign-out, the account (GET /me), my trips;
//   - roster_sync.hpp: the unit union's rosters and worker accounts, fetched on demand;
//   - approval_sync.hpp: the unit union's approval queue (审批) and its decisions;
//   - notification_sync.hpp: 消息, what group changes told the worker or their union;
//   - outbox.hpp: actions (join, withdraw, accept, open, cancel) go into the outbox with
//     an idempotency key made once per action; the outbox is kept in Storage and sent in
//     order; network errors and 5xx are retried with backoff and jitter, a 4xx drops the
//     action and says why.
// Before an action is queued it is checked with the core's rules (intents.cpp): a
// refusal is told at once, and nothing is sent. Kiosk mode keeps nothing personal in Storage.
// The secretariat's desk adds its intents with a DeskEngine (sync/desk/desk_engine.hpp) over
// this engine's parts; a worker's build links none of it.
#pragma once

#include "sync/approval_sync.hpp"
#include "sync/notification_sync.hpp"
#include "sync/catalogue_sync.hpp"
#include "sync/client.hpp"
#include "sync/config.hpp"
#include "sync/review_sync.hpp"
#include "sync/roster_sync.hpp"
#include "sync/rules_sync.hpp"
#include "sync/engine_context.hpp"
#include "sync/outbox.hpp"
#include "sync/session_sync.hpp"
#include "sync/storage.hpp"
#include "sync/transport.hpp"
#include "sync/wish_sync.hpp"

#include <string>
#include <string_view>

namespace liaoxiu::sync {

class SyncEngine : public Intents {
public:
    // Reads what `storage` holds (catalogue, and unless kiosk the session and the outbox).
    // Both references must outlive the engine.
    SyncEngine(Transport& transport, Storage& storage, EngineOptions options = {});
    ~SyncEngine() override;
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // config.json arrived. Without an api_base the app browses offline. May be called again.
    void configure(const ClientConfig& config);
    // config.json could not be fetched or read: browse offline and say why.
    void configure_failed(const DomainError& reason);
    // What the platform's fetch of config.json gave: `fetched` false means `text` is the
    // reason it failed. Parses and calls configure() or configure_failed().
    void configure_from(bool fetched, std::string_view text);
    // The catalogue shipped beside the app (catalogue.json); shown only while nothing
    // fresher (cached from the endpoint, or received) is known.
    // `now`: the device's clock, to which a demo catalogue's dates are moved (rebase_dates).
    void offer_bundled_catalogue(std::string_view text, Instant now);
    void offer_bundled_catalogue(TextSource& text, Instant now);

    // Delivers finished requests, then starts whatever is due. `now`: seconds since the epoch.
    void poll(Instant now);

    const ClientState& state() const { return ctx_.state; }
    const ClientConfig& config() const;
    bool busy() const;  // a request is on its way

    // ---- Intents (intents.cpp) ----
    void sign_in(const std::string& login, const std::string& password) override;
    void sign_out() override;
    void join(const Id& group) override;
    void withdraw(const Id& group) override;
    void accept_offer(const Id& group) override;
    Id open_group(const GroupDraft& draft) override;
    void cancel_group(const Id& group, const std::string& reason) override;
    void open_to_all(const Id& group) override;
    void refresh() override;
    void dismiss_notice(std::uint64_t id) override;
    void trips_seen(std::vector<std::pair<Id, std::string>> seen) override;
    void reviews_asked(std::vector<Id> groups) override;
    void load_roster(const Id& group) override;
    void load_unit_workers() override;
    void add_worker(const Id& group, const Id& worker) override;
    void withdraw_worker(const Id& group, const Id& worker, const std::string& reason) override;
    void load_my_reviews() override { reviews_.load_my_reviews(); }
    void submit_review(const Id& group, const Id& member, const ReviewScores& scores, const std::string& comment) override {
        reviews_.submit_review(group, member, scores, comment);
    }
    void load_member_reviews(const Id& member) override { reviews_.load_member_reviews(member); }
    ReviewSync& reviews() { return reviews_; }
    void wish(const Id& route) override { wishes_.wish(route); }
    void unwish(const Id& route) override { wishes_.unwish(route); }
    void wishes_seen(std::vector<std::pair<Id, std::string>> seen) override;
    void load_approvals() override { approvals_.load_approvals(); }
    void approve_place(const Id& group, const Id& worker) override { approvals_.approve_place(group, worker); }
    void decline_place(const Id& group, const Id& worker, const std::string& reason) override {
        approvals_.decline_place(group, worker, reason);
    }
    void load_notifications() override { notifications_.load_notifications(); }
    void notifications_read(std::int64_t up_to) override { notifications_.notifications_read(up_to); }
    void load_rules_settings(RulesScope scope, const Id& id) override { rules_.load_rules_settings(scope, id); }
    void save_rules_settings(RulesScope scope, const Id& id, const UnionRules& rules) override {
        rules_.save_rules_settings(scope, id, rules);
    }

    // The parts the secretariat's DeskEngine (sync/desk/) works with.
    EngineContext& context() { return ctx_; }
    SessionSync& session() { return session_; }
    Outbox& outbox() { return outbox_; }
    CatalogueSync& catalogue() { return catalogue_; }

private:
    void enter_kiosk_mode();
    // Checks before sending
    void unknown_group();
    const GroupTrip* find_group(const Id& id) const;
    const Route* find_route(const Id& id) const;
    const MyTrip* find_my_trip(const Id& group) const;
    bool roster_action_pending(PendingAction::Kind kind, const Id& group, const Id& worker) const;

    EngineContext ctx_;
    CatalogueSync catalogue_;
    SessionSync session_;
    Outbox outbox_;
    RosterSync rosters_;
    ReviewSync reviews_;
    WishSync wishes_;
    ApprovalSync approvals_;
    NotificationSync notifications_;
    RulesSync rules_;
};

}  // namespace liaoxiu::sync
