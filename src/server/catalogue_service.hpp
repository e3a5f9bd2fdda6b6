// The catalogue as the endpoint serves and edits it: the full snapshot and the
// delta since a version cursor (both cached by version, with an ETag), the
// secretariat's edits (members, routes, policies, each validated by the core
// rules), and the all-or-nothing import/export the command line uses.
#pragma once

#include "server/backend.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace liaoxiu::server {

struct CatalogueDocument {
    std::int64_t version = 0;
    std::string etag;  // weak: the body may travel compressed
    std::string body;
};

class CatalogueService {
public:
    explicit CatalogueService(Backend& backend) : backend_(backend) {}

    std::int64_t version();
    std::shared_ptr<const CatalogueDocument> snapshot();
    std::shared_ptr<const CatalogueDocument> delta(std::int64_t since);
    static std::string snapshot_etag(std::int64_t version);
    static std::string delta_etag(std::int64_t since, std::int64_t version);

    // The secretariat's edits; each is recorded in the audit trail as `by`'s, in its transaction.
    nlohmann::json admit_member(const Principal& by, const Member& member);
    // Checked with the core's validate_member (422 with `problems`, each at its field).
    nlohmann::json update_member(const Principal& by, const Id& id, const Member& member);
    // A suspension or removal answers with its `impact` (core suspension_impact).
    nlohmann::json set_member_status(const Principal& by, const Id& id, MemberStatus status, const std::string& reason);
    // Routes and policies are saved with their status: a route created as a draft may break
    // the content rules (not the references) until it is published; an edit keeps the
    // stored status. Answers: {route, warnings} / the policy, "status" always written.
    nlohmann::json create_route(const Principal& by, const Route& route);
    nlohmann::json update_route(const Principal& by, const Id& id, const Route& route);
    // Publish (refused 422 with every problem when the core's rules find an error) or
    // unpublish; doing it twice changes nothing the second time.
    nlohmann::json set_route_status(const Principal& by, const Id& id, PublishStatus status);
    nlohmann::json routes(std::optional<PublishStatus> status);  // {routes: [...]}, drafts included
    nlohmann::json create_policy(const Principal& by, const Policy& policy);
    nlohmann::json update_policy(const Principal& by, const Id& id, const Policy& policy);
    nlohmann::json set_policy_status(const Principal& by, const Id& id, PublishStatus status);
    nlohmann::json policies(std::optional<PublishStatus> status);  // {policies: [...]}

private:
    std::shared_ptr<const CatalogueDocument> build(std::optional<std::int64_t> since);

    Backend& backend_;
    std::mutex cache_mutex_;
    std::shared_ptr<const CatalogueDocument> cached_snapshot_;
};

// The catalogue document from stored rows; groups show places without worker ids
// unless `with_workers` (the command-line export).
std::string assemble_catalogue(Connection& db, std::optional<std::int64_t> since, bool with_workers,
                               std::int64_t& version);

// Upserts every entity of a decoded, validated catalogue (nothing is deleted).
void apply_catalogue(WriteContext& context, const Catalogue& catalogue);

}  // namespace liaoxiu::server
