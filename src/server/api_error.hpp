// A refusal on its way to the client: an HTTP status plus the domain error the
// body carries ({code, message_zh, message_en[, path][, severity]}). Services throw it; the
// HTTP layer turns it into the answer. Anything else that escapes is a defect
// or an unavailable database, never the client's fault.
//
// A code's status is declared once, beside the code, in core/error_codes.hpp: nothing
// here or at a call site names a status for a code.
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

// The status a domain refusal is answered with: its code's entry in core/error_codes.hpp.
// A code missing from that table (which a unit test rules out) is answered 500: a defect,
// never a silent guess.
int status_for(const DomainError& error);

[[noreturn]] void fail(ErrorCode code, std::string message_zh, std::string message_en, std::string path = {});
[[noreturn]] void fail(const DomainError& error);  // status from status_for
// 422 with all of them, headed by the first error (warnings may come before it in the list).
[[noreturn]] void fail_problems(const std::vector<DomainError>& problems);

// The JSON of a domain error: the core's one encoder (core/json.hpp), `severity` included.
nlohmann::json error_json(const DomainError& error);

}  // namespace liaoxiu::server
