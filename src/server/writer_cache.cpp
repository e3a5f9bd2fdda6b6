#include "server/writer_cache.hpp"

#include "server/store.hpp"

#include <algorithm>

namespace liaoxiu::server {
namespace {

// Enough for every group a flash sale touches; a large catalogue's 20k groups with
// their places would otherwise stay in memory for good.
constexpr std::size_t kMaxGroups = 4096;
constexpr std::size_t kMaxRoutes = 4096;
constexpr std::size_t kMaxMembers = 16384;

}  // namespace

const GroupTrip* WriterCache::group(Connection& db, const Id& id) {
    auto found = groups_.find(id);
    if (found != groups_.end() && found->second.written_in_batch) return &found->second.trip;
    std::optional<std::int64_t> version;
    if (auto locked = locked_versions_.find(id); locked != locked_versions_.end()) {
        version = locked->second;  // read with the row lock this batch holds
    } else {
        version = store::stored_version(db, store::Kind::group, id);
    }
    if (!version) {
        if (found != groups_.end()) groups_.erase(found);
        return nullptr;
    }
    if (found != groups_.end() && found->second.version == *version) return &found->second.trip;
    auto trip = store::load_group(db, id);
    if (!trip) return nullptr;
    if (found == groups_.end()) {
        trim();
        found = groups_.emplace(id, GroupEntry{}).first;
    }
    found->second.version = *version;
    found->second.trip = std::move(*trip);
    return &found->second.trip;
}

const Route* WriterCache::route(Connection& db, const Id& id) {
    auto found = routes_.find(id);
    if (found != routes_.end() && routes_checked_.count(id)) return &found->second.route;
    auto version = store::stored_version(db, store::Kind::route, id);
    if (!version) {
        if (found != routes_.end()) routes_.erase(found);
        return nullptr;
    }
    if (found != routes_.end() && found->second.version == *version) {
        routes_checked_.insert(id);
        return &found->second.route;
    }
    auto route = store::load_route(db, id);
    if (!route) return nullptr;
    if (found == routes_.end()) {
        if (routes_.size() >= kMaxRoutes) routes_.clear();
        found = routes_.emplace(id, RouteEntry{}).first;
    }
    found->second.version = *version;
    found->second.route = std::move(*route);
    routes_checked_.insert(id);
    return &found->second.route;
}

std::vector<Member> WriterCache::members(Connection& db, const std::vector<Id>& ids) {
    if (std::all_of(ids.begin(), ids.end(), [&](const Id& id) { return members_checked_.count(id) > 0; })) {
        // All read in this batch already (an id not in members_ was found absent then).
        std::vector<Member> members;
        std::vector<Id> seen;
        for (const auto& id : ids) {
            if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
            seen.push_back(id);
            if (auto found = members_.find(id); found != members_.end()) members.push_back(found->second.member);
        }
        return members;
    }
    const auto versions = store::member_versions(db, ids);
    std::vector<Id> stale;
    for (const auto& [id, version] : versions) {
        auto found = members_.find(id);
        if (found == members_.end() || found->second.version != version) stale.push_back(id);
    }
    if (!stale.empty()) {
        if (members_.size() + stale.size() > kMaxMembers) {
            members_.clear();
            members_checked_.clear();
        }
        for (auto& member : store::load_members(db, stale)) {
            auto version = std::find_if(versions.begin(), versions.end(), [&](const auto& v) { return v.first == member.id; });
            if (version == versions.end()) continue;  // written between the two reads: read again next time
            Id id = member.id;  // the key before the member is moved (the right side is evaluated first)
            members_[id] = MemberEntry{version->second, std::move(member)};
        }
    }
    std::vector<Member> members;
    for (const auto& [id, version] : versions) {
        auto found = members_.find(id);
        if (found != members_.end()) members.push_back(found->second.member);
    }
    // Checked in this batch: those found and cached, and those that do not exist.
    for (const auto& id : ids) {
        bool listed = std::any_of(versions.begin(), versions.end(), [&](const auto& v) { return v.first == id; });
        if (!listed || members_.count(id)) members_checked_.insert(id);
    }
    return members;
}

void WriterCache::saved(const GroupTrip& trip) {
    auto found = groups_.find(trip.id);
    if (found == groups_.end()) found = groups_.emplace(trip.id, GroupEntry{}).first;
    found->second.written_in_batch = true;
    found->second.trip = trip;
    job_writes_.push_back(trip.id);
}

void WriterCache::job_done() {
    batch_writes_.insert(batch_writes_.end(), job_writes_.begin(), job_writes_.end());
    job_writes_.clear();
}

void WriterCache::job_failed() {
    // The savepoint took the job's writes back: read those groups again (an earlier
    // job of the batch may have written them too; the database has that).
    for (const auto& id : job_writes_) groups_.erase(id);
    job_writes_.clear();
    forget_catalogue_reads();
}

void WriterCache::forget_catalogue_reads() {
    if (!catalogue_written_) return;
    routes_.clear();
    members_.clear();
    routes_checked_.clear();
    members_checked_.clear();
}

void WriterCache::end_batch() {
    locked_versions_.clear();
    routes_checked_.clear();
    members_checked_.clear();
}

void WriterCache::batch_committed(std::optional<std::int64_t> version) {
    end_batch();
    catalogue_written_ = false;
    for (const auto& id : batch_writes_) {
        auto found = groups_.find(id);
        if (found == groups_.end()) continue;
        if (version) {
            found->second.version = *version;
            found->second.written_in_batch = false;
        } else {
            groups_.erase(found);
        }
    }
    batch_writes_.clear();
    job_writes_.clear();
}

void WriterCache::batch_failed() {
    forget_catalogue_reads();
    end_batch();
    catalogue_written_ = false;
    for (const auto& id : batch_writes_) groups_.erase(id);
    for (const auto& id : job_writes_) groups_.erase(id);
    batch_writes_.clear();
    job_writes_.clear();
}

void WriterCache::trim() {
    if (groups_.size() < kMaxGroups) return;
    // Keep what the open batch wrote; drop the rest (they are read again when needed).
    for (auto it = groups_.begin(); it != groups_.end();) {
        it = it->second.written_in_batch ? std::next(it) : groups_.erase(it);
    }
}

}  // namespace liaoxiu::server
