#include "server/audit.hpp"

#include "core/wire.hpp"
#include "server/store.hpp"

namespace liaoxiu::server {
namespace {

bool secret_name(const std::string& name) {
    return name == "password" || name == "password_hash" || name == "token" || name == "token_hash";
}

nlohmann::json without_secrets(const nlohmann::json& value) {
    if (value.is_object()) {
        nlohmann::json kept = nlohmann::json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!secret_name(it.key())) kept[it.key()] = without_secrets(it.value());
        }
        return kept;
    }
    if (value.is_array()) {
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& item : value) kept.push_back(without_secrets(item));
        return kept;
    }
    return value;
}

}  // namespace

void audit(WriteContext& context, const Principal& by, std::string_view action, std::string_view entity,
           const Id& entity_id, const nlohmann::json& change, const std::string& reason) {
    AuditEntry entry;
    entry.at = context.now;
    entry.actor = by.account;
    entry.actor_role = parse_role(by.role).value_or(Role::worker);
    entry.actor_name = by.name;
    entry.actor_unit = by.unit;
    entry.action = std::string(action);
    entry.entity = std::string(entity);
    entry.entity_id = entity_id;
    entry.reason = reason;
    entry.change = wire::decode_audit_change(without_secrets(change));
    store::append_audit(context.db, entry);
}

void audit_read(Backend& backend, const Principal& by, std::string_view entity, const Id& entity_id,
                const std::string& what) {
    backend.writer.run([&](WriteContext& context) {
        audit(context, by, "personal.read", entity, entity_id, {{"before", nlohmann::json::object()},
                                                                 {"after", {{"read", what}}}});
    });
}

nlohmann::json read_audit(Backend& backend, const AuditQuery& query) {
    auto db = backend.readers.acquire();
    store::begin_read(*db);
    try {
        auto page = store::list_audit(*db, query);
        store::commit(*db);
        return wire::encode_audit_page(page);
    } catch (...) {
        store::rollback(*db);
        throw;
    }
}

}  // namespace liaoxiu::server
