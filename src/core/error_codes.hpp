// Every code a DomainError can carry, each with the HTTP status the endpoint answers it
// with, declared here once. A refusal is written with an ErrorCode, whose constructor runs
// at compile time and looks the code up in this table: a code that is not listed (or is
// misspelt) does not compile, so a new code cannot quietly fall into some default status.
// Code that builds a DomainError from a plain string (the JSON decoders, the app's wire
// layer) is held to the same table by a unit test that reads the sources
// (tests/unit/test_error_codes.cpp).
//
// Status 0 marks a code the app makes up on its own side (an answer it could not read, a
// config.json it could not load): the endpoint never answers with it.
#pragma once

#include <iterator>
#include <optional>
#include <string_view>

namespace liaoxiu {

struct ErrorCodeInfo {
    std::string_view code;
    int http_status;
};

inline constexpr ErrorCodeInfo kErrorCodes[] = {
    // The request's shape: not JSON, a field missing or of the wrong type, a bad value (400).
    {"bad_json", 400},
    {"missing_field", 400},
    {"wrong_type", 400},
    {"bad_value", 400},
    {"unsupported_format_version", 400},
    {"bad_request", 400},
    // Who is asking.
    {"unauthorized", 401},        // not signed in, or the session expired
    {"bad_credentials", 401},
    {"forbidden", 403},           // the role (or unit) may not do this; the message says why
    {"cors_forbidden", 403},
    {"review_not_travelled", 403},  // a review by a worker with no confirmed place on the locked trip
    // Nothing there.
    {"not_found", 404},
    {"unknown_group", 404},
    {"unknown_route", 404},
    {"method_not_allowed", 405},
    // Refused by the rules in the current state of things (409).
    {"duplicate_id", 409},        // an entity with this id exists (a retried create finds its own)
    {"account_exists", 409},
    {"member_exited", 409},
    {"group_closed", 409},        // cancelled, or dissolved at the deadline
    {"deadline_passed", 409},
    {"already_departed", 409},
    {"already_joined", 409},
    {"dates_overlap", 409},
    {"unit_cap_reached", 409},
    {"not_a_member_of_group", 409},  // the worker holds no place in the group (wire name kept)
    {"no_offer", 409},
    {"offer_expired", 409},
    {"route_published", 409},     // DELETE /routes/{id}: only a draft is deleted; unpublish it first
    {"route_in_use", 409},        // DELETE /routes/{id}: a group trip or a policy names the draft
    {"payload_too_large", 413},
    {"unsupported_media_type", 415},  // a body not sent as JSON, or in a content coding the server does not read
    // The content breaks a rule whatever the state, or names something that does not exist (422).
    {"validation_failed", 422},
    {"unknown_reference", 422},
    {"unknown_unit", 422},
    {"unknown_member", 422},
    {"missing_id", 422},
    {"missing_title", 422},
    {"missing_body", 422},        // a policy article without text
    {"invalid_days", 422},
    {"invalid_nights", 422},
    {"invalid_price", 422},
    {"invalid_subsidy", 422},
    {"itinerary_day_out_of_range", 422},
    {"itinerary_day_repeated", 422},
    {"too_few_categories", 422},
    {"missing_stay", 422},
    {"missing_wellness", 422},
    {"member_not_active", 422},   // a warning: listed among a 422's problems, never its head
    {"invalid_size", 422},
    {"invalid_seq", 422},
    {"duplicate_worker", 422},
    {"over_capacity", 422},
    {"invalid_deadline", 422},
    {"invalid_unit_cap", 422},
    {"route_not_bookable", 422},
    {"route_mismatch", 422},
    {"invalid_worker", 422},
    {"departure_in_past", 422},
    {"reason_required", 422},
    {"idempotency_key_reused", 422},
    // The secretariat's member rules (core/member_rules.hpp).
    {"missing_value", 422},       // a required field of a member is empty; `path` names it
    {"invalid_phone", 422},
    // Service reviews (core/review.hpp).
    {"trip_not_over", 422},       // a review before the day after the trip's last day (China)
    {"member_not_on_trip", 422},  // the member is on no stop of the trip's itinerary
    {"review_edit_closed", 422},  // more than 14 days after the review was first written
    {"rate_limited", 429},
    {"headers_too_large", 431},
    {"internal_error", 500},
    {"storage_unavailable", 503},
    {"shutting_down", 503},
    {"busy", 503},                // the worker queue or the password-hashing pool is full: retry (Retry-After)
    // Made by the app itself, never answered by the endpoint.
    {"bad_answer", 0},            // an answer the app could not read
    {"server_error", 0},          // a 5xx without a readable body
    {"refused", 0},               // another 4xx without a readable body
    {"config_unavailable", 0},    // config.json could not be fetched
    // Union rules (core/union_rules.hpp): a join over the worker's yearly allowance (409), an
    // own-unit group and a worker of another unit (403), rules entered wrong (422, `path` names the field).
    {"allowance_trips_used", 409},
    {"allowance_days_exceeded", 409},
    {"out_of_province_too_soon", 409},
    {"over_cost_standard", 409},
    {"group_not_open_to_unit", 403},
    {"invalid_rule", 422},
    // Approval by the worker's own union (审批): a decision on a place not waiting for one (409),
    // by the union of another unit (403), a decline's reason too long (422).
    {"not_pending", 409},
    {"not_own_unit_worker", 403},
    {"reason_too_long", 422},
};

inline constexpr int kNoErrorCode = -1;

// The position of `code` in kErrorCodes, or kNoErrorCode. An index, not a pointer: GCC's
// UndefinedBehaviorSanitizer instruments pointer comparisons, which then no longer count
// as constant expressions, and ErrorCode's check below must run at compile time.
constexpr int error_code_index(std::string_view code) {
    for (int i = 0; i < static_cast<int>(std::size(kErrorCodes)); ++i)
        if (kErrorCodes[i].code == code) return i;
    return kNoErrorCode;
}

// The table's entry for `code`, if it has one.
constexpr const ErrorCodeInfo* find_error_code(std::string_view code) {
    const int index = error_code_index(code);
    return index == kNoErrorCode ? nullptr : &kErrorCodes[index];
}

// The status the endpoint answers `code` with; nothing for a code missing from the table.
constexpr std::optional<int> http_status_of(std::string_view code) {
    const int index = error_code_index(code);
    if (index == kNoErrorCode) return std::nullopt;
    return kErrorCodes[index].http_status;
}

// A code checked against the table while compiling: ErrorCode("group_fulll") is an error.
class ErrorCode {
public:
    consteval ErrorCode(const char* code) : index_(lookup(code)) {}  // NOLINT: implicit on purpose
    constexpr std::string_view name() const { return kErrorCodes[index_].code; }
    constexpr int http_status() const { return kErrorCodes[index_].http_status; }

private:
    static consteval int lookup(std::string_view code) {
        const int index = error_code_index(code);
        // Reaching the throw while compiling stops the build: add the code to kErrorCodes.
        if (index == kNoErrorCode) throw "error code missing from kErrorCodes (core/error_codes.hpp)";
        return index;
    }
    int index_;
};

}  // namespace liaoxiu
