// What a route's price covers, read from its itinerary. A worker sees this, not the member
// units' own price lists: those are what the travel agency and the union pay the members
// (49座旅游大巴 ¥1,660/车/天), and read inline they look like extra charges.
#pragma once

#include "core/model.hpp"

namespace liaoxiu {

struct PriceIncludes {
    int nights = 0;          // accommodation: the route's nights, when its itinerary has a stay
    int meals = 0;           // 吃 stops
    bool transport = false;  // some 行 stop: getting there and around is arranged
    int visits = 0;          // 游 stops: scenic spots and their tickets
    int wellness = 0;        // 康养 stops: sessions at a sanatorium or spa

    bool empty() const { return nights == 0 && meals == 0 && !transport && visits == 0 && wellness == 0; }
    bool operator==(const PriceIncludes&) const = default;
};

PriceIncludes price_includes(const Route& route);

}  // namespace liaoxiu
