#include "core/price_includes.hpp"

namespace liaoxiu {

PriceIncludes price_includes(const Route& route) {
    PriceIncludes out;
    bool stays = false;
    for (const ItineraryDay& day : route.itinerary) {
        for (const Stop& stop : day.stops) {
            switch (stop.kind) {
                case StopKind::stay: stays = true; break;
                case StopKind::eat: ++out.meals; break;
                case StopKind::travel: out.transport = true; break;
                case StopKind::tour: ++out.visits; break;
                case StopKind::wellness: ++out.wellness; break;
            }
        }
    }
    if (stays) out.nights = route.nights;
    return out;
}

}  // namespace liaoxiu
