// The endpoint's answers (core/wire.hpp): every shape the server encodes comes back
// equal through the decoder the client uses, through text as it travels.
#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "core/error_codes.hpp"
#include "core/json.hpp"
#include "core/wire.hpp"

#include <nlohmann/json.hpp>

#include <set>

using namespace liaoxiu;

namespace {

Instant at(const char* text) { return *parse_instant(text); }

GroupCounts some_counts() {
    GroupCounts counts;
    counts.confirmed = 9;
    counts.waiting = 2;
    counts.places_to_form = 6;
    counts.places_left = 21;
    counts.units = {"u-qz-school2", "u-qz-sanitation"};
    return counts;
}

wire::MyPlace waiting_place() {
    wire::MyPlace mine;
    mine.place.worker = "w-u-qz-school2-1";
    mine.place.unit = "u-qz-school2";
    mine.place.state = PlaceState::waitlisted;
    mine.place.seq = 1042;
    mine.place.since = at("2026-11-11T19:00:00Z");
    mine.waitlist_position = 3;
    return mine;
}

GroupTrip some_trip() {
    GroupTrip trip;
    trip.id = "g-qz-001";
    trip.route = "r-qz-red-eco-3d";
    trip.organizer_unit = "u-qz-school2";
    trip.departure = *parse_day("2027-04-10");
    trip.min_size = 15;
    trip.max_size = 30;
    trip.join_deadline = at("2027-03-20T10:00:00Z");
    trip.per_unit_cap = 12;
    trip.created = at("2026-11-10T01:30:00Z");
    trip.places.push_back(waiting_place().place);
    return trip;
}

// What travels: the encoder's tree as text.
std::string sent(const nlohmann::json& body) { return wire::dump(body); }

}  // namespace

TEST_CASE("wire: counts round-trip", "[wire]") {
    GroupCounts counts = some_counts();
    auto back = wire::decode_counts(*wire::parse_json(sent(wire::encode_counts(counts))));
    REQUIRE(back);
    CHECK(back->confirmed == counts.confirmed);
    CHECK(back->waiting == counts.waiting);
    CHECK(back->places_to_form == counts.places_to_form);
    CHECK(back->places_left == counts.places_left);
    CHECK(back->units == counts.units);
    // Every number is required.
    auto cut = wire::encode_counts(counts);
    cut.erase("places_left");
    CHECK_FALSE(wire::decode_counts(cut));
}

TEST_CASE("wire: accounts round-trip, for every role", "[wire]") {
    std::vector<wire::Account> accounts = {
        {"w-u-qz-school2-1", "u-qz-school2-01", Role::worker, "衢州市第二中学职工1", "u-qz-school2",
         "u-qz-school2-01"},
        {"o-u-qz-school2", "u-qz-school2-union", Role::organizer, "衢州市第二中学工会", "u-qz-school2", ""},
        {"a-admin", "admin", Role::secretariat, "联盟秘书处", "", ""},
        {"w-no-login", "", Role::worker, "王丽", "u-1", "330802-0117"},  // GET /me has no login
    };
    for (const auto& account : accounts) {
        INFO(account.id);
        auto body = wire::encode_account(account);
        if (account.unit.empty()) CHECK_FALSE(body.contains("unit"));  // left out, as docs/api.md shows
        auto back = wire::decode_account(*wire::parse_json(sent(body)));
        REQUIRE(back);
        CHECK(back.value() == account);
    }
    CHECK(role_name(Role::organizer) == "organizer");
    CHECK(parse_role("secretariat") == Role::secretariat);
    CHECK_FALSE(parse_role("king"));
}

TEST_CASE("wire: the sign-in answer round-trips", "[wire]") {
    wire::SignInAnswer answer;
    answer.token = "kitCDFylUGGmVbaokP0gdToSzbLcEo4OdtXh-TXWYDI";
    answer.expires_at = at("2026-11-29T12:51:57Z");
    answer.account = {"w-u-qz-school2-1", "u-qz-school2-01", Role::worker, "衢州市第二中学职工1",
                      "u-qz-school2", "u-qz-school2-01"};
    auto body = wire::encode_sign_in_answer(answer);
    CHECK(body["token_type"] == "Bearer");
    CHECK(body["expires_at"] == "2026-11-29T12:51:57Z");
    auto back = wire::decode_sign_in_answer(sent(body));
    REQUIRE(back);
    CHECK(back.value() == answer);
}

TEST_CASE("wire: my place round-trips, waiting or offered", "[wire]") {
    wire::MyPlace waiting = waiting_place();
    auto back = wire::decode_my_place(*wire::parse_json(sent(wire::encode_my_place(waiting))));
    REQUIRE(back);
    CHECK(*back == waiting);

    wire::MyPlace offered = waiting;
    offered.place.state = PlaceState::offered;
    offered.place.offer_expires = at("2026-11-13T19:00:00Z");
    offered.waitlist_position = 0;  // an offered place is not in the queue
    auto body = wire::encode_my_place(offered);
    CHECK_FALSE(body.contains("waitlist_position"));
    auto offered_back = wire::decode_my_place(*wire::parse_json(sent(body)));
    REQUIRE(offered_back);
    CHECK(*offered_back == offered);
}

TEST_CASE("wire: a trip view carries the trip, its counts and my place", "[wire]") {
    GroupTrip trip = some_trip();
    wire::MyPlace mine = waiting_place();
    auto detail = wire::encode_trip_view(trip, some_counts(), &mine, true);
    auto decoded_trip = decode<GroupTrip>(detail, "");  // the trip's fields are the catalogue's
    REQUIRE(decoded_trip);
    CHECK(decoded_trip.value() == trip);
    CHECK(wire::decode_counts(detail["counts"])->units == some_counts().units);
    CHECK(*wire::decode_my_place(detail["my_place"]) == mine);

    auto listed = wire::encode_trip_view(trip, some_counts(), nullptr, false);
    CHECK_FALSE(listed.contains("places"));
    CHECK_FALSE(listed.contains("my_place"));
}

TEST_CASE("wire: my trips round-trip", "[wire]") {
    GroupTrip first = some_trip();
    GroupTrip second = some_trip();
    second.id = "g-hn-002";
    wire::MyPlace confirmed = waiting_place();
    confirmed.place.state = PlaceState::confirmed;
    confirmed.waitlist_position = 0;
    wire::MyPlace waiting = waiting_place();
    std::vector<nlohmann::json> views = {wire::encode_trip_view(first, some_counts(), &confirmed, false),
                                         wire::encode_trip_view(second, some_counts(), &waiting, false)};
    auto back = wire::decode_my_trips(sent(wire::encode_my_trips(views)));
    REQUIRE(back);
    CHECK(back.value() == std::vector<wire::TripPlace>{{"g-qz-001", confirmed}, {"g-hn-002", waiting}});

    auto none = wire::decode_my_trips(sent(wire::encode_my_trips({})));
    REQUIRE(none);
    CHECK(none.value().empty());
}

TEST_CASE("wire: the join answer round-trips, confirmed or waitlisted", "[wire]") {
    wire::JoinAnswer confirmed{"g-qz-001", "w-u-qz-school2-1", PlaceState::confirmed, 1011, 0, some_counts(), std::nullopt};
    auto body = wire::encode_join_answer(confirmed);
    CHECK_FALSE(body.contains("waitlist_position"));
    auto back = wire::decode_join_answer(sent(body));
    REQUIRE(back);
    CHECK(back.value().group == confirmed.group);
    CHECK(back.value().worker == confirmed.worker);
    CHECK(back.value().state == confirmed.state);
    CHECK(back.value().seq == confirmed.seq);
    REQUIRE(back.value().counts);
    CHECK(back.value().counts->confirmed == confirmed.counts->confirmed);
    CHECK(back.value().counts->units == confirmed.counts->units);

    wire::JoinAnswer waiting{"g-hn-002", "w-u-zz-metro-2", PlaceState::waitlisted, 1042, 3, some_counts(), std::nullopt};
    auto waiting_back = wire::decode_join_answer(sent(wire::encode_join_answer(waiting)));
    REQUIRE(waiting_back);
    CHECK(waiting_back.value().state == PlaceState::waitlisted);
    CHECK(waiting_back.value().waitlist_position == 3);
    CHECK(waiting_back.value().seq == 1042);
}

TEST_CASE("wire: the error body round-trips", "[wire]") {
    DomainError with_path{"missing_field", "缺少字段 reason", "missing field reason", "reason"};
    DomainError without_path{"group_full", "已满员", "full", ""};
    for (const auto& error : {with_path, without_path}) {
        INFO(error.code);
        auto body = wire::encode_error(error);
        CHECK(body.contains("path") == !error.path.empty());
        DomainError back = wire::decode_error(409, sent(body));
        CHECK(back.code == error.code);
        CHECK(back.message_zh == error.message_zh);
        CHECK(back.message_en == error.message_en);
        CHECK(back.path == error.path);
    }
}

TEST_CASE("wire: a bare status is named with the server's own codes", "[wire]") {
    // A status alone maps onto a code the endpoint itself answers with (core/error_codes.hpp),
    // the very one it uses for that status where it has one.
    for (int status : {400, 401, 403, 404, 405, 408, 409, 413, 415, 418, 422, 429, 431, 500, 502, 503, 504, 599}) {
        INFO(status);
        DomainError error = wire::status_error(status);
        INFO(error.code);
        const std::optional<int> declared = http_status_of(error.code);
        REQUIRE(declared);
        CHECK(*declared != 0);  // not one the app makes up
        if (status == 400 || status == 401 || status == 403 || status == 404 || status == 405 || status == 413 ||
            status == 415 || status == 429 || status == 431 || status == 500 || status == 503) {
            CHECK(*declared == status);
        }
        CHECK_FALSE(error.message_zh.empty());
        CHECK_FALSE(error.message_en.empty());
        // What is not an error body falls back to the status.
        CHECK(wire::decode_error(status, "<html>Bad Gateway</html>").code == error.code);
        CHECK(wire::decode_error(status, "").code == error.code);
    }
    CHECK(wire::status_error(502).message_zh.find("502") != std::string::npos);
}
