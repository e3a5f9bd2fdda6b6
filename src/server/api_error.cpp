#include "server/api_error.hpp"

#include "core/json.hpp"
#include "core/wire.hpp"

#include <set>

namespace liaoxiu::server {

nlohmann::json error_json(const DomainError& error) { return wire::encode_error(error); }

nlohmann::json ApiError::body() const {
    nlohmann::json body = error_json(error_);
    if (!details_.is_null()) body["problems"] = details_;
    return body;
}

DomainError make_error(std::string code, std::string message_zh, std::string message_en, std::string path) {
    return DomainError{std::move(code), std::move(message_zh), std::move(message_en), std::move(path)};
}

int status_for(const DomainError& error) {
    static const std::set<std::string> shape = {"bad_json", "missing_field", "wrong_type", "bad_value",
                                                "unsupported_format_version", "bad_request"};
    static const std::set<std::string> missing = {"not_found", "unknown_group", "unknown_route"};
    static const std::set<std::string> content = {
        "unknown_reference", "duplicate_id",      "missing_id",        "missing_title",
        "invalid_days",      "invalid_nights",    "invalid_price",     "invalid_subsidy",
        "itinerary_day_out_of_range", "itinerary_day_repeated", "unknown_member", "too_few_categories",
        "missing_stay",      "missing_wellness",  "invalid_size",      "invalid_seq",
        "duplicate_worker",  "over_capacity",     "member_not_active", "invalid_deadline",
        "invalid_unit_cap",  "route_not_bookable", "validation_failed", "unknown_unit",
        "route_mismatch",    "invalid_worker",    "departure_in_past", "reason_required"};
    if (shape.count(error.code)) return 400;
    if (missing.count(error.code)) return 404;
    if (content.count(error.code)) return 422;
    return 409;  // the rules refused in the current state of things (full, locked, overlapping, ...)
}

void fail(int status, std::string code, std::string message_zh, std::string message_en, std::string path) {
    throw ApiError(status, make_error(std::move(code), std::move(message_zh), std::move(message_en), std::move(path)));
}

void fail(const DomainError& error) { throw ApiError(status_for(error), error); }

void fail_problems(const std::vector<DomainError>& problems) {
    nlohmann::json all = nlohmann::json::array();
    const DomainError* first_error = nullptr;
    for (const auto& problem : problems) {
        all.push_back(error_json(problem));
        if (!first_error) first_error = &problem;
    }
    DomainError head = first_error ? *first_error
                                   : make_error("validation_failed", "数据未通过校验", "validation failed");
    throw ApiError(422, head, all);
}

}  // namespace liaoxiu::server
