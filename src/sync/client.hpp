// The seam between the UI and everything that talks to the endpoint.
//
// The UI reads a ClientState and emits Intents; it never sees HTTP, JSON, tokens or
// storage. The sync engine (sync_engine.hpp) owns the state, turns intents into
// requests through a Transport, keeps the catalogue and the outbox in Storage, and
// tells the user every outcome in words (Notice).
#pragma once

#include "core/audit.hpp"
#include "core/stats.hpp"
#include "core/wire_reviews.hpp"
#include "core/wire_rules.hpp"
#include "core/wire_notifications.hpp"
#include "core/wire_wishes.hpp"
#include "core/group_trip.hpp"
#include "core/member_rules.hpp"
#include "core/model.hpp"
#include "core/role.hpp"
#include "core/roster.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace liaoxiu::sync {

using liaoxiu::Role;  // the core's (role.hpp): one list of roles for every layer

struct Session {
    Id account;                 // member number for workers, login for others
    std::string display_name;
    Role role = Role::worker;
    Id unit;                    // the worker's or organizer's unit; empty for the secretariat
    // Added by the sync engine:
    Id id;                      // the endpoint's account id: what places name as `worker`
    std::string login;
    std::string member_number;  // workers only
};

enum class Connection { connecting, online, offline };

// An outcome told to the user, e.g. 已满员，已为您加入候补第3位.
struct Notice {
    enum class Kind { info, success, warning, error };
    std::uint64_t id = 0;       // increasing; the UI dismisses by id
    Kind kind = Kind::info;
    std::string zh;
    std::string en;
    // Added for told outcomes (journey): when it goes by itself (success and info, where the
    // engine is given a lifetime; 0: it stays until dismissed, as errors and warnings do); the
    // subject a newer notice replaces it on ("network"); and whether it names the signed-in
    // person (登录成功，欢迎…), which on a kiosk goes with the screen it was shown on.
    Instant expires = 0;
    std::string subject = {};
    bool personal = false;
};

// A group trip as screens see it: the trip without its places (the engine keeps those in
// the catalogue, for the rules) and the counts they add up to.
// A group trip as screens show it: the catalogue's trip and its counts. It points into
// ClientState::catalogue.groups and is made again whenever they change (a copy of each trip
// held a 10k catalogue's 20,000 groups twice: 5.6 MiB of the browser's heap).
struct GroupView {
    const GroupTrip* source = nullptr;
    GroupCounts counts;  // its `units` only when a join's answer brought them (see units_taking_part)

    const GroupTrip& trip() const { return *source; }
    // Units with a confirmed place, organizer first. Views do not keep the list (a screen shows
    // it for one group at a time; 20,000 lists took 2.6 MiB of a 10k catalogue's heap).
    std::vector<Id> units_taking_part() const { return counts.units.empty() ? count_places(*source).units : counts.units; }
};

// The signed-in worker's own place on a trip.
struct MyTrip {
    Id group;
    PlaceState state = PlaceState::confirmed;
    int waitlist_position = 0;           // 1-based when waitlisted
    std::optional<Instant> offer_expires;
    std::string reason;                  // why a union or the secretariat freed it (withdrawn by someone else)
    Instant since = 0;                   // when the place entered its state (0: not known yet)
};

// An action not yet acknowledged by the endpoint (made offline, or lost to the network).
// It is kept across reloads and retried with backoff under the same idempotency key, so
// it is applied exactly once.
struct PendingAction {
    enum class Kind {
        join, withdraw, accept_offer, open_group, cancel_group,
        // An own-unit group opened to every unit of the alliance (POST /groups/{id}/open-to-all).
        open_to_all,
        // The unit union's desk: `worker` names whose place.
        add_worker, withdraw_worker,
        // The secretariat's routes and policies (designer): `group` holds the route's / policy's id.
        save_route, publish_route, unpublish_route, save_policy, publish_policy, unpublish_policy,
    };
    std::string idempotency_key;
    Kind kind = Kind::join;
    Id group;                            // for open_group: the draft's id
    int attempts = 0;
    Instant next_attempt = 0;
    // Added by the sync engine:
    std::optional<GroupDraft> draft;     // open_group: the trip to open
    std::string reason;                  // cancel_group, withdraw_worker: the reason given
    Instant created = 0;                 // when the user asked for it
    // The secretariat's routes and policies (designer):
    std::optional<Route> route;          // save_route: the route as saved
    std::optional<Policy> policy;        // save_policy: the article as saved
    bool create = false;                 // save_route / save_policy: a new one (POST), else a replacement (PUT)
    Id worker;                           // add_worker, withdraw_worker: whose place
};

// ---- the unit union's desk (organizers) ----
// A trip's roster as fetched on demand (GET /groups/{id}/roster).
struct RosterView {
    enum class Status { loading, loaded, failed };
    Id group;
    Status status = Status::loading;
    Roster roster;             // the last one received (kept while a newer one loads)
    bool stale = false;        // an add or withdrawal landed: fetched again at the next poll
    std::string error_zh;      // why the last load failed
    std::string error_en;
};
// A worker account of the signed-in union's unit (GET /units/{id}/workers), to pick one to add.
struct UnitWorker {
    Id id;
    std::string name;
    std::string member_number;
};

// The audit trail as the secretariat's desk reads it (GET /api/v1/audit), one page at a time.
struct AuditView {
    enum class Status { none, loading, loaded, failed };
    Status status = Status::none;
    AuditQuery query;            // the page asked for last
    AuditPage page;              // the last page received (kept while the next one loads)
    std::string error_zh;        // why the last request failed
    std::string error_en;
};

// Statistics as the desk reads them (GET /api/v1/stats): the table of the last query.
struct StatsState {
    enum class Status { none, loading, loaded, failed };
    Status status = Status::none;
    StatsQuery query;            // asked for last
    StatsTable table;            // the last table received (kept while the next one loads)
    std::uint64_t received = 0;  // bumps with every table received
    std::string error_zh;        // why the last request failed
    std::string error_en;
};

// The printable monthly report's tables (GET /api/v1/stats, one request per view: see
// core/stats_report.hpp's stats_report_queries), loaded together for one month.
struct StatsReportState {
    enum class Status { none, loading, loaded, failed };
    Status status = Status::none;
    std::string month;               // "2026-11", asked for last
    std::vector<StatsTable> tables;  // the month's tables, in the order they arrived
    std::size_t expected = 0;        // how many tables the month's report holds
    std::uint64_t received = 0;      // bumps with every whole report loaded
    std::string error_zh;            // why the last request failed
    std::string error_en;
};

// ---- service reviews (服务评价) ----
// What a review read is doing: GET /me/reviews, /members/{id}/reviews, /reviews/scores.
enum class ReadStatus { none, loading, loaded, failed };
// The worker's own reviews and the ones still due (GET /me/reviews): 我的 → 待评价.
struct MyReviewsView {
    ReadStatus status = ReadStatus::none;
    wire::MyReviews mine;
    std::string error_zh, error_en;
};
// A review being sent (PUT /groups/{group}/reviews/{member}) and how it went: sent at once.
struct ReviewWrite {
    enum class Stage { sending, done, failed };
    Id group, member;
    Stage stage = Stage::sending;
    bool created = false;          // 201: a new review; 200: an edit
    std::optional<Review> review;  // as saved
    std::string error_zh, error_en;  // the endpoint's words when refused
};
// A member's public reviews (GET /members/{id}/reviews): the member page.
struct MemberReviewsView {
    ReadStatus status = ReadStatus::none;
    Id member;
    wire::MemberReviewsPage page;
    std::string error_zh, error_en;
};
// The secretariat's scores (GET /reviews/scores), and its last mark or hidden comment.
struct ReviewScoresView {
    ReadStatus status = ReadStatus::none;
    wire::ReviewScoresAnswer answer;
    std::string error_zh, error_en;
};
struct ReviewDeskWrite {
    enum class Kind { standing, hide };
    enum class Stage { sending, done, failed };
    Kind kind = Kind::standing;
    Id target;  // the member (standing) or the review (hide)
    Stage stage = Stage::sending;
    std::string error_zh, error_en;
};

// ---- 想去 (wishes; never stored, forgotten at sign-out) ----
// The worker's wishes (GET /me/wishes): 我的 → 想去的线路, and the route screen's 想去 / 取消想去.
struct MyWishesView {
    ReadStatus status = ReadStatus::none;
    std::vector<wire::MyWish> wishes;  // newest first; a wish said or taken back here is applied at once
    std::string error_zh, error_en;
};
// A union's counts of its own workers' wishes per route (GET /units/{id}/wishes): 本单位有N位职工想去.
struct UnitWishesView {
    ReadStatus status = ReadStatus::none;
    wire::UnitWishes answer;
};

// ---- 审批 (approval by the worker's own union; approval_sync.hpp; never stored) ----
// The signed-in union's queue (GET /units/{id}/approvals): its workers' places waiting for its
// decision, the earliest due first, read once the union signs in and again after each decision.
struct ApprovalsView {
    ReadStatus status = ReadStatus::none;
    wire::ApprovalQueue queue;                 // the last one received (kept while a newer one loads)
    std::string error_zh, error_en;            // why the last read failed
    std::vector<std::pair<Id, Id>> deciding;   // (group, worker) whose 同意 / 不同意 is on its way
};

// ---- 消息 (notifications; notification_sync.hpp; never stored) ----
// What group changes told the signed-in worker, or their unit's union (GET /me/notifications):
// 我的 → 消息, and the unread count on the 我的 tab. Read at sign-in, at each catalogue refresh
// interval and on refresh; never on a kiosk, never for the secretariat (it has none).
struct NotificationsView {
    ReadStatus status = ReadStatus::none;
    wire::NotificationPage page;     // the newest page received (kept while a newer one loads)
    std::string error_zh, error_en;  // why the last read failed
    std::int64_t marking_up_to = 0;  // a "read up to" on its way (0: none)
};

// ---- A worker's union rules (rules_sync.hpp; never stored) ----
// The signed-in worker's effective rules (工会规则: their unit's over the alliance's), read from
// GET /me/allowance at sign-in and on refresh. With the catalogue and the worker's trips they
// give, through the core's union_rules.hpp, what a group screen says before joining (今年还可参加
// 1次；本次自付¥…) and what the join's confirmation states the worker pays.
struct MyRulesView {
    ReadStatus status = ReadStatus::none;
    std::optional<UnionRules> rules;  // the last ones received (kept while newer ones load)
    std::string error_zh, error_en;   // why the last read failed
};

// ---- 规则设置 (a union's own rules, the secretariat's alliance defaults; rules_sync.hpp) ----
// The rules of one scope as read (GET /units/{id}/rules, /alliances/{id}/rules) or saved (PUT):
// never stored, forgotten at sign-out. A save is sent at once (never queued offline: the form
// keeps what was typed) and told in a Notice.
struct RulesSettingsView {
    ReadStatus status = ReadStatus::none;
    std::optional<wire::RulesAnswer> answer;  // the last read or saved (kept while a newer one loads)
    std::string error_zh, error_en;           // why the last read failed
    bool saving = false;                      // a save is on its way
    std::uint64_t saved = 0;                  // counts the saves the endpoint took (the form refills from each)
    std::string save_error_zh, save_error_en; // why the last save was refused
};

// A write of the secretariat's desk to a member (admit, edit, suspend, reinstate, remove):
// sent at once (the desk works online; nothing is queued for later), told in a Notice, and
// kept here so the desk can show its outcome where it was made.
struct MemberWrite {
    enum class Kind { admit, update, suspend, reinstate, remove };
    enum class Stage { sending, done, failed };
    Kind kind = Kind::admit;
    Id member;
    Stage stage = Stage::sending;
    std::optional<SuspensionImpact> impact;  // the endpoint's, for a suspension or removal
    std::vector<DomainError> problems;       // why it failed, each with its field's path when it has one
};

struct ClientState {
    Catalogue catalogue;                 // routes, members, policies, units (groups: see `groups`)
    std::vector<GroupView> groups;       // open and recent group trips (pointing into `catalogue`)
    bool catalogue_from_cache = false;   // shown from storage/bundle, not yet confirmed by the endpoint
    Instant synced_at = 0;               // last successful sync, 0 if never
    Connection connection = Connection::connecting;
    std::optional<Session> session;
    std::vector<MyTrip> my_trips;
    std::vector<PendingAction> outbox;
    std::vector<Notice> notices;         // newest last
    std::uint64_t revision = 0;          // bumps on every change: derived UI data is rebuilt only then
    // Added by the sync engine:
    bool kiosk = false;                  // nothing personal is kept on this device
    bool signing_in = false;             // a sign-in request is on its way
    bool my_trips_loaded = false;        // my_trips reflects an answer of the endpoint (or its cached copy)
    // What the worker last saw of each trip on 我的 (group id → the UI's summary of it), so a
    // change since the last visit is marked 新. Kept in Storage per account (never on a kiosk).
    std::vector<std::pair<Id, std::string>> trips_seen;
    // The trips the worker has been asked to rate (我的 → 待评价 asks once per trip). Kept in
    // Storage per account like trips_seen (never on a kiosk).
    std::vector<Id> reviews_asked;
    // Added for the audit trail (secretariat only; never stored, forgotten at sign-out):
    AuditView audit;
    StatsState stats;  // statistics (secretariat, or a union's own unit; never stored)
    StatsReportState stats_report;  // the printable monthly report's tables (likewise)
    // The unit union's desk (organizers): fetched on demand, kept in memory only.
    std::vector<RosterView> rosters;
    std::vector<UnitWorker> unit_workers;
    bool unit_workers_loaded = false;
    // The secretariat's drafts (designer): routes and policies workers do not see, never in
    // `catalogue` (which holds only published ones). Loaded by load_drafts().
    std::vector<Route> draft_routes;
    std::vector<Policy> draft_policies;
    bool drafts_loaded = false;          // an answer of the endpoint filled them
    // ---- the secretariat's desk: members (deskui) ----
    std::optional<MemberWrite> member_write;  // the last member write of the desk, and how it went
    // ---- service reviews (服务评价; never stored, forgotten at sign-out) ----
    MyReviewsView my_reviews;
    std::optional<ReviewWrite> review_write;  // the worker's last review sent, and how it went
    MemberReviewsView member_reviews;         // the member page's (anyone, signed in or not)
    ReviewScoresView review_scores;           // the secretariat's
    std::optional<ReviewDeskWrite> review_desk_write;
    // ---- 想去 (wishes; wish_sync.hpp) ----
    MyWishesView my_wishes;                   // a worker's (never on a kiosk)
    UnitWishesView unit_wishes;               // a union's counts for its unit
    std::vector<Id> wishes_sending;           // routes whose 想去 or 取消想去 is on its way
    // What 我的 last showed of each wish (route → the first group open to the worker, or ""), so a
    // group that opened since is marked 新. Kept in Storage per account like trips_seen.
    std::vector<std::pair<Id, std::string>> wishes_seen;
    // ---- 审批 (a union's approval queue; approval_sync.hpp) ----
    ApprovalsView approvals;
    // ---- 消息 (notification_sync.hpp) ----
    NotificationsView notifications;
    // ---- 工会规则 (rules_sync.hpp): a worker's, and the ones a union or the secretariat sets ----
    MyRulesView my_rules;
    RulesSettingsView rules_settings;
};

// Everything the UI may ask for. Each call returns at once; the outcome arrives later as
// a change of ClientState and a Notice.
class Intents {
public:
    virtual ~Intents() = default;
    virtual void sign_in(const std::string& login, const std::string& password) = 0;
    virtual void sign_out() = 0;
    virtual void join(const Id& group) = 0;
    virtual void withdraw(const Id& group) = 0;
    virtual void accept_offer(const Id& group) = 0;
    // Returns the id the trip will have (made once, here), or "" when it was refused at once.
    virtual Id open_group(const GroupDraft& draft) = 0;
    virtual void cancel_group(const Id& group, const std::string& reason) = 0;
    // Its organizing union (or the secretariat) opens an own-unit group to every unit (拼团).
    virtual void open_to_all(const Id& group) = 0;
    virtual void refresh() = 0;
    virtual void dismiss_notice(std::uint64_t id) = 0;
    // The worker has seen their trips as `seen` says (group id → summary): ClientState::trips_seen
    // becomes it and is remembered (not on a kiosk). A no-op where nothing is remembered.
    virtual void trips_seen(std::vector<std::pair<Id, std::string>> seen) { (void)seen; }
    // The worker has been asked to rate these trips: ClientState::reviews_asked becomes it and
    // is remembered (not on a kiosk), so the next visit does not ask again.
    virtual void reviews_asked(std::vector<Id> groups) { (void)groups; }
    // The unit union's desk (organizers):
    virtual void load_roster(const Id& group) = 0;
    virtual void load_unit_workers() = 0;
    virtual void add_worker(const Id& group, const Id& worker) = 0;
    virtual void withdraw_worker(const Id& group, const Id& worker, const std::string& reason) = 0;
    // Service reviews (服务评价; review_sync.cpp): the worker's due list and own reviews into
    // ClientState::my_reviews; a review written or edited (sent at once, its outcome in
    // ClientState::review_write); a member's public reviews into ClientState::member_reviews.
    virtual void load_my_reviews() = 0;
    virtual void submit_review(const Id& group, const Id& member, const ReviewScores& scores, const std::string& comment) = 0;
    virtual void load_member_reviews(const Id& member) = 0;
    // 想去 (wish_sync.cpp): a worker says they would go on a route with no group for them (their
    // union is told), or takes it back; sent at once, applied to ClientState::my_wishes when the
    // endpoint answers. The wishes and a union's counts are read by the engine on its own.
    virtual void wish(const Id& route) = 0;
    virtual void unwish(const Id& route) = 0;
    // The worker has seen their wishes as `seen` says (route → summary): ClientState::wishes_seen
    // becomes it and is remembered (not on a kiosk), like trips_seen.
    virtual void wishes_seen(std::vector<std::pair<Id, std::string>> seen) { (void)seen; }
    // 审批 (approval_sync.cpp), a unit's union: its queue read again into ClientState::approvals;
    // a worker's pending place approved, or declined with a reason (the core's
    // decline_reason_refused checks it first). Sent at once, told in a Notice, the queue read again.
    virtual void load_approvals() = 0;
    virtual void approve_place(const Id& group, const Id& worker) = 0;
    virtual void decline_place(const Id& group, const Id& worker, const std::string& reason) = 0;
    // 消息 (notification_sync.cpp): read the newest again now (the engine also reads them on its
    // own); and every one up to `up_to` (an id) has been seen: marked read on the endpoint, the
    // unread count taken from its answer.
    virtual void load_notifications() = 0;
    virtual void notifications_read(std::int64_t up_to) = 0;
    // 规则设置 (rules_sync.cpp): a unit's rules (its union, the secretariat) or an alliance's defaults
    // (the secretariat) read into ClientState::rules_settings; saved (the core's validate_rules
    // first: a refusal is told at once and nothing is sent), the answer replacing what was read.
    virtual void load_rules_settings(RulesScope scope, const Id& id) = 0;
    virtual void save_rules_settings(RulesScope scope, const Id& id, const UnionRules& rules) = 0;
};

// What the secretariat's desk (src/ui/desk, desk.html) may ask for besides. Implemented by
// DeskEngine (sync/desk/), which only the desk's builds link: a worker's wasm carries none
// of it. The outcomes land in the same ClientState, told by Notices.
class DeskIntents {
public:
    virtual ~DeskIntents() = default;
    // The audit trail: loads the page of entries `query` asks for into ClientState::audit
    // (the query checked by parse_audit_query).
    virtual void load_audit(const AuditQuery& query) = 0;
    // Statistics: loads the table `query` asks for into ClientState::stats (the secretariat,
    // or a unit's union for its own unit; the query checked by parse_stats_query).
    virtual void load_stats(const StatsQuery& query) = 0;
    // The printable monthly report: loads the month's tables ("2026-11"; stats_report_queries
    // with the filters of `filters`) into ClientState::stats_report.
    virtual void load_stats_report(const StatsQuery& filters, const std::string& month) = 0;
    // Routes and policies (designer). Saving keeps a route's or policy's status (a new one is
    // a draft); publishing asks the core's rules first.
    virtual void load_drafts() = 0;
    virtual void save_route(const Route& route) = 0;
    virtual void publish_route(const Id& route) = 0;
    virtual void unpublish_route(const Id& route) = 0;
    // Deletes a draft route (DELETE /routes/{id}): sent at once, never queued offline (the
    // endpoint may refuse it: published, or named by a group trip or a policy); gone from
    // `draft_routes` when the endpoint answers it is gone.
    virtual void delete_route(const Id& route) = 0;
    virtual void save_policy(const Policy& policy) = 0;
    virtual void publish_policy(const Id& policy) = 0;
    virtual void unpublish_policy(const Id& policy) = 0;
    // Members:
    virtual void admit_member(const Member& member) = 0;
    virtual void update_member(const Member& member) = 0;
    // suspended, active (reinstate) or exited (remove); a reason is required but to reinstate.
    virtual void change_member_status(const Id& member, MemberStatus status, const std::string& reason) = 0;
    // Service reviews (sync/desk/review_desk_intents.cpp): the members' scores into
    // ClientState::review_scores; a member's standing (整改 with a note and a follow-up day,
    // 先进典型, none) and hiding a review's comment (a reason required), each sent at once, its
    // outcome in ClientState::review_desk_write, the scores read again after it.
    virtual void load_review_scores(std::optional<Day> from, std::optional<Day> to) = 0;
    virtual void set_standing(const Id& member, MemberStanding standing, const std::string& note, std::optional<Day> follow_up) = 0;
    virtual void hide_review(const Id& review, const std::string& reason) = 0;
};

}  // namespace liaoxiu::sync
