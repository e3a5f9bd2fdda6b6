#include "core/audit.hpp"

#include "core/query_params.hpp"

#include "core/dates.hpp"
#include "core/identifiers.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace liaoxiu {
namespace {

using query_params::bad_parameter;
using query_params::given;
using query_params::whole_number;

// A day (the instant it starts, or with `end_of_day` its last second) or an instant.
std::optional<Instant> moment(const std::string& text, bool end_of_day) {
    if (auto day = parse_day(text)) return end_of_day ? china_midnight(*day + 1) - 1 : china_midnight(*day);
    return parse_instant(text);
}

}  // namespace

bool is_audit_action(std::string_view action) {
    return std::find(kAuditActions.begin(), kAuditActions.end(), action) != kAuditActions.end();
}

bool is_audit_domain(std::string_view domain) {
    if (domain.empty()) return false;
    return std::any_of(kAuditActions.begin(), kAuditActions.end(), [&](std::string_view action) {
        return action.size() > domain.size() && action.starts_with(domain) && action[domain.size()] == '.';
    });
}

std::optional<DomainError> read_audit_forbidden(Role role) {
    if (role == Role::secretariat) return std::nullopt;
    return make_error("forbidden", "只有联盟秘书处可以查看审计日志", "only the alliance's secretariat reads the audit trail");
}

std::string audit_value_text(std::string_view json_text) {
    auto value = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (value.is_discarded()) return std::string(json_text);
    if (value.is_string()) return value.get<std::string>();
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<AuditQuery> parse_audit_query(const AuditQueryText& text) {
    AuditQuery query;
    if (auto actor = given(text.actor)) {
        if (!is_valid_id(*actor)) return bad_parameter("actor", "不是账号编号", "not an account id");
        query.actor = *actor;
    }
    if (auto action = given(text.action)) {
        if (!is_audit_action(*action) && !is_audit_domain(*action)) {
            return bad_parameter("action", "未知的操作：" + *action, "unknown action " + *action);
        }
        query.action = *action;
    }
    if (auto entity = given(text.entity)) {
        if (!is_valid_id(*entity)) return bad_parameter("entity", "不是编号", "not an id");
        query.entity = *entity;
    }
    if (auto from = given(text.from)) {
        query.from = moment(*from, false);
        if (!query.from) {
            return bad_parameter("from", "应为日期（2026-12-06）或时刻（2026-12-06T08:00:00Z）",
                                 "expected a day (2026-12-06) or an instant (2026-12-06T08:00:00Z)");
        }
    }
    if (auto to = given(text.to)) {
        query.to = moment(*to, true);
        if (!query.to) {
            return bad_parameter("to", "应为日期（2026-12-06）或时刻（2026-12-06T08:00:00Z）",
                                 "expected a day (2026-12-06) or an instant (2026-12-06T08:00:00Z)");
        }
        if (query.from && *query.to < *query.from) {
            return bad_parameter("to", "结束早于开始", "the end is before the start");
        }
    }
    if (auto limit = given(text.limit)) {
        auto value = whole_number(*limit);
        if (!value || *value < 1 || *value > AuditQuery::kMaxLimit) {
            return bad_parameter("limit", "应为 1 到 500 的整数", "expected a whole number from 1 to 500");
        }
        query.limit = static_cast<int>(*value);
    }
    if (auto offset = given(text.offset)) {
        auto value = whole_number(*offset);
        if (!value || *value < 0 || *value > 1000000000) {
            return bad_parameter("offset", "应为不小于 0 的整数", "expected a whole number of at least 0");
        }
        query.offset = static_cast<int>(*value);
    }
    return query;
}

std::string audit_query_string(const AuditQuery& query) {
    // Every value is an id, an action name or an instant: nothing in them needs escaping.
    std::string out;
    auto add = [&](const char* name, const std::string& value) {
        if (!out.empty()) out += '&';
        out += name;
        out += '=';
        out += value;
    };
    if (query.actor) add("actor", *query.actor);
    if (query.action) add("action", *query.action);
    if (query.entity) add("entity", *query.entity);
    if (query.from) add("from", format_instant(*query.from));
    if (query.to) add("to", format_instant(*query.to));
    add("limit", std::to_string(query.limit));
    add("offset", std::to_string(query.offset));
    return out;
}

}  // namespace liaoxiu
