// The secretariat's desk: the audit trail (#/desk/audit). A table of who changed what and
// when, newest first, with filters (action, actor, entity id, date range) and paging; a
// row opens its change in full. The entries come from GET /api/v1/audit through the sync
// engine (Intents::load_audit, ClientState::audit); the filters are checked with the
// core's parse_audit_query before anything is asked.
#pragma once

#include "ui/screen_context.hpp"

#include <string>

namespace liaoxiu::ui {

void draw_desk_audit(Context& ctx);

// An action's words ("member.suspend" → 暂停成员单位); the dotted name itself if unknown.
std::string audit_action_text(const Context& ctx, const std::string& action);
// "2026-12-06 11:04:05", China time.
std::string audit_time_text(Instant at);
// A changed field's name in the desk's language ("status_reason" of a member → 原因): the words
// the form of that field shows, from one table (audit.cpp); the name itself if unknown.
std::string audit_field_text(const Context& ctx, const std::string& entity, const std::string& field);
// A changed field's value (its JSON text) as the desk's pages show it: a member's status and
// category in words, a route's money in yuan, anything else as core's audit_value_text.
std::string audit_value_words(const Context& ctx, const std::string& entity, const std::string& field,
                              const std::string& json);
// One line: each changed field with its value before and after, cut at about `max_bytes`.
std::string audit_change_summary(const Context& ctx, const AuditEntry& entry, std::size_t max_bytes = 240);

}  // namespace liaoxiu::ui
