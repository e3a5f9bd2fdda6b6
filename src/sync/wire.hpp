// The endpoint's answers, decoded defensively: a body may be cut short by a flaky
// network, come from a captive portal or a misconfigured proxy, or be plain garbage.
// Nothing here throws; every decoder returns a value or a DomainError ("bad_answer").
// The shapes are those of docs/api.md (src/server/http_api.cpp).
#pragma once

#include "core/error.hpp"
#include "core/group_trip.hpp"
#include "core/model.hpp"
#include "core/text_stream.hpp"
#include "sync/client.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::sync {

// JSON text → value; nullopt for anything that is not JSON (NUL bytes included).
std::optional<nlohmann::json> parse_json(std::string_view text);

// POST /sessions → 201 {token, token_type, expires_at, account{id, login, role, name, unit?, member_number?}}
struct SignInAnswer {
    std::string token;
    Session session;
};
Result<SignInAnswer> decode_sign_in_answer(std::string_view body);

// An account as GET /me and the sign-in answer describe it.
Result<Session> decode_account(const nlohmann::json& json);

// POST /groups/{id}/join → {group, worker, state, seq, counts{...}, waitlist_position?}
struct JoinAnswer {
    PlaceState state = PlaceState::confirmed;
    int waitlist_position = 0;
    std::optional<GroupCounts> counts;
};
Result<JoinAnswer> decode_join_answer(std::string_view body);

// GET /me/trips → {trips: [group view with my_place{state, waitlist_position?, offer_expires?}]}
Result<std::vector<MyTrip>> decode_my_trips(std::string_view body);

// GET /catalogue: a snapshot is checked completely (ids, references); a delta only for
// its structure, since it names things the client already has.
// The body is read as it is parsed (a snapshot is never held as one tree).
Result<Catalogue> decode_catalogue_snapshot(TextSource& body);
Result<Catalogue> decode_catalogue_delta(TextSource& body);
Result<Catalogue> decode_catalogue_snapshot(std::string_view body);
Result<Catalogue> decode_catalogue_delta(std::string_view body);

// The endpoint's refusal {code, message_zh, message_en[, path]} — or, when the body is
// not one (a proxy's HTML page, nothing at all), words chosen from the status alone.
DomainError decode_error_answer(int status, std::string_view body);

}  // namespace liaoxiu::sync
