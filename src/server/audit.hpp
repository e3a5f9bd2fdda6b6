// The audit trail as the endpoint writes and reads it (core/audit.hpp has its rules,
// store.hpp its table). Every write a secretariat or organizer account makes calls
// audit() inside its writer job, so the entry commits or rolls back with the change:
//
//     backend_.writer.run([&](WriteContext& context) {
//         ... the change ...
//         audit(context, by, "member.suspend", "member", id, wire::audit_change(before, after), reason);
//     });
//
// Writes a worker makes on their own place are not recorded.
#pragma once

#include "core/audit.hpp"
#include "server/backend.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace liaoxiu::server {

// Appends one entry at the job's time. `change` is wire::audit_change's object; fields
// named like a secret (password, password_hash, token, token_hash), at any depth, are
// dropped whatever the caller passed. Throws like any store call: the job then fails
// and its change is undone with the entry.
void audit(WriteContext& context, const Principal& by, std::string_view action, std::string_view entity,
           const Id& entity_id, const nlohmann::json& change, const std::string& reason = {});

// A read of personal data (a roster, a worker's account) as its own small transaction:
// "personal.read" of `entity` `entity_id`; `what` says what was read ({"after": {"read": what}}).
void audit_read(Backend& backend, const Principal& by, std::string_view entity, const Id& entity_id,
                const std::string& what);

// GET /audit's answer (the caller has checked the role and the query).
nlohmann::json read_audit(Backend& backend, const AuditQuery& query);

}  // namespace liaoxiu::server
