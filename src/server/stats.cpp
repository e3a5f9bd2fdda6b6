// GET /api/v1/stats: who sees which figures (the counting is store_stats.cpp's).
#include "server/stats.hpp"

#include "core/dates.hpp"

namespace liaoxiu::server {

std::shared_ptr<const store::StatsDirectory> StatsDirectoryCache::get(Connection& db) {
    const std::string stamp = store::stats_directory_stamp(db);
    {
        std::lock_guard lock(mutex_);
        if (current_ && current_->stamp == stamp) return current_;
    }
    // Read outside the lock: two readers may both parse a new directory; the later one wins.
    auto loaded = std::make_shared<const store::StatsDirectory>(db, stamp);
    std::lock_guard lock(mutex_);
    current_ = loaded;
    return loaded;
}

nlohmann::json read_stats(Backend& backend, StatsDirectoryCache& directories, const Principal& by, StatsQuery query) {
    if (!by.is_secretariat()) query.unit = by.unit;  // a unit's union: its own unit, whatever was asked
    auto db = backend.readers.acquire();
    store::begin_read(*db);
    try {
        auto directory = directories.get(*db);
        auto table = store::compute_stats(*db, query, day_of(backend.clock()), *directory);
        store::commit(*db);
        return encode_stats_table(table);
    } catch (...) {
        store::rollback(*db);
        throw;
    }
}

}  // namespace liaoxiu::server
