#include "server/api_error.hpp"

#include "core/json.hpp"
#include "core/rules.hpp"
#include "core/wire.hpp"

namespace liaoxiu::server {

nlohmann::json error_json(const DomainError& error) { return wire::encode_error(error); }

nlohmann::json ApiError::body() const {
    nlohmann::json body = error_json(error_);
    if (!details_.is_null()) body["problems"] = details_;
    return body;
}

int status_for(const DomainError& error) {
    const std::optional<int> status = http_status_of(error.code);
    return status && *status >= 400 ? *status : 500;
}

void fail(ErrorCode code, std::string message_zh, std::string message_en, std::string path) {
    throw ApiError(code.http_status(), make_error(code, std::move(message_zh), std::move(message_en), std::move(path)));
}

void fail(const DomainError& error) { throw ApiError(status_for(error), error); }

void fail_problems(const std::vector<DomainError>& problems) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& problem : problems) all.push_back(error_json(problem));
    const DomainError* head = first_error(problems);
    throw ApiError(422, head ? *head : make_error("validation_failed", "数据未通过校验", "validation failed"), all);
}

}  // namespace liaoxiu::server
