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

    nlohmann::json admit_member(const Member& member);
    // Checked with the core's validate_member (422 with `problems`, each at its field).
    nlohmann::json update_member(const Id& id, const Member& member);
    // A suspension or removal answers with its `impact` (core suspension_impact).
    nlohmann::json set_member_status(const Id& id, MemberStatus status);
    nlohmann::json create_route(const Route& route);
    nlohmann::json update_route(const Id& id, const Route& route);
    nlohmann::json publish_policy(const Policy& policy);

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

// A group trip's places with the worker ids blanked, for anyone but its organizer.
nlohmann::json redact_workers(nlohmann::json group, const Id& keep_worker = {});

}  // namespace liaoxiu::server
