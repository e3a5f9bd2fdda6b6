#include "server/request_decode.hpp"

#include "core/dates.hpp"
#include "core/identifiers.hpp"
#include "core/json.hpp"

#include <set>

namespace liaoxiu::server {
namespace {

// Upper bounds for free text: far above any honest value, low enough that nobody
// can make the database or the logs carry megabytes per field.
constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxLongText = 2000;

DomainError problem(std::string code, std::string zh, std::string en, std::string path) {
    return DomainError{std::move(code), std::move(zh), std::move(en), std::move(path)};
}

DomainError not_an_object(const std::string& path) {
    return problem("wrong_type", "请求体必须是 JSON 对象", "the request body must be a JSON object", path);
}

// Reads one string field; returns an error when absent (if required), not a string, or too long.
std::optional<DomainError> read_string(const nlohmann::json& object, const char* field, bool required,
                                       std::size_t max_length, std::string& out) {
    auto found = object.find(field);
    if (found == object.end() || found->is_null()) {
        if (!required) return std::nullopt;
        return problem("missing_field", std::string("缺少字段 ") + field, std::string("missing field ") + field,
                       field);
    }
    if (!found->is_string()) {
        return problem("wrong_type", std::string("字段 ") + field + " 必须是字符串",
                       std::string(field) + " must be a string", field);
    }
    const auto& text = found->get_ref<const std::string&>();
    if (required && text.empty()) {
        return problem("bad_value", std::string("字段 ") + field + " 不能为空", std::string(field) + " is empty",
                       field);
    }
    if (text.size() > max_length) {
        return problem("bad_value", std::string("字段 ") + field + " 太长", std::string(field) + " is too long", field);
    }
    out = text;
    return std::nullopt;
}

// A decoded entity whose `id` the client chose: the id must follow the id syntax.
template <class T>
Result<T> with_checked_id(Result<T> decoded) {
    if (!decoded) return decoded.error();
    auto checked = check_id(decoded.value().id, "id");
    if (!checked) return checked.error();
    return std::move(decoded).value();
}

}  // namespace

Result<nlohmann::json> parse_body(std::string_view text, bool empty_is_object) {
    // Only a truly empty body stands for `{}`: whitespace alone is not a JSON object.
    if (empty_is_object && text.empty()) return nlohmann::json::object();
    auto json = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (json.is_discarded()) {
        return problem("bad_json", "请求体不是有效的 JSON", "the request body is not valid JSON", "");
    }
    return json;
}

Result<SignInRequest> decode_sign_in(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    SignInRequest request;
    if (auto e = read_string(json, "login", true, kMaxShortText, request.login)) return *e;
    if (auto e = read_string(json, "password", true, kMaxShortText, request.password)) return *e;
    return request;
}

Result<AccountRequest> decode_account_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    AccountRequest request;
    if (auto e = read_string(json, "role", true, kMaxShortText, request.role)) return *e;
    static const std::set<std::string> roles = {"worker", "organizer", "secretariat"};
    if (!roles.count(request.role)) {
        return problem("bad_value", "角色必须是 worker、organizer 或 secretariat",
                       "role must be worker, organizer or secretariat", "role");
    }
    if (auto e = read_string(json, "login", true, kMaxShortText, request.login)) return *e;
    auto login = check_login(request.login);
    if (!login) return login.error();
    if (auto e = read_string(json, "name", true, kMaxShortText, request.name)) return *e;
    bool needs_unit = request.role != "secretariat";
    if (auto e = read_string(json, "unit", needs_unit, kMaxShortText, request.unit)) return *e;
    if (auto e = read_string(json, "member_number", false, kMaxShortText, request.member_number)) return *e;
    if (request.member_number.empty() && request.role == "worker") request.member_number = request.login;
    if (auto e = read_string(json, "password", true, kMaxShortText, request.password)) return *e;
    if (request.password.size() < 8) {
        return problem("bad_value", "密码至少 8 个字符", "the password needs at least 8 characters", "password");
    }
    std::string id;
    if (auto e = read_string(json, "id", false, kMaxShortText, id)) return *e;
    if (json.contains("id") && !json["id"].is_null()) {
        auto checked = check_id(id, "id");
        if (!checked) return checked.error();
        request.id = id;
    }
    return request;
}

Result<GroupDraft> decode_group_request(const nlohmann::json& json, const Id& organizer_unit, const Id& new_id) {
    if (!json.is_object()) return not_an_object("");
    nlohmann::json filled = json;
    if (!filled.contains("id") || filled["id"].is_null()) filled["id"] = new_id;
    if (!filled.contains("organizer_unit") || filled["organizer_unit"].is_null()) {
        filled["organizer_unit"] = organizer_unit;
    }
    return with_checked_id(decode<GroupDraft>(filled, ""));
}

Result<CancelRequest> decode_cancel_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    CancelRequest request;
    if (auto e = read_string(json, "reason", true, kMaxLongText, request.reason)) return *e;
    return request;
}

Result<DeclineRequest> decode_decline_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    DeclineRequest request;
    if (auto e = read_string(json, "reason", false, kMaxLongText, request.reason)) return *e;
    return request;
}

Result<WithdrawRequest> decode_withdraw_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    WithdrawRequest request;
    std::string worker;
    if (auto e = read_string(json, "worker", false, kMaxShortText, worker)) return *e;
    if (!worker.empty()) request.worker = worker;
    if (auto e = read_string(json, "reason", false, kMaxLongText, request.reason)) return *e;
    return request;
}

Result<JoinRequest> decode_join_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    JoinRequest request;
    std::string worker;
    if (auto e = read_string(json, "worker", false, kMaxShortText, worker)) return *e;
    if (!worker.empty()) request.worker = worker;
    return request;
}

Result<NoFields> decode_empty_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    return NoFields{};
}

Result<StatusChangeRequest> decode_status_change(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    StatusChangeRequest request;
    if (auto e = read_string(json, "reason", false, kMaxLongText, request.reason)) return *e;
    return request;
}

Result<Member> decode_member_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    return with_checked_id(decode<Member>(json, ""));
}

Result<Route> decode_route_request(const nlohmann::json& json) {
    if (!json.is_object()) return not_an_object("");
    return with_checked_id(decode<Route>(json, ""));
}

Result<Policy> decode_policy_request(const nlohmann::json& json, const Id& new_id, Day today) {
    if (!json.is_object()) return not_an_object("");
    nlohmann::json filled = json;
    if (!filled.contains("id") || filled["id"].is_null()) filled["id"] = new_id;
    if (!filled.contains("date") || filled["date"].is_null()) filled["date"] = format_day(today);
    return with_checked_id(decode<Policy>(filled, ""));
}

}  // namespace liaoxiu::server
