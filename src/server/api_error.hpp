// A refusal on its way to the client: an HTTP status plus the domain error the
// body carries ({code, message_zh, message_en, path?}). Services throw it; the
// HTTP layer turns it into the answer. Anything else that escapes is a defect
// or an unavailable database, never the client's fault.
#pragma once

#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace liaoxiu::server {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, DomainError error, nlohmann::json details = nullptr)
        : std::runtime_error(error.code), status_(status), error_(std::move(error)), details_(std::move(details)) {}
    int status() const { return status_; }
    const DomainError& error() const { return error_; }
    // The JSON body: the error's fields, plus `problems` when there are several.
    nlohmann::json body() const;

private:
    int status_;
    DomainError error_;
    nlohmann::json details_;
};

DomainError make_error(std::string code, std::string message_zh, std::string message_en, std::string path = {});

// The status a domain refusal deserves: decode problems are the request's shape (400),
// content rules 422, references to things that do not exist 422, state conflicts 409.
int status_for(const DomainError& error);

[[noreturn]] void fail(int status, std::string code, std::string message_zh, std::string message_en,
                       std::string path = {});
[[noreturn]] void fail(const DomainError& error);  // status from status_for
[[noreturn]] void fail_problems(const std::vector<DomainError>& problems);  // 422 with all of them

nlohmann::json error_json(const DomainError& error);

}  // namespace liaoxiu::server
