// GET /api/v1/stats: who sees which figures (the counting is store_stats.cpp's).
#include "server/stats.hpp"

#include "core/dates.hpp"

namespace liaoxiu::server {

nlohmann::json read_stats(Backend& backend, const Principal& by, StatsQuery query) {
    if (!by.is_secretariat()) query.unit = by.unit;  // a unit's union: its own unit, whatever was asked
    auto db = backend.readers.acquire();
    store::begin_read(*db);
    try {
        auto table = store::compute_stats(*db, query, day_of(backend.clock()));
        store::commit(*db);
        return encode_stats_table(table);
    } catch (...) {
        store::rollback(*db);
        throw;
    }
}

}  // namespace liaoxiu::server
