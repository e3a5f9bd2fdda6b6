#include "sync/answers.hpp"

#include "core/json.hpp"

#include <nlohmann/json.hpp>

namespace liaoxiu::sync {

Session session_of(const wire::Account& account) {
    Session session;
    session.id = account.id;
    session.role = account.role;
    session.display_name = account.name;
    session.unit = account.unit;
    session.member_number = account.member_number;
    session.login = account.login;
    if (session.role == Role::worker && !session.member_number.empty()) {
        session.account = session.member_number;
    } else {
        session.account = session.login.empty() ? session.id : session.login;
    }
    return session;
}

wire::Account account_of(const Session& session) {
    return {session.id, session.login, session.role, session.display_name, session.unit, session.member_number};
}

MyTrip my_trip_of(const wire::TripPlace& trip) {
    return MyTrip{trip.group, trip.mine.place.state, trip.mine.waitlist_position, trip.mine.place.offer_expires,
                  trip.mine.reason, trip.mine.place.since};
}

wire::TripPlace trip_place_of(const MyTrip& trip) {
    wire::TripPlace place;
    place.group = trip.group;
    place.mine.place.state = trip.state;
    place.mine.place.offer_expires = trip.offer_expires;
    place.mine.place.since = trip.since;
    place.mine.waitlist_position = trip.waitlist_position;
    place.mine.reason = trip.reason;
    return place;
}

std::vector<MyTrip> my_trips_of(const std::vector<wire::TripPlace>& trips) {
    std::vector<MyTrip> result;
    result.reserve(trips.size());
    for (const auto& trip : trips) result.push_back(my_trip_of(trip));
    return result;
}

// Streamed (parse_catalogue): a large snapshot never exists as one JSON tree on a phone.
Result<Catalogue> decode_catalogue_snapshot(TextSource& body) {
    Result<Catalogue> decoded = parse_catalogue(body);
    if (!decoded && decoded.error().code == "bad_json") return wire::bad_answer("catalogue");
    return decoded;
}

Result<Catalogue> decode_catalogue_delta(TextSource& body) {
    return decode_catalogue_delta(read_all(body));  // a delta names only what changed: small
}

Result<Catalogue> decode_catalogue_snapshot(std::string_view body) {
    StringSource source(body);
    return decode_catalogue_snapshot(source);
}

Result<Catalogue> decode_catalogue_delta(std::string_view body) {
    auto parsed = wire::parse_json(body);
    if (!parsed) return wire::bad_answer("catalogue");
    return decode<Catalogue>(*parsed, "");
}

}  // namespace liaoxiu::sync
