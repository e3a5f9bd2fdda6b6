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
//   - outbox.hpp: actions (join, withdraw, accept, open, cancel) go into the outbox with
//     an idempotency key made once per action; the outbox is kept in Storage and sent in
//     order; network errors and 5xx are retried with backoff and jitter, a 4xx drops the
//     action and says why.
// Before an action is queued it is checked with the core's rules (intents.cpp): a
// refusal is told at once, and nothing is sent. Kiosk mode keeps nothing personal in Storage.
#pragma once

#include "sync/audit_sync.hpp"
#include "sync/stats_sync.hpp"
#include "sync/catalogue_sync.hpp"
#include "sync/client.hpp"
#include "sync/config.hpp"
#include "sync/desk_sync.hpp"
#include "sync/engine_context.hpp"
#include "sync/outbox.hpp"
#include "sync/session_sync.hpp"
#include "sync/storage.hpp"
#include "sync/transport.hpp"

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
    void refresh() override;
    void dismiss_notice(std::uint64_t id) override;
    void load_audit(const AuditQuery& query) override;
    void load_stats(const StatsQuery& query) override;
    void load_roster(const Id& group) override;
    void load_unit_workers() override;
    void add_worker(const Id& group, const Id& worker) override;
    void withdraw_worker(const Id& group, const Id& worker, const std::string& reason) override;
    // ---- The secretariat's routes and policies (designer_intents.cpp) ----
    void load_drafts() override;
    void save_route(const Route& route) override;
    void publish_route(const Id& route) override;
    void unpublish_route(const Id& route) override;
    void save_policy(const Policy& policy) override;
    void publish_policy(const Id& policy) override;
    void unpublish_policy(const Id& policy) override;
    // ---- the secretariat's desk: members (desk_intents.cpp) ----
    void admit_member(const Member& member) override;
    void update_member(const Member& member) override;
    void change_member_status(const Id& member, MemberStatus status, const std::string& reason) override;

private:
    void enter_kiosk_mode();
    // Checks before sending
    bool require_role(Role role, const char* verb_zh, const char* verb_en);
    void refused_locally(const DomainError& error, PendingAction::Kind kind);
    void unknown_group();
    const GroupTrip* find_group(const Id& id) const;
    const Route* find_route(const Id& id) const;
    const MyTrip* find_my_trip(const Id& group) const;
    bool desk_action_pending(PendingAction::Kind kind, const Id& group, const Id& worker) const;
    bool require_secretariat(PendingAction::Kind kind);
    void on_drafts(const HttpResponse& response, std::uint64_t generation, bool routes);
    // The desk's member writes (desk_intents.cpp): sent at once, one at a time.
    void send_member_write(MemberWrite write, std::string method, std::string path, std::string body);
    void on_member_answer(const HttpResponse& response, std::uint64_t generation);

    EngineContext ctx_;
    CatalogueSync catalogue_;
    SessionSync session_;
    Outbox outbox_;
    AuditSync audit_;
    StatsSync stats_;
    DeskSync desk_;
};

}  // namespace liaoxiu::sync
