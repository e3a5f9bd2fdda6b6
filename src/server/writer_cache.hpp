// The writer's memory of the group trips and routes it has read or written, so a
// join does not decode a route and every place of its group again. Each entry
// remembers the catalogue version of the stored row it mirrors; every change to a
// group or route, by this process or any other sharing the database, stamps a new
// version, so one indexed `SELECT version` tells whether the entry is still the
// truth (on PostgreSQL that read happens under the group's row lock). Entries a job
// of the open batch wrote are trusted until the batch ends: committed, they take
// the batch's version; rolled back, they are forgotten.
// Within one batch (one transaction) each group, route and member is checked once: a group the
// batch locked (FOR UPDATE) comes with its version from the lock statement itself and cannot
// change under the lock but by this batch; a route or member read once in the batch is taken
// as the batch saw it then (a change committed by another process meanwhile is seen by the
// next batch, as if it had committed a moment later). Each round trip saved is one per join.
// Used by its writer thread only (each writer thread has its own): no locking.
#pragma once

#include "core/model.hpp"
#include "server/sql.hpp"

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace liaoxiu::server {

class WriterCache {
public:
    // The trip as the open transaction sees it; null if there is none. The pointer
    // stays valid until the next call of group() or saved().
    const GroupTrip* group(Connection& db, const Id& id);
    const Route* route(Connection& db, const Id& id);
    // The members of `ids` that exist, as the open transaction sees them: one indexed read of
    // their versions; only a member changed since it was last read is decoded again.
    std::vector<Member> members(Connection& db, const std::vector<Id>& ids);

    // A job wrote `trip` (already in the database, not yet committed).
    void saved(const GroupTrip& trip);
    // A job wrote this route (it is read again next time).
    void forget_route(const Id& id) {
        routes_.erase(id);
        routes_checked_.erase(id);
        catalogue_written_ = true;
    }
    // A job wrote this member (its new version is stamped only when the batch commits).
    void forget_member(const Id& id) {
        members_.erase(id);
        members_checked_.erase(id);
        catalogue_written_ = true;
    }

    // The batch holds this group's row lock; `version` is the stored row's, read with the lock.
    void locked(const Id& id, std::int64_t version) { locked_versions_[id] = version; }

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
    struct MemberEntry {
        std::int64_t version = 0;
        Member member;
    };

    void trim();

    std::unordered_map<Id, GroupEntry> groups_;
    std::unordered_map<Id, RouteEntry> routes_;
    std::unordered_map<Id, MemberEntry> members_;
    // A route or member was written in the open batch: one read after it holds the new document
    // under the old version until the batch commits, so a rollback must forget what was read.
    bool catalogue_written_ = false;
    void forget_catalogue_reads();
    void end_batch();
    std::unordered_map<Id, std::int64_t> locked_versions_;  // groups the open batch locked
    std::unordered_set<Id> routes_checked_;                 // routes read in the open batch
    std::unordered_set<Id> members_checked_;                // members read (or found absent) in it
    std::vector<Id> job_writes_;    // groups the running job saved
    std::vector<Id> batch_writes_;  // groups the batch's finished jobs saved
};

}  // namespace liaoxiu::server
