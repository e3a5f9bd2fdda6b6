#include "core/wire_wishes.hpp"

#include "core/dates.hpp"
#include "core/wire.hpp"
#include "core/wire_fields.hpp"

#include <utility>

namespace liaoxiu::wire {
using nlohmann::json;
using namespace fields;

json encode_route_wish(const RouteWish& wish) {
    return {{"route", wish.route}, {"worker", wish.worker}, {"unit", wish.unit}, {"since", format_instant(wish.since)}};
}

Result<RouteWish> decode_route_wish(const json& value) {
    auto route = string_field(value, "route");
    auto since = instant_field(value, "since");
    if (!route || route->empty() || !since) return bad_answer("wish");
    RouteWish wish;
    wish.route = std::move(*route);
    wish.since = *since;
    wish.worker = string_field(value, "worker").value_or("");
    wish.unit = string_field(value, "unit").value_or("");
    return wish;
}

WishGroup wish_group_of(const GroupTrip& trip) { return WishGroup{trip.id, trip.departure, trip.created}; }

json encode_my_wish(const MyWish& wish) {
    json body = encode_route_wish(wish.wish);
    body["route_title"] = wish.route_title;
    json groups = json::array();
    for (const WishGroup& group : wish.groups)
        groups.push_back({{"id", group.id}, {"departure", format_day(group.departure)}, {"created", format_instant(group.created)}});
    body["groups"] = std::move(groups);
    return body;
}

Result<MyWish> decode_my_wish(const json& value) {
    Result<RouteWish> route_wish = decode_route_wish(value);
    if (!route_wish) return route_wish.error();
    MyWish wish;
    wish.wish = std::move(route_wish).value();
    wish.route_title = string_field(value, "route_title").value_or("");
    const json* groups = field(value, "groups");
    if (!groups || !groups->is_array()) return bad_answer("wish: groups");
    for (const json& item : *groups) {
        auto id = string_field(item, "id");
        auto departure = day_field(item, "departure");
        if (!id || id->empty() || !departure) return bad_answer("wish: group");
        wish.groups.push_back(WishGroup{std::move(*id), *departure, instant_field(item, "created").value_or(0)});
    }
    return wish;
}

json encode_my_wishes(const std::vector<MyWish>& wishes) {
    json list = json::array();
    for (const MyWish& wish : wishes) list.push_back(encode_my_wish(wish));
    return {{"wishes", std::move(list)}};
}

Result<std::vector<MyWish>> decode_my_wishes(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("my wishes: not JSON");
    const json* wishes = field(*parsed, "wishes");
    if (!wishes || !wishes->is_array()) return bad_answer("my wishes");
    std::vector<MyWish> mine;
    for (const json& item : *wishes) {
        Result<MyWish> decoded = decode_my_wish(item);
        if (!decoded) return decoded.error();
        mine.push_back(std::move(decoded).value());
    }
    return mine;
}

json encode_unit_wishes(const UnitWishes& wishes) {
    json routes = json::array();
    for (const UnitWishRow& row : wishes.routes)
        routes.push_back({{"route", row.count.route},
                          {"route_title", row.route_title},
                          {"count", row.count.count},
                          {"newest", format_instant(row.count.newest)}});
    return {{"unit", wishes.unit}, {"routes", std::move(routes)}};
}

Result<UnitWishes> decode_unit_wishes(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) return bad_answer("unit wishes: not JSON");
    const json* routes = field(*parsed, "routes");
    if (!routes || !routes->is_array()) return bad_answer("unit wishes");
    UnitWishes wishes;
    wishes.unit = string_field(*parsed, "unit").value_or("");
    for (const json& item : *routes) {
        auto route = string_field(item, "route");
        const json* count = field(item, "count");
        if (!route || route->empty() || !count || !count->is_number_integer()) return bad_answer("unit wishes: route");
        const auto number = count->get<std::int64_t>();
        if (number < 0 || number > 1000000000) return bad_answer("unit wishes: count");
        UnitWishRow row;
        row.count.route = std::move(*route);
        row.count.count = static_cast<int>(number);
        row.count.newest = instant_field(item, "newest").value_or(0);
        row.route_title = string_field(item, "route_title").value_or("");
        wishes.routes.push_back(std::move(row));
    }
    return wishes;
}

}  // namespace liaoxiu::wire
