#include "sync/wire.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"

namespace liaoxiu::sync {
namespace {

using nlohmann::json;

DomainError bad_answer(const std::string& what) {
    return DomainError{"bad_answer", "服务器返回的数据无法识别（" + what + "）",
                       "the server's answer could not be understood (" + what + ")", ""};
}

const json* field(const json& object, const char* name) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(name);
    return found == object.end() ? nullptr : &*found;
}

std::optional<std::string> string_field(const json& object, const char* name) {
    const json* value = field(object, name);
    if (!value || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

// An integer that fits an int; floats, strings and huge numbers are refused.
std::optional<int> int_field(const json& object, const char* name) {
    const json* value = field(object, name);
    if (!value || !value->is_number_integer()) return std::nullopt;
    auto number = value->get<std::int64_t>();
    if (number < -1000000000 || number > 1000000000) return std::nullopt;
    return static_cast<int>(number);
}

std::optional<GroupCounts> decode_counts(const json& object) {
    const json* counts = field(object, "counts");
    if (!counts || !counts->is_object()) return std::nullopt;
    GroupCounts result;
    auto confirmed = int_field(*counts, "confirmed");
    auto waitlisted = int_field(*counts, "waitlisted");
    auto to_form = int_field(*counts, "places_to_form");
    auto left = int_field(*counts, "places_left");
    if (!confirmed || !waitlisted || !to_form || !left) return std::nullopt;
    result.confirmed = *confirmed;
    result.waiting = *waitlisted;  // the wire name of GroupCounts::waiting (docs/glossary.md)
    result.places_to_form = *to_form;
    result.places_left = *left;
    if (const json* units = field(*counts, "units"); units && units->is_array()) {
        for (const auto& unit : *units) {
            if (unit.is_string()) result.units.push_back(unit.get<std::string>());
        }
    }
    return result;
}

}  // namespace

std::optional<json> parse_json(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) return std::nullopt;
    auto value = json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded()) return std::nullopt;
    return value;
}

Result<Session> decode_account(const json& account) {
    if (!account.is_object()) return bad_answer("account");
    auto id = string_field(account, "id");
    auto role = string_field(account, "role");
    if (!id || id->empty() || !role) return bad_answer("account");
    Session session;
    session.id = *id;
    if (*role == "worker") {
        session.role = Role::worker;
    } else if (*role == "organizer") {
        session.role = Role::organizer;
    } else if (*role == "secretariat") {
        session.role = Role::secretariat;
    } else {
        return bad_answer("role");
    }
    session.display_name = string_field(account, "name").value_or("");
    session.unit = string_field(account, "unit").value_or("");
    session.member_number = string_field(account, "member_number").value_or("");
    session.login = string_field(account, "login").value_or("");
    // Workers are known by their member number; everyone else by their login.
    if (session.role == Role::worker && !session.member_number.empty()) {
        session.account = session.member_number;
    } else {
        session.account = session.login.empty() ? session.id : session.login;
    }
    return session;
}

Result<SignInAnswer> decode_sign_in_answer(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("sign-in");
    auto token = string_field(*parsed, "token");
    if (!token || token->empty()) return bad_answer("token");
    const json* account = field(*parsed, "account");
    if (!account) return bad_answer("account");
    auto session = decode_account(*account);
    if (!session) return session.error();
    return SignInAnswer{*token, std::move(session).value()};
}

Result<JoinAnswer> decode_join_answer(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("join");
    auto state_name = string_field(*parsed, "state");
    if (!state_name) return bad_answer("state");
    auto state = parse_place_state(*state_name);
    if (!state) return bad_answer("state");
    JoinAnswer answer;
    answer.state = *state;
    answer.waitlist_position = int_field(*parsed, "waitlist_position").value_or(0);
    if (answer.waitlist_position < 0) answer.waitlist_position = 0;
    answer.counts = decode_counts(*parsed);
    return answer;
}

Result<std::vector<MyTrip>> decode_my_trips(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("trips");
    const json* trips = field(*parsed, "trips");
    if (!trips || !trips->is_array()) return bad_answer("trips");
    std::vector<MyTrip> result;
    for (const auto& trip : *trips) {
        auto id = string_field(trip, "id");
        const json* place = field(trip, "my_place");
        if (!id || !place || !place->is_object()) continue;  // not ours to show
        auto state_name = string_field(*place, "state");
        auto state = state_name ? parse_place_state(*state_name) : std::nullopt;
        if (!state) continue;
        MyTrip mine;
        mine.group = *id;
        mine.state = *state;
        mine.waitlist_position = std::max(0, int_field(*place, "waitlist_position").value_or(0));
        if (auto expires = string_field(*place, "offer_expires")) mine.offer_expires = parse_instant(*expires);
        result.push_back(std::move(mine));
    }
    return result;
}

// Streamed (parse_catalogue): a large snapshot never exists as one JSON tree on a phone.
Result<Catalogue> decode_catalogue_snapshot(TextSource& body) {
    Result<Catalogue> decoded = parse_catalogue(body);
    if (!decoded && decoded.error().code == "bad_json") return bad_answer("catalogue");
    return decoded;
}

Result<Catalogue> decode_catalogue_delta(TextSource& body) {
    return decode_catalogue_delta(read_all(body));  // a delta names only what changed: small
}

Result<Catalogue> decode_catalogue_snapshot(std::string_view body) {
    StringSource source(body);
    return decode_catalogue_snapshot(source);
}

Result<Catalogue> decode_catalogue_delta(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("catalogue");
    return decode<Catalogue>(*parsed, "");
}

DomainError decode_error_answer(int status, std::string_view body) {
    if (auto parsed = parse_json(body); parsed && parsed->is_object()) {
        auto code = string_field(*parsed, "code");
        auto zh = string_field(*parsed, "message_zh");
        auto en = string_field(*parsed, "message_en");
        if (code && zh && en && !code->empty() && !zh->empty()) {
            return DomainError{*code, *zh, *en, string_field(*parsed, "path").value_or("")};
        }
    }
    const std::string number = std::to_string(status);
    if (status == 401) return DomainError{"unauthorized", "登录已失效，请重新登录", "please sign in again", ""};
    if (status == 403) return DomainError{"forbidden", "当前账号无权执行此操作", "this account may not do this", ""};
    if (status == 404) return DomainError{"not_found", "要找的内容不存在", "not found", ""};
    if (status == 429) return DomainError{"rate_limited", "操作过于频繁，请稍后再试", "too many requests", ""};
    if (status >= 500) {
        return DomainError{"server_error", "服务器暂时无法处理（" + number + "）",
                           "the server could not handle this (" + number + ")", ""};
    }
    return DomainError{"refused", "请求被拒绝（" + number + "）", "the request was refused (" + number + ")", ""};
}

}  // namespace liaoxiu::sync
