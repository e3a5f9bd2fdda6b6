// The writer's memory of the group trips and routes it has read or written, so a
// join does not decode a route and every place of its group again. Each entry
// remembers the catalogue version of the stored row it mirrors; every change to a
// group or route, by this process or any other sharing the database, stamps a new
// version, so one indexed `SELECT version` tells whether the entry is still the
// truth (on PostgreSQL that read happens under the group's row lock). Entries a job
// of the open batch wrote are trusted until the batch ends: committed, they take
// the batch's version; rolled back, they are forgotten.
// Used by the writer thread only: no locking.
#pragma once

#include "core/model.hpp"
#include "server/sql.hpp"

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace liaoxiu::server {

class WriterCache {
public:
    // The trip as the open transaction sees it; null if there is none. The pointer
    // stays valid until the next call of group() or saved().
    const GroupTrip* group(Connection& db, const Id& id);
    const Route* route(Connection& db, const Id& id);

    // A job wrote `trip` (already in the database, not yet committed).
    void saved(const GroupTrip& trip);
    // A job wrote this route (it is read again next time).
    void forget_route(const Id& id) { routes_.erase(id); }

    // A job's savepoint was released / rolled back.
    void job_done();
    void job_failed();
    // The batch committed at catalogue version `version` (nullopt: it changed no
    // catalogue entity) / was rolled back.
    void batch_committed(std::optional<std::int64_t> version);
    void batch_failed();

    std::size_t size() const { return groups_.size(); }

private:
    struct GroupEntry {
        std::int64_t version = 0;
        bool written_in_batch = false;
        GroupTrip trip;
    };
    struct RouteEntry {
        std::int64_t version = 0;
        Route route;
    };

    void trim();

    std::unordered_map<Id, GroupEntry> groups_;
    std::unordered_map<Id, RouteEntry> routes_;
    std::vector<Id> job_writes_;    // groups the running job saved
    std::vector<Id> batch_writes_;  // groups the batch's finished jobs saved
};

}  // namespace liaoxiu::server
