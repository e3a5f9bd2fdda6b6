// Who may act on a group trip: the one rule the endpoint, the app's outbox and the screens ask.
#include <catch2/catch.hpp>

#include "core/permissions.hpp"

using namespace liaoxiu;

namespace {

GroupTrip trip_of(const char* organizer_unit) {
    GroupTrip trip;
    trip.id = "g-1";
    trip.organizer_unit = organizer_unit;
    return trip;
}

const Actor kWorker{Role::worker, "w-1", "u-a"};
const Actor kOwnUnion{Role::organizer, "o-a", "u-a"};
const Actor kOtherUnion{Role::organizer, "o-b", "u-b"};
const Actor kSecretariat{Role::secretariat, "a-admin", ""};

}  // namespace

TEST_CASE("role names are the JSON/SQL names and parse back", "[permissions]") {
    for (Role role : {Role::worker, Role::organizer, Role::secretariat}) CHECK(parse_role(role_name(role)) == role);
    CHECK(role_name(Role::organizer) == "organizer");
    CHECK(!parse_role("admin"));
    CHECK(!parse_role(""));
}

TEST_CASE("the organizing union and the secretariat manage a trip, nobody else", "[permissions]") {
    const GroupTrip trip = trip_of("u-a");
    CHECK(manages_group(kOwnUnion, trip));
    CHECK(manages_group(kSecretariat, trip));
    CHECK(!manages_group(kOtherUnion, trip));
    CHECK(!manages_group(kWorker, trip));  // even a worker of the organizing unit
}

TEST_CASE("cancelling: the organizing union and the secretariat, a worker is told why not", "[permissions]") {
    const GroupTrip trip = trip_of("u-a");
    CHECK(!cancel_forbidden(kOwnUnion, &trip));
    CHECK(!cancel_forbidden(kSecretariat, &trip));
    auto other = cancel_forbidden(kOtherUnion, &trip);
    REQUIRE(other);
    CHECK(other->code == "forbidden");
    auto worker = cancel_forbidden(kWorker, &trip);
    REQUIRE(worker);
    CHECK(worker->message_zh.find("职工不能取消拼团") != std::string::npos);
    // Before the trip is read only the role decides.
    CHECK(cancel_forbidden(kWorker, nullptr));
    CHECK(!cancel_forbidden(kOtherUnion, nullptr));
    CHECK(!cancel_forbidden(kSecretariat, nullptr));
}

TEST_CASE("opening a group: a union, for its own unit only", "[permissions]") {
    CHECK(!open_group_forbidden(kOwnUnion, "u-a"));
    auto other_unit = open_group_forbidden(kOwnUnion, "u-b");
    REQUIRE(other_unit);
    CHECK(other_unit->path == "organizer_unit");
    CHECK(open_group_forbidden(kWorker, "u-a"));
    CHECK(open_group_forbidden(kSecretariat, ""));
}

TEST_CASE("joining and accepting an offered place: workers only", "[permissions]") {
    CHECK(!join_forbidden(kWorker));
    CHECK(join_forbidden(kOwnUnion));
    CHECK(join_forbidden(kSecretariat));
    CHECK(!accept_offer_forbidden(kWorker));
    CHECK(accept_offer_forbidden(kOwnUnion));
    CHECK(accept_offer_forbidden(kSecretariat));
}

TEST_CASE("withdrawing: a worker their own place, whoever manages the trip anyone's", "[permissions]") {
    const GroupTrip trip = trip_of("u-a");
    CHECK(!withdraw_forbidden(kWorker, "w-1", &trip));
    auto other = withdraw_forbidden(kWorker, "w-2", nullptr);
    REQUIRE(other);
    CHECK(other->message_en == "a worker can only withdraw their own place");
    CHECK(withdraw_forbidden(kOwnUnion, "o-a", &trip));  // a union holds no place of its own
    CHECK(!withdraw_forbidden(kOwnUnion, "w-1", &trip));
    CHECK(!withdraw_forbidden(kSecretariat, "w-1", &trip));
    CHECK(withdraw_forbidden(kOtherUnion, "w-1", &trip));
    CHECK(!withdraw_forbidden(kOtherUnion, "w-1", nullptr));  // the trip decides that part
}

TEST_CASE("creating accounts: the secretariat any, a union its own unit's workers", "[permissions]") {
    CHECK(!create_account_forbidden(kSecretariat, Role::organizer, "u-b"));
    CHECK(!create_account_forbidden(kOwnUnion, Role::worker, "u-a"));
    CHECK(create_account_forbidden(kOwnUnion, Role::worker, "u-b"));
    CHECK(create_account_forbidden(kOwnUnion, Role::organizer, "u-a"));
    CHECK(create_account_forbidden(kWorker, Role::worker, "u-a"));
}

TEST_CASE("whose worker ids are shown: a worker their own, a union its own unit's, the secretariat all",
          "[permissions]") {
    GroupTrip trip = trip_of("u-a");  // opened by u-a's union
    trip.places = {Place{"w-1", "u-a", PlaceState::confirmed, 1, 0, {}, {}},
                   Place{"w-2", "u-a", PlaceState::withdrawn, 2, 0, {}, {}},
                   Place{"w-9", "u-b", PlaceState::waitlisted, 3, 0, {}, {}}};
    auto ids = [&](const Actor* by) {
        std::vector<std::string> out;
        for (const auto& place : places_seen_by(trip, by).places) out.push_back(place.worker.str());
        return out;
    };
    using Ids = std::vector<std::string>;
    CHECK(ids(&kWorker) == Ids{"w-1", "", ""});
    CHECK(ids(&kOwnUnion) == Ids{"w-1", "w-2", ""});  // the organizing union: not another unit's worker
    CHECK(ids(&kOtherUnion) == Ids{"", "", "w-9"});   // a unit taking part: its own worker
    CHECK(ids(&kSecretariat) == Ids{"w-1", "w-2", "w-9"});
    CHECK(ids(nullptr) == Ids{"", "", ""});
    // Everything but the ids is as it was.
    const GroupTrip shown = places_seen_by(trip, &kWorker);
    CHECK(shown.places.size() == 3);
    CHECK(shown.places[2].unit == "u-b");
    CHECK(shown.places[2].state == PlaceState::waitlisted);
    // An actor without an account or unit sees no one by accident.
    const Actor blank_union{Role::organizer, "o-x", ""};
    CHECK(!sees_worker(blank_union, Place{"w-4", "", PlaceState::confirmed, 4, 0, {}, {}}));
    const Actor blank_worker{Role::worker, "", "u-a"};
    CHECK(!sees_worker(blank_worker, Place{"", "u-a", PlaceState::confirmed, 5, 0, {}, {}}));
}
