#include "core/wire.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/wire_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace liaoxiu::wire {
namespace {

using nlohmann::json;
using namespace fields;

std::optional<PlaceState> place_state_field(const json& object, const char* name) {
    auto text = string_field(object, name);
    return text ? parse_place_state(*text) : std::nullopt;
}

void put_unless_empty(json& object, const char* name, std::string_view text) {
    if (!text.empty()) object[name] = text;
}

}  // namespace

std::optional<json> parse_json(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) return std::nullopt;
    auto value = json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded()) return std::nullopt;
    return value;
}

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

DomainError bad_answer(const std::string& what) {
    return DomainError{"bad_answer", "服务器返回的数据无法识别（" + what + "）",
                       "the server's answer could not be understood (" + what + ")", ""};
}

// ---- counts ----------------------------------------------------------------------

json encode_counts(const GroupCounts& counts) {
    json body{{"confirmed", counts.confirmed},
              {"waitlisted", counts.waiting},  // the wire name of GroupCounts::waiting (docs/glossary.md)
              {"places_to_form", counts.places_to_form},
              {"places_left", counts.places_left},
              {"units", counts.units}};
    if (counts.pending > 0) body["pending_approval"] = counts.pending;  // absent = none (as before approval)
    return body;
}

std::optional<GroupCounts> decode_counts(const json& counts) {
    auto confirmed = int_field(counts, "confirmed");
    auto waitlisted = int_field(counts, "waitlisted");
    auto to_form = int_field(counts, "places_to_form");
    auto left = int_field(counts, "places_left");
    if (!confirmed || !waitlisted || !to_form || !left) return std::nullopt;
    GroupCounts result;
    result.confirmed = *confirmed;
    result.waiting = *waitlisted;
    result.places_to_form = *to_form;
    result.places_left = *left;
    result.pending = std::max(0, int_field(counts, "pending_approval").value_or(0));
    if (const json* units = field(counts, "units"); units && units->is_array()) {
        for (const auto& unit : *units) {
            if (unit.is_string()) result.units.push_back(unit.get<std::string>());
        }
    }
    return result;
}

// ---- accounts --------------------------------------------------------------------

json encode_account(const Account& account) {
    json body = {{"id", account.id}, {"role", role_name(account.role)}, {"name", account.name}};
    put_unless_empty(body, "login", account.login);
    put_unless_empty(body, "unit", account.unit);
    put_unless_empty(body, "member_number", account.member_number);
    return body;
}

Result<Account> decode_account(const json& body) {
    auto id = string_field(body, "id");
    auto role_text = string_field(body, "role");
    if (!id || id->empty() || !role_text) return bad_answer("account");
    auto role = parse_role(*role_text);
    if (!role) return bad_answer("role");
    Account account;
    account.id = *id;
    account.role = *role;
    account.login = string_field(body, "login").value_or("");
    account.name = string_field(body, "name").value_or("");
    account.unit = string_field(body, "unit").value_or("");
    account.member_number = string_field(body, "member_number").value_or("");
    return account;
}

json encode_sign_in_answer(const SignInAnswer& answer) {
    return {{"token", answer.token},
            {"token_type", answer.token_type},
            {"expires_at", format_instant(answer.expires_at)},
            {"account", encode_account(answer.account)}};
}

Result<SignInAnswer> decode_sign_in_answer(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("sign-in");
    auto token = string_field(*parsed, "token");
    if (!token || token->empty()) return bad_answer("token");
    const json* account = field(*parsed, "account");
    if (!account) return bad_answer("account");
    auto decoded = decode_account(*account);
    if (!decoded) return decoded.error();
    SignInAnswer answer;
    answer.token = *token;
    answer.token_type = string_field(*parsed, "token_type").value_or("Bearer");
    answer.expires_at = instant_field(*parsed, "expires_at").value_or(0);
    answer.account = std::move(decoded).value();
    return answer;
}

// ---- a worker's own place ----------------------------------------------------------

json encode_my_place(const MyPlace& mine) {
    json body = mine.place;
    if (mine.waitlist_position > 0) body["waitlist_position"] = mine.waitlist_position;
    put_unless_empty(body, "reason", mine.reason);
    return body;
}

std::optional<MyPlace> decode_my_place(const json& body) {
    auto state = place_state_field(body, "state");
    if (!state) return std::nullopt;
    MyPlace mine;
    mine.place.state = *state;
    mine.place.worker = string_field(body, "worker").value_or("");
    mine.place.unit = string_field(body, "unit").value_or("");
    mine.place.seq = int_field(body, "seq").value_or(0);
    mine.place.since = instant_field(body, "since").value_or(0);
    mine.place.offer_expires = instant_field(body, "offer_expires");
    mine.place.decision_due = instant_field(body, "decision_due");
    mine.waitlist_position = std::max(0, int_field(body, "waitlist_position").value_or(0));
    mine.reason = string_field(body, "reason").value_or("");
    return mine;
}

json encode_trip_view(const GroupTrip& trip, const GroupCounts& counts, const MyPlace* mine, bool with_places) {
    json body = trip;
    body["counts"] = encode_counts(counts);
    if (!with_places) body.erase("places");
    if (mine) body["my_place"] = encode_my_place(*mine);
    return body;
}

json encode_my_trips(const std::vector<json>& trip_views) {
    json trips = json::array();
    for (const auto& view : trip_views) trips.push_back(view);
    return {{"trips", std::move(trips)}};
}

Result<std::vector<TripPlace>> decode_my_trips(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("trips");
    const json* trips = field(*parsed, "trips");
    if (!trips || !trips->is_array()) return bad_answer("trips");
    std::vector<TripPlace> result;
    for (const auto& trip : *trips) {
        auto id = string_field(trip, "id");
        const json* place = field(trip, "my_place");
        auto mine = place ? decode_my_place(*place) : std::nullopt;
        if (!id || !mine) continue;  // not ours to show
        result.push_back(TripPlace{*id, std::move(*mine)});
    }
    return result;
}

// ---- routes and policies (designer) ------------------------------------------------

json encode_route(const Route& route) {
    json body = route;
    body["status"] = std::string(enum_name(route.status));
    return body;
}

json encode_policy(const Policy& policy) {
    json body = policy;
    body["status"] = std::string(enum_name(policy.status));
    body["routes"] = policy.routes;
    return body;
}

Result<Policy> decode_policy(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("policy");
    auto policy = decode<Policy>(*parsed, "");
    if (!policy) return bad_answer("policy: " + policy.error().message_en);
    return std::move(policy).value();
}

json encode_route_answer(const RouteAnswer& answer) {
    json warnings = json::array();
    for (const auto& warning : answer.warnings) warnings.push_back(encode_error(warning));
    return {{"route", encode_route(answer.route)}, {"warnings", std::move(warnings)}};
}

Result<RouteAnswer> decode_route_answer(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("route");
    const json* route = field(*parsed, "route");
    if (!route) return bad_answer("route");
    auto decoded = decode<Route>(*route, "route");
    if (!decoded) return bad_answer("route: " + decoded.error().message_en);
    RouteAnswer answer{std::move(decoded).value(), {}};
    if (const json* warnings = field(*parsed, "warnings"); warnings && warnings->is_array()) {
        for (const auto& warning : *warnings) {
            auto code = string_field(warning, "code");
            if (!code) continue;
            DomainError error = decode_error(422, wire::dump(warning));
            answer.warnings.push_back(std::move(error));
        }
    }
    return answer;
}

namespace {

template <class T>
json encode_list(const std::vector<T>& items, json (*encode)(const T&)) {
    json list = json::array();
    for (const auto& item : items) list.push_back(encode(item));
    return list;
}

template <class T>
Result<std::vector<T>> decode_list(std::string_view body, const char* name) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer(name);
    const json* list = field(*parsed, name);
    if (!list || !list->is_array()) return bad_answer(name);
    std::vector<T> items;
    items.reserve(list->size());
    for (const auto& item : *list) {
        auto decoded = decode<T>(item, name);
        if (decoded) items.push_back(std::move(decoded).value());
    }
    return items;
}

}  // namespace

json encode_route_list(const std::vector<Route>& routes) { return {{"routes", encode_list(routes, encode_route)}}; }
Result<std::vector<Route>> decode_route_list(std::string_view body) { return decode_list<Route>(body, "routes"); }
json encode_policy_list(const std::vector<Policy>& policies) {
    return {{"policies", encode_list(policies, encode_policy)}};
}
Result<std::vector<Policy>> decode_policy_list(std::string_view body) { return decode_list<Policy>(body, "policies"); }

// ---- join --------------------------------------------------------------------------

json encode_join_answer(const JoinAnswer& answer) {
    json body = {{"group", answer.group},
                 {"worker", answer.worker},
                 {"state", std::string(enum_name(answer.state))},
                 {"seq", answer.seq}};
    if (answer.counts) body["counts"] = encode_counts(*answer.counts);
    if (answer.state == PlaceState::waitlisted) body["waitlist_position"] = answer.waitlist_position;
    if (answer.decision_due) body["decision_due"] = format_instant(*answer.decision_due);
    return body;
}

Result<JoinAnswer> decode_join_answer(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("join");
    auto state = place_state_field(*parsed, "state");
    if (!state) return bad_answer("state");
    JoinAnswer answer;
    answer.state = *state;
    answer.group = string_field(*parsed, "group").value_or("");
    answer.worker = string_field(*parsed, "worker").value_or("");
    answer.seq = integer_field(*parsed, "seq").value_or(0);
    answer.waitlist_position = std::max(0, int_field(*parsed, "waitlist_position").value_or(0));
    if (const json* counts = field(*parsed, "counts")) answer.counts = decode_counts(*counts);
    answer.decision_due = instant_field(*parsed, "decision_due");
    return answer;
}

// ---- the unit union's desk ---------------------------------------------------------

json encode_roster(const Roster& roster) {
    json workers = json::array();
    for (const auto& worker : roster.workers) {
        json item = {{"worker", worker.worker},
                     {"name", worker.name},
                     {"member_number", worker.member_number},
                     {"unit", worker.unit},
                     {"state", std::string(enum_name(worker.state))},
                     {"seq", worker.seq},
                     {"since", format_instant(worker.since)}};
        put_unless_empty(item, "reason", worker.reason);
        workers.push_back(std::move(item));
    }
    json units = json::array();
    for (const auto& unit : roster.other_units) {
        units.push_back({{"unit", unit.unit}, {"name", unit.name}, {"confirmed", unit.confirmed}, {"waiting", unit.waiting}});
    }
    return {{"group", roster.group}, {"workers", std::move(workers)}, {"other_units", std::move(units)}};
}

Result<Roster> decode_roster(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("roster");
    auto group = string_field(*parsed, "group");
    if (!group || group->empty()) return bad_answer("group");
    Roster roster;
    roster.group = *group;
    if (const json* workers = field(*parsed, "workers"); workers && workers->is_array()) {
        for (const auto& item : *workers) {
            auto worker = string_field(item, "worker");
            auto state = place_state_field(item, "state");
            if (!worker || !state) continue;
            RosterWorker entry;
            entry.worker = *worker;
            entry.state = *state;
            entry.name = string_field(item, "name").value_or("");
            entry.member_number = string_field(item, "member_number").value_or("");
            entry.unit = string_field(item, "unit").value_or("");
            entry.seq = integer_field(item, "seq").value_or(0);
            entry.since = instant_field(item, "since").value_or(0);
            entry.reason = string_field(item, "reason").value_or("");
            roster.workers.push_back(std::move(entry));
        }
    }
    if (const json* units = field(*parsed, "other_units"); units && units->is_array()) {
        for (const auto& item : *units) {
            auto unit = string_field(item, "unit");
            if (!unit) continue;
            roster.other_units.push_back(RosterUnitCount{*unit, string_field(item, "name").value_or(""),
                                                         std::max(0, int_field(item, "confirmed").value_or(0)),
                                                         std::max(0, int_field(item, "waiting").value_or(0))});
        }
    }
    return roster;
}

json encode_unit_workers(const Id& unit, const std::vector<Account>& workers) {
    json list = json::array();
    for (const auto& worker : workers) list.push_back(encode_account(worker));
    return {{"unit", unit}, {"workers", std::move(list)}};
}

Result<std::vector<Account>> decode_unit_workers(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("workers");
    const json* workers = field(*parsed, "workers");
    if (!workers || !workers->is_array()) return bad_answer("workers");
    std::vector<Account> result;
    for (const auto& item : *workers) {
        auto account = decode_account(item);
        if (account) result.push_back(std::move(account).value());
    }
    return result;
}

// ---- errors ------------------------------------------------------------------------

// The core's to_json (json_encode.cpp): code, both messages, path if any, severity if a warning.
json encode_error(const DomainError& error) { return error; }

DomainError decode_error(int status, std::string_view body) {
    if (auto parsed = parse_json(body); parsed && parsed->is_object()) {
        auto code = string_field(*parsed, "code");
        auto zh = string_field(*parsed, "message_zh");
        auto en = string_field(*parsed, "message_en");
        if (code && zh && en && !code->empty() && !zh->empty()) {
            DomainError error{*code, *zh, *en, string_field(*parsed, "path").value_or("")};
            if (string_field(*parsed, "severity") == std::optional<std::string>("warning")) error.severity = Severity::warning;
            return error;
        }
    }
    return status_error(status);
}

DomainError status_error(int status) {
    const std::string number = std::to_string(status);
    switch (status) {
        case 400: return DomainError{"bad_request", "请求无效", "bad request", ""};
        case 401: return DomainError{"unauthorized", "登录已失效，请重新登录", "please sign in again", ""};
        case 403: return DomainError{"forbidden", "当前账号无权执行此操作", "this account may not do this", ""};
        case 404: return DomainError{"not_found", "没有这个地址", "no such endpoint", ""};
        case 405: return DomainError{"method_not_allowed", "不支持该方法", "method not allowed", ""};
        case 413: return DomainError{"payload_too_large", "请求体太大", "the request body is too large", ""};
        case 415:
            return DomainError{"unsupported_media_type", "不支持该内容类型或编码", "unsupported content type or encoding", ""};
        case 429: return DomainError{"rate_limited", "操作过于频繁，请稍后再试", "too many requests", ""};
        case 431: return DomainError{"headers_too_large", "请求头太大或太多", "the request headers are too large", ""};
        case 500: return DomainError{"internal_error", "服务器内部错误", "internal error", ""};
        case 503: return DomainError{"busy", "服务器繁忙，请稍后重试", "the server is busy, please retry", ""};
        default: break;
    }
    if (status >= 500) {
        return DomainError{"internal_error", "服务器暂时无法处理（" + number + "）",
                           "the server could not handle this (" + number + ")", ""};
    }
    return DomainError{"bad_request", "请求被拒绝（" + number + "）", "the request was refused (" + number + ")", ""};
}

// ---- the audit trail ---------------------------------------------------------------

json audit_change(const json& before, const json& after) {
    json old_fields = json::object();
    json new_fields = json::object();
    const bool created = !before.is_object();
    if (after.is_object()) {
        for (auto it = after.begin(); it != after.end(); ++it) {
            if (created) {
                new_fields[it.key()] = it.value();
                continue;
            }
            auto old = before.find(it.key());
            if (old != before.end() && *old == it.value()) continue;
            if (old != before.end()) old_fields[it.key()] = *old;
            new_fields[it.key()] = it.value();
        }
    }
    if (!created) {
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (!after.is_object() || !after.contains(it.key())) old_fields[it.key()] = it.value();
        }
    }
    return {{"before", std::move(old_fields)}, {"after", std::move(new_fields)}};
}

std::vector<AuditFieldChange> decode_audit_change(const json& change) {
    std::vector<AuditFieldChange> fields;
    auto side = [&](const char* name, std::optional<std::string> AuditFieldChange::*slot) {
        const json* values = field(change, name);
        if (!values || !values->is_object()) return;
        for (auto it = values->begin(); it != values->end(); ++it) {
            auto found = std::find_if(fields.begin(), fields.end(),
                                      [&](const AuditFieldChange& f) { return f.field == it.key(); });
            if (found == fields.end()) found = fields.insert(fields.end(), AuditFieldChange{it.key(), {}, {}});
            (*found).*slot = dump(it.value());
        }
    };
    side("before", &AuditFieldChange::before);
    side("after", &AuditFieldChange::after);
    std::sort(fields.begin(), fields.end(),
              [](const AuditFieldChange& a, const AuditFieldChange& b) { return a.field < b.field; });
    return fields;
}

json encode_audit_change(const std::vector<AuditFieldChange>& change) {
    json old_fields = json::object();
    json new_fields = json::object();
    for (const auto& f : change) {
        auto value = [](const std::string& text) {
            auto parsed = parse_json(text);
            return parsed ? *parsed : json(text);
        };
        if (f.before) old_fields[f.field] = value(*f.before);
        if (f.after) new_fields[f.field] = value(*f.after);
    }
    return {{"before", std::move(old_fields)}, {"after", std::move(new_fields)}};
}

json encode_audit_entry(const AuditEntry& entry) {
    return {{"seq", entry.seq},
            {"at", format_instant(entry.at)},
            {"actor", entry.actor},
            {"actor_role", role_name(entry.actor_role)},
            {"actor_name", entry.actor_name},
            {"actor_unit", entry.actor_unit},
            {"action", entry.action},
            {"entity", entry.entity},
            {"entity_id", entry.entity_id},
            {"reason", entry.reason},
            {"change", encode_audit_change(entry.change)}};
}

Result<AuditEntry> decode_audit_entry(const json& body) {
    const json* seq = field(body, "seq");
    auto at = instant_field(body, "at");
    auto actor = string_field(body, "actor");
    auto role_text = string_field(body, "actor_role");
    auto action = string_field(body, "action");
    if (!seq || !seq->is_number_integer() || !at || !actor || !role_text || !action) return bad_answer("audit entry");
    auto role = parse_role(*role_text);
    if (!role) return bad_answer("actor_role");
    AuditEntry entry;
    entry.seq = seq->get<std::int64_t>();
    entry.at = *at;
    entry.actor = *actor;
    entry.actor_role = *role;
    entry.actor_name = string_field(body, "actor_name").value_or("");
    entry.actor_unit = string_field(body, "actor_unit").value_or("");
    entry.action = *action;
    entry.entity = string_field(body, "entity").value_or("");
    entry.entity_id = string_field(body, "entity_id").value_or("");
    entry.reason = string_field(body, "reason").value_or("");
    if (const json* change = field(body, "change")) entry.change = decode_audit_change(*change);
    return entry;
}

json encode_audit_page(const AuditPage& page) {
    json entries = json::array();
    for (const auto& entry : page.entries) entries.push_back(encode_audit_entry(entry));
    return {{"entries", std::move(entries)}, {"limit", page.limit}, {"offset", page.offset}, {"total", page.total}};
}

Result<AuditPage> decode_audit_page(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("audit");
    const json* entries = field(*parsed, "entries");
    const json* total = field(*parsed, "total");
    if (!entries || !entries->is_array() || !total || !total->is_number_integer()) return bad_answer("audit");
    AuditPage page;
    for (const auto& item : *entries) {
        auto entry = decode_audit_entry(item);
        if (!entry) return entry.error();
        page.entries.push_back(std::move(entry).value());
    }
    page.total = total->get<std::int64_t>();
    page.limit = int_field(*parsed, "limit").value_or(AuditQuery::kDefaultLimit);
    page.offset = int_field(*parsed, "offset").value_or(0);
    return page;
}

// ---- members -------------------------------------------------------------------------

json encode_member_change(const MemberChange& change) {
    json out = change.member;
    if (change.impact) out["impact"] = {{"routes", change.impact->routes}, {"groups", change.impact->groups}};
    return out;
}

namespace {

std::optional<std::vector<Id>> id_list(const json& object, const char* name) {
    const json* list = field(object, name);
    if (!list || !list->is_array()) return std::nullopt;
    std::vector<Id> ids;
    for (const json& id : *list) {
        if (!id.is_string()) return std::nullopt;
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

}  // namespace

Result<MemberChange> decode_member_change(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return bad_answer("member");
    MemberChange change;
    if (const json* impact = field(*parsed, "impact"); impact && impact->is_object()) {
        auto routes = id_list(*impact, "routes");
        auto groups = id_list(*impact, "groups");
        if (routes && groups) change.impact = SuspensionImpact{std::move(*routes), std::move(*groups)};
    }
    parsed->erase("impact");
    auto member = decode<Member>(*parsed, "");
    if (!member) return bad_answer("member");
    change.member = std::move(member).value();
    return change;
}

}  // namespace liaoxiu::wire
