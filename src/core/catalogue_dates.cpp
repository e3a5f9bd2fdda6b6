#include "core/catalogue_dates.hpp"

#include "core/dates.hpp"

namespace liaoxiu {

void rebase_dates(Catalogue& catalogue, Instant now) {
    if (!catalogue.dates_as_of) return;
    const Instant by = now - *catalogue.dates_as_of;
    const Day days = day_of(now) - day_of(*catalogue.dates_as_of);
    catalogue.dates_as_of.reset();

    for (Member& member : catalogue.members) {
        member.admitted += days;
        if (member.status_since) *member.status_since += days;
    }
    for (Policy& policy : catalogue.policies) policy.date += days;
    for (GroupTrip& group : catalogue.groups) {
        group.departure += days;
        group.join_deadline += by;
        group.created += by;
        for (Place& place : group.places) {
            place.since += by;
            if (place.offer_expires) *place.offer_expires += by;
            if (place.decision_due) *place.decision_due += by;
        }
    }
}

}  // namespace liaoxiu
