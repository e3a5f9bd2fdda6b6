// Group trips (拼团) as the endpoint offers them: list, detail with counts,
// create and cancel (organizer of the unit), join with an idempotency key,
// withdraw, accept an offered place, my trips — and the deadlines the scheduler
// applies. Every change runs as a writer job that reads the trip inside the
// transaction and applies the core's transition (group_trip.hpp) to it: the one
// place where capacity is decided.
#pragma once

#include "server/backend.hpp"
#include "server/store.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace liaoxiu::server {

// An answer that may be replayed byte for byte (a keyed join).
struct StoredResponse {
    int status = 200;
    std::string body;
    bool replayed = false;
};

class GroupService {
public:
    explicit GroupService(Backend& backend) : backend_(backend) {}

    nlohmann::json list(const store::GroupFilter& filter, const Principal* viewer);
    nlohmann::json detail(const Id& id, const Principal* viewer);
    nlohmann::json create(const Principal& by, const GroupDraft& draft);
    nlohmann::json cancel(const Principal& by, const Id& id, const std::string& reason);
    // `worker`: a union adding a worker of its own unit (nothing, or the caller: their own join).
    StoredResponse join(const Principal& by, const Id& id, const std::optional<std::string>& idempotency_key,
                        const std::optional<Id>& worker = std::nullopt);
    // Someone else's place (`worker`) is freed only with a reason, kept with the place.
    nlohmann::json withdraw(const Principal& by, const Id& id, const std::optional<Id>& worker,
                            const std::string& reason = {});
    // GET /groups/{id}/roster: core/roster.hpp's roster for `by`.
    nlohmann::json roster(const Principal& by, const Id& id);
    nlohmann::json accept_offer(const Principal& by, const Id& id);
    nlohmann::json my_trips(const Principal& by);

    // Applies advance_clock to every group whose deadline has come; returns how many changed.
    std::size_t advance_due(Instant now);

private:
    Backend& backend_;
};

// The JSON of a trip for `viewer`: the trip, its counts, the viewer's own place; a place's
// worker id only where the core's sees_worker allows it (permissions.hpp).
// `reasons` (by place seq): why places were freed by someone else; a worker's own is shown to them.
nlohmann::json group_view(const GroupTrip& trip, const Principal* viewer, bool with_places,
                          const std::map<std::int64_t, std::string>* reasons = nullptr);

}  // namespace liaoxiu::server
