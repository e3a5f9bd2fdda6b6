// The endpoint's answers, each shape written once: liaoxiu-server encodes with these
// functions and the sync engine decodes with the same ones, so the two cannot drift
// apart (docs/api.md shows every shape).
//
// Encoders build the JSON tree the server dumps. Decoders read what arrives over a
// network: a body may be cut short, come from a captive portal or a proxy, or be plain
// garbage. They never throw; a decoder that cannot find the fields it needs returns
// DomainError "bad_answer", and fields that only add detail are read when they are
// well formed and otherwise left at their defaults (an answer from a newer server with
// a field we do not understand still gets through).
#pragma once

#include "core/audit.hpp"
#include "core/error.hpp"
#include "core/group_trip.hpp"
#include "core/member_rules.hpp"
#include "core/model.hpp"
#include "core/role.hpp"
#include "core/roster.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::wire {

// JSON text → value; nullopt for anything that is not JSON (NUL bytes included).
std::optional<nlohmann::json> parse_json(std::string_view text);
// Compact text, invalid UTF-8 replaced (what every answer is sent as).
std::string dump(const nlohmann::json& json);

// "the server's answer could not be understood (what)"
DomainError bad_answer(const std::string& what);

// ---- counts: what a trip's places add up to --------------------------------------
// {confirmed, waitlisted, places_to_form, places_left, units[]}; every number required.
nlohmann::json encode_counts(const GroupCounts& counts);
std::optional<GroupCounts> decode_counts(const nlohmann::json& json);

// ---- accounts (roles: core/role.hpp) -----------------------------------------------
// GET /me, POST /accounts, and the sign-in answer's `account`:
// {id, login?, role, name, unit?, member_number?} (empty texts are left out).
struct Account {
    Id id;
    std::string login;
    Role role = Role::worker;
    std::string name;
    Id unit;                    // empty for the secretariat
    std::string member_number;  // workers only
    bool operator==(const Account&) const = default;
};
nlohmann::json encode_account(const Account& account);
// id (non-empty) and role (a known name) are required.
Result<Account> decode_account(const nlohmann::json& json);

// POST /sessions → 201 {token, token_type, expires_at, account}.
struct SignInAnswer {
    std::string token;
    std::string token_type = "Bearer";
    Instant expires_at = 0;
    Account account;
    bool operator==(const SignInAnswer&) const = default;
};
nlohmann::json encode_sign_in_answer(const SignInAnswer& answer);
Result<SignInAnswer> decode_sign_in_answer(std::string_view body);  // token and account required

// ---- a worker's own place ---------------------------------------------------------
// `my_place` in a trip: the place's fields (as in the catalogue) plus
// waitlist_position when it is above 0 (a waitlisted place; 1 = next in line).
struct MyPlace {
    Place place;
    int waitlist_position = 0;
    std::string reason;  // "reason": why the union or the secretariat freed it (withdrawn by someone else)
    bool operator==(const MyPlace&) const = default;
};
nlohmann::json encode_my_place(const MyPlace& mine);
// Only `state` is required; a malformed offer_expires or a negative position is dropped.
std::optional<MyPlace> decode_my_place(const nlohmann::json& json);

// A group trip as the API shows it: the trip, its counts, and for a signed-in worker
// their own place. Lists leave `places` out. (Whose worker ids a viewer may see is the
// server's business: it blanks them in the trip it passes.)
nlohmann::json encode_trip_view(const GroupTrip& trip, const GroupCounts& counts, const MyPlace* mine,
                                bool with_places);

// GET /me/trips → {trips: [trip view with my_place]}. The client reads of each trip its
// id and my_place; trips without them are skipped.
struct TripPlace {
    Id group;
    MyPlace mine;
    bool operator==(const TripPlace&) const = default;
};
nlohmann::json encode_my_trips(const std::vector<nlohmann::json>& trip_views);
Result<std::vector<TripPlace>> decode_my_trips(std::string_view body);

// ---- POST /groups/{id}/join → {group, worker, state, seq, counts, waitlist_position?} --
struct JoinAnswer {
    Id group;
    Id worker;
    PlaceState state = PlaceState::confirmed;
    std::int64_t seq = 0;
    int waitlist_position = 0;          // written when waitlisted
    std::optional<GroupCounts> counts;  // the server always sends them
    std::optional<Instant> decision_due;  // written when pending_approval: the union decides by then
};
nlohmann::json encode_join_answer(const JoinAnswer& answer);
Result<JoinAnswer> decode_join_answer(std::string_view body);  // state required

// ---- the unit union's desk (organizers) --------------------------------------------
// GET /groups/{id}/roster → {group, workers: [{worker, name, member_number, unit, state,
// seq, since, reason?}], other_units: [{unit, name, confirmed, waiting}]}.
nlohmann::json encode_roster(const Roster& roster);
// group required; a worker without `worker` and `state`, or a unit without `unit`, is skipped.
Result<Roster> decode_roster(std::string_view body);

// GET /units/{id}/workers → {unit, workers: [account]} (accounts as in encode_account).
nlohmann::json encode_unit_workers(const Id& unit, const std::vector<Account>& workers);
// workers required; an entry that is no account is skipped.
Result<std::vector<Account>> decode_unit_workers(std::string_view body);
// ---- routes and policies, as the secretariat sees them (designer) ------------------
// Every answer below writes each record's "status" (and a policy's "routes"), drafts and
// published alike; the catalogue itself writes them only for drafts (core/json.hpp).
nlohmann::json encode_route(const Route& route);
nlohmann::json encode_policy(const Policy& policy);  // also POST/PUT /policies, /publish, /unpublish
Result<Policy> decode_policy(std::string_view body);

// POST/PUT /routes, /routes/{id}/publish, /unpublish → {route, warnings}: the route as saved and
// the problems that did not refuse it (for a draft, the rule errors its publishing would meet).
struct RouteAnswer {
    Route route;
    std::vector<DomainError> warnings;
};
nlohmann::json encode_route_answer(const RouteAnswer& answer);
Result<RouteAnswer> decode_route_answer(std::string_view body);  // route required; bad warnings skipped

// GET /routes?status=… → {routes:[…]}; GET /policies?status=… → {policies:[…]}. Records that do
// not decode are skipped (one bad record does not hide the others).
nlohmann::json encode_route_list(const std::vector<Route>& routes);
Result<std::vector<Route>> decode_route_list(std::string_view body);
nlohmann::json encode_policy_list(const std::vector<Policy>& policies);
Result<std::vector<Policy>> decode_policy_list(std::string_view body);

// ---- errors: {code, message_zh, message_en, path?} ---------------------------------
nlohmann::json encode_error(const DomainError& error);
// The refusal in `body` — or, when the body is not one (a proxy's HTML page, nothing at
// all), status_error(status).
DomainError decode_error(int status, std::string_view body);
// The server's code and words for a bare status: what it answers when a request never
// reached a handler, and what the client says when an answer has no error body.
DomainError status_error(int status);

// ---- the audit trail (core/audit.hpp) ------------------------------------------------
// What changed between two JSON objects: {"before": {field: old, ...}, "after": {field:
// new, ...}} with only the fields whose values differ (a field one side lacks is left
// out of that side). `before` null: a creation, every field of `after`.
nlohmann::json audit_change(const nlohmann::json& before, const nlohmann::json& after);
// That object's fields as a list, in field order (anything else: an empty list).
std::vector<AuditFieldChange> decode_audit_change(const nlohmann::json& change);
nlohmann::json encode_audit_change(const std::vector<AuditFieldChange>& change);

// An entry: {seq, at, actor, actor_role, actor_name, actor_unit, action, entity,
// entity_id, reason, change}; seq, at, actor, actor_role and action are required.
nlohmann::json encode_audit_entry(const AuditEntry& entry);
Result<AuditEntry> decode_audit_entry(const nlohmann::json& json);
// GET /audit → {entries: [...], limit, offset, total}.
nlohmann::json encode_audit_page(const AuditPage& page);
Result<AuditPage> decode_audit_page(std::string_view body);
// ---- members (the secretariat's desk) -------------------------------------------------
// POST /members/{id}/suspend, /remove (and /reinstate, PUT /members/{id}) → the member's
// fields plus, for a suspension or removal, `impact`: {routes:[ids], groups:[ids]}
// (core/member_rules.hpp's suspension_impact at that moment).
struct MemberChange {
    Member member;
    std::optional<SuspensionImpact> impact;

    bool operator==(const MemberChange&) const = default;
};
nlohmann::json encode_member_change(const MemberChange& change);
Result<MemberChange> decode_member_change(std::string_view body);  // the member is required; a malformed impact is dropped

}  // namespace liaoxiu::wire
