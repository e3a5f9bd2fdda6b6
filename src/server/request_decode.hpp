// Decoders for the endpoint's request bodies. Each returns the request or the
// first problem with its JSON path, never throws, and ignores unknown fields
// (like the core's decoders, which the catalogue-shaped bodies reuse). These are
// also the libFuzzer targets (tests/server/fuzz_decoders.cpp).
#pragma once

#include "core/error.hpp"
#include "core/group_trip.hpp"
#include "core/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace liaoxiu::server {

// Text to JSON; an empty body counts as `{}` when `empty_is_object`. Code "bad_json".
Result<nlohmann::json> parse_body(std::string_view text, bool empty_is_object);

struct SignInRequest {
    std::string login;
    std::string password;
};
Result<SignInRequest> decode_sign_in(const nlohmann::json& json);

struct AccountRequest {
    std::string role;  // worker, organizer, secretariat
    std::string login;
    std::string name;
    Id unit;
    std::string member_number;  // workers; defaults to the login
    std::string password;
    std::optional<Id> id;
};
Result<AccountRequest> decode_account_request(const nlohmann::json& json);

// A new group trip. `id` and `organizer_unit` may be left out (the endpoint fills them in).
Result<GroupDraft> decode_group_request(const nlohmann::json& json, const Id& organizer_unit, const Id& new_id);

struct CancelRequest {
    std::string reason;
};
Result<CancelRequest> decode_cancel_request(const nlohmann::json& json);

struct WithdrawRequest {
    std::optional<Id> worker;  // someone else's place (organizer or secretariat only)
    std::string reason;        // required when `worker` is someone else (core: withdraw_reason_missing)
};
// POST /groups/{id}/join: {} for one's own join, {"worker": "w-…"} for a union adding a worker.
struct JoinRequest {
    std::optional<Id> worker;
};
Result<JoinRequest> decode_join_request(const nlohmann::json& json);
Result<WithdrawRequest> decode_withdraw_request(const nlohmann::json& json);

// POST /groups/{id}/places/{worker}/decline: {"reason": "…"}; an absent or blank reason is the
// core's to refuse (decline_place: reason_required), so it is read as optional here.
struct DeclineRequest {
    std::string reason;
};
Result<DeclineRequest> decode_decline_request(const nlohmann::json& json);

struct NoFields {};
// Bodies that carry nothing (join, accept, suspend, ...): must be an object if present.
Result<NoFields> decode_empty_request(const nlohmann::json& json);

struct StatusChangeRequest {
    std::string reason;  // optional note
};
Result<StatusChangeRequest> decode_status_change(const nlohmann::json& json);

Result<Member> decode_member_request(const nlohmann::json& json);
Result<Route> decode_route_request(const nlohmann::json& json);
// A policy article; `id` and `date` may be left out (a new id, today).
Result<Policy> decode_policy_request(const nlohmann::json& json, const Id& new_id, Day today);

}  // namespace liaoxiu::server
