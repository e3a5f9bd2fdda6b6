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

#include "core/error.hpp"
#include "core/group_trip.hpp"
#include "core/member_rules.hpp"
#include "core/model.hpp"
#include "core/role.hpp"

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
};
nlohmann::json encode_join_answer(const JoinAnswer& answer);
Result<JoinAnswer> decode_join_answer(std::string_view body);  // state required

// ---- errors: {code, message_zh, message_en, path?} ---------------------------------
nlohmann::json encode_error(const DomainError& error);
// The refusal in `body` — or, when the body is not one (a proxy's HTML page, nothing at
// all), status_error(status).
DomainError decode_error(int status, std::string_view body);
// The server's code and words for a bare status: what it answers when a request never
// reached a handler, and what the client says when an answer has no error body.
DomainError status_error(int status);

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
