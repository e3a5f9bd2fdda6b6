// A domain error: a stable machine code plus a message for people in both
// languages the app speaks. Every rule that can refuse returns one of these
// instead of throwing, so the app can check before sending and the endpoint
// can answer with exactly the same words.
#pragma once

#include "error_codes.hpp"

#include <string>
#include <utility>
#include <variant>

namespace liaoxiu {

// Validation can find problems that do not make data wrong but must not go unnoticed
// (a route through a suspended member): those are warnings. Refusals are always errors.
enum class Severity { error, warning };

struct DomainError {
    std::string code;        // "group_full", "deadline_passed", ...
    std::string message_zh;
    std::string message_en;
    std::string path;        // JSON path for decode errors ("routes[3].itinerary[1].member"), else empty
    Severity severity = Severity::error;
};

// A DomainError whose code is checked against the table of codes while compiling
// (error_codes.hpp): every refusal the core and the endpoint write is made with this.
inline DomainError make_error(ErrorCode code, std::string message_zh, std::string message_en,
                              std::string path = {}, Severity severity = Severity::error) {
    return DomainError{std::string(code.name()), std::move(message_zh), std::move(message_en), std::move(path),
                       severity};
}

// The outcome of a rule: a value or the reason it was refused.
template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(DomainError error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(v_); }
    T& value() & { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const DomainError& error() const { return std::get<1>(v_); }

private:
    std::variant<T, DomainError> v_;
};

}  // namespace liaoxiu
