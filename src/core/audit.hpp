// The audit trail (审计日志): what a secretariat or organizer account changed, who, when,
// and the change itself. The endpoint writes an entry in the same transaction as the
// change it records and never edits or deletes one; the secretariat reads them with
// filters (GET /api/v1/audit). The rules about entries and their filters live here, once:
// the endpoint checks a query's parameters with parse_audit_query, and the desk checks its
// form with the same function before it asks.
//
// This header has no JSON in it (the client's seam holds entries); their wire form is in
// wire.hpp.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/role.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu {

// Every action the trail records, as dotted names "<entity>.<verb>". The part before the
// dot is the domain an action filter may also name on its own ("member": every member.*).
inline constexpr std::array<std::string_view, 27> kAuditActions{
    "member.admit",    "member.update",     "member.suspend",  "member.reinstate", "member.remove",
    "route.create",    "route.update",      "route.publish",   "route.unpublish",  "route.delete",
    "policy.create",
    "policy.update",   "policy.publish",    "policy.unpublish", "group.open",      "group.cancel",
    "place.withdraw",  "place.add",         "account.create",  "personal.read",
    "member.standing", "review.hide",  // service reviews (core/review.hpp): 整改 / 先进典型 marks, hidden comments
    "rules.alliance",  "rules.unit",   "group.open_to_all",  // union rules (core/union_rules.hpp)
    "place.approve",   "place.decline",  // approval by the worker's own union (审批)
};

bool is_audit_action(std::string_view action);
// "member", "route", ...: the part before the dot of some action.
bool is_audit_domain(std::string_view domain);

// Reading the trail: the alliance's secretariat only (it holds who did what to whom).
// "forbidden", saying why, for anyone else.
std::optional<DomainError> read_audit_forbidden(Role role);

// One field of an entity before and after the change, each as compact JSON text
// (nullopt: the field was not there, as for everything before a creation).
struct AuditFieldChange {
    std::string field;
    std::optional<std::string> before;
    std::optional<std::string> after;
    bool operator==(const AuditFieldChange&) const = default;
};

struct AuditEntry {
    std::int64_t seq = 0;  // increasing in the order entries were written
    Instant at = 0;
    Id actor;              // the account id
    Role actor_role = Role::secretariat;
    std::string actor_name;  // the account's name when it acted
    Id actor_unit;           // empty for the secretariat
    std::string action;      // one of kAuditActions
    std::string entity;      // "member", "route", "policy", "group", "account"
    Id entity_id;
    std::string reason;      // the reason the actor gave (suspend, remove, cancel, withdraw), else empty
    std::vector<AuditFieldChange> change;  // only the fields that changed, in field order
    bool operator==(const AuditEntry&) const = default;
};

// A JSON value's text as a person reads it: a string without its quotes and escapes,
// anything else as written ("null", "3", "[\"r-1\"]").
std::string audit_value_text(std::string_view json_text);

// GET /api/v1/audit's filters. Entries with from <= at <= to, newest first.
struct AuditQuery {
    std::optional<Id> actor;           // an account id
    std::optional<std::string> action; // an action, or a domain ("member")
    std::optional<Id> entity;          // the entity's id
    std::optional<Instant> from;
    std::optional<Instant> to;         // inclusive
    int limit = kDefaultLimit;
    int offset = 0;
    bool operator==(const AuditQuery&) const = default;

    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 500;
};

// The filters as written (URL query parameters, or the desk's form); absent or empty
// texts are no filter. `from` and `to` are a China calendar day ("2026-12-06", the whole
// day: to runs through its last second) or an instant ("2026-12-06T08:00:00Z").
struct AuditQueryText {
    std::optional<std::string> actor;
    std::optional<std::string> action;
    std::optional<std::string> entity;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> limit;
    std::optional<std::string> offset;
};

// The checked query, or "bad_value" whose path names the parameter at fault.
Result<AuditQuery> parse_audit_query(const AuditQueryText& text);

// The query as URL parameters ("actor=a-admin&limit=100&offset=0"), what
// parse_audit_query reads back to the same query.
std::string audit_query_string(const AuditQuery& query);

// One page of entries and how many match in all.
struct AuditPage {
    std::vector<AuditEntry> entries;
    int limit = AuditQuery::kDefaultLimit;
    int offset = 0;
    std::int64_t total = 0;
    bool operator==(const AuditPage&) const = default;
};

}  // namespace liaoxiu
