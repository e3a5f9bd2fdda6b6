// The unit union's desk in the core: the CSV writer (BOM, CRLF, quoting, formula
// injection), the roster a union or the secretariat sees, its CSV, the desk's permission
// rules, and the roster's wire shapes.
#include <catch2/catch.hpp>

#include "core/csv.hpp"
#include "core/dates.hpp"
#include "core/permissions.hpp"
#include "core/roster.hpp"
#include "core/wire.hpp"

using namespace liaoxiu;

namespace {

Instant at(const char* text) { return *parse_instant(text); }

Place place(const char* worker, const char* unit, PlaceState state, int seq, const char* since = "2026-11-11T02:05:00Z") {
    Place p;
    p.worker = worker;
    p.unit = unit;
    p.state = state;
    p.seq = seq;
    p.since = at(since);
    return p;
}

GroupTrip trip_with_places() {
    GroupTrip trip;
    trip.id = "g-1";
    trip.organizer_unit = "u-a";
    trip.places = {place("w-a1", "u-a", PlaceState::confirmed, 1), place("w-b1", "u-b", PlaceState::confirmed, 2),
                   place("w-a2", "u-a", PlaceState::withdrawn, 3), place("w-b2", "u-b", PlaceState::waitlisted, 4),
                   place("w-c1", "u-c", PlaceState::offered, 5), place("w-b3", "u-b", PlaceState::withdrawn, 6)};
    return trip;
}

const Actor kWorker{Role::worker, "w-a1", "u-a"};
const Actor kUnionA{Role::organizer, "o-a", "u-a"};
const Actor kUnionB{Role::organizer, "o-b", "u-b"};
const Actor kUnionD{Role::organizer, "o-d", "u-d"};
const Actor kSecretariat{Role::secretariat, "a-admin", ""};

const std::map<Id, RosterPerson> kPeople = {{"w-a1", {"张三", "A-001"}},
                                            {"w-a2", {"李四", "A-002"}},
                                            {"w-b1", {"王五", "B-001"}},
                                            {"w-b2", {"=1+1", "B-002"}},
                                            {"w-c1", {"赵六", "C-001"}}};
const std::vector<Unit> kUnits = {{"u-a", "二中", "泉州"}, {"u-b", "环卫处", "泉州"}, {"u-c", "医院", "泉州"}};

}  // namespace

TEST_CASE("csv: a field is quoted, its quotes doubled, Chinese and line breaks stay as they are", "[csv]") {
    CHECK(csv::field("张三") == "\"张三\"");
    CHECK(csv::field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv::field("a,b") == "\"a,b\"");
    CHECK(csv::field("line 1\nline 2") == "\"line 1\nline 2\"");
    CHECK(csv::field("") == "\"\"");
}

TEST_CASE("csv: a cell a spreadsheet would run as a formula is neutralised", "[csv]") {
    for (const char* text : {"=1+1", "+86 138", "-2", "@SUM(A1)", "\tx", "\rx"}) {
        INFO(text);
        CHECK(csv::looks_like_formula(text));
        CHECK(csv::field(text) == "\"'" + std::string(text) + "\"");
    }
    CHECK(!csv::looks_like_formula("1+1"));
    CHECK(!csv::looks_like_formula("张=三"));
    CHECK(csv::field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
}

TEST_CASE("csv: the document starts with the UTF-8 byte-order mark and ends rows with CRLF", "[csv]") {
    csv::Writer out;
    out.row({"姓名", "备注"});
    out.row({"张三", "a\r\nb"});
    const std::string& bytes = out.bytes();
    REQUIRE(bytes.size() > 3);
    CHECK(bytes.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(bytes == "\xEF\xBB\xBF\"姓名\",\"备注\"\r\n\"张三\",\"a\r\nb\"\r\n");
}

TEST_CASE("roster: a union sees its own workers by name and every other unit as counts", "[roster]") {
    const Roster roster = make_roster(trip_with_places(), kUnionA, kPeople, kUnits, {{3, "单位有任务"}});
    CHECK(roster.group == "g-1");
    REQUIRE(roster.workers.size() == 2);
    CHECK(roster.workers[0].name == "张三");
    CHECK(roster.workers[0].member_number == "A-001");
    CHECK(roster.workers[0].state == PlaceState::confirmed);
    CHECK(roster.workers[1].name == "李四");
    CHECK(roster.workers[1].state == PlaceState::withdrawn);
    CHECK(roster.workers[1].reason == "单位有任务");
    REQUIRE(roster.other_units.size() == 2);
    CHECK(roster.other_units[0] == RosterUnitCount{"u-b", "环卫处", 1, 1});  // b3's withdrawn place is not counted
    CHECK(roster.other_units[1] == RosterUnitCount{"u-c", "医院", 0, 1});    // offered counts as waiting
}

TEST_CASE("roster: the secretariat sees every worker, no counts", "[roster]") {
    const Roster roster = make_roster(trip_with_places(), kSecretariat, kPeople, kUnits, {});
    CHECK(roster.workers.size() == 6);
    CHECK(roster.other_units.empty());
}

TEST_CASE("roster: its CSV lists the held places of the workers shown, neutralised", "[roster][csv]") {
    const Roster roster = make_roster(trip_with_places(), kUnionB, kPeople, kUnits, {});
    const std::string bytes = roster_csv(roster, kUnits);
    CHECK(bytes.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(bytes ==
          "\xEF\xBB\xBF\"姓名\",\"工号\",\"单位\",\"状态\",\"报名时间\"\r\n"
          "\"王五\",\"B-001\",\"环卫处\",\"已确认\",\"2026-11-11 10:05\"\r\n"
          "\"'=1+1\",\"B-002\",\"环卫处\",\"候补\",\"2026-11-11 10:05\"\r\n");
    CHECK(roster_csv_name(roster) == "名单-g-1.csv");
}

TEST_CASE("roster: who may read it", "[roster][permissions]") {
    const GroupTrip trip = trip_with_places();
    CHECK(!roster_forbidden(kUnionA, &trip));      // organizing
    CHECK(!roster_forbidden(kUnionB, &trip));      // taking part
    CHECK(!roster_forbidden(kSecretariat, &trip));
    auto worker = roster_forbidden(kWorker, nullptr);
    REQUIRE(worker);
    CHECK(worker->code == "forbidden");
    auto stranger = roster_forbidden(kUnionD, &trip);
    REQUIRE(stranger);
    CHECK(stranger->message_zh == "本单位未参加该拼团，不能查看名单");
    CHECK(!roster_forbidden(kUnionD, nullptr));  // the trip decides that part
}

TEST_CASE("roster: a union whose unit's places were all withdrawn, lapsed or released no longer reads it",
          "[roster][permissions]") {
    GroupTrip trip = trip_with_places();
    // u-d's worker waits: u-d takes part.
    trip.places.push_back(place("w-d1", "u-d", PlaceState::waitlisted, 7));
    CHECK(!roster_forbidden(kUnionD, &trip));
    // Every way a place stops being held.
    for (PlaceState gone : {PlaceState::withdrawn, PlaceState::offer_expired, PlaceState::released}) {
        trip.places.back().state = gone;
        INFO(static_cast<int>(gone));
        auto refused = roster_forbidden(kUnionD, &trip);
        REQUIRE(refused);
        CHECK(refused->message_zh == "本单位未参加该拼团，不能查看名单");
    }
    // Offered again counts; the organizing union reads it whatever its own places are.
    trip.places.back().state = PlaceState::offered;
    CHECK(!roster_forbidden(kUnionD, &trip));
    for (auto& p : trip.places)
        if (p.unit == "u-a") p.state = PlaceState::withdrawn;
    CHECK(!roster_forbidden(kUnionA, &trip));
    CHECK(!roster_forbidden(kSecretariat, &trip));
}

TEST_CASE("desk permissions: adding a worker, a reason to free someone's place, listing a unit's workers",
          "[permissions]") {
    CHECK(!add_worker_forbidden(kUnionA, AccountRef{"w-a2", Role::worker, "u-a"}));
    CHECK(add_worker_forbidden(kUnionA, AccountRef{"w-b1", Role::worker, "u-b"}));
    CHECK(add_worker_forbidden(kUnionA, AccountRef{"o-a", Role::organizer, "u-a"}));
    CHECK(add_worker_forbidden(kWorker, AccountRef{"w-a2", Role::worker, "u-a"})->message_en ==
          "a worker can only join for themselves");
    CHECK(add_worker_forbidden(kSecretariat, AccountRef{"w-a2", Role::worker, "u-a"}));

    CHECK(!withdraw_reason_missing(kWorker, "w-a1", ""));  // one's own place
    auto missing = withdraw_reason_missing(kUnionA, "w-a1", " \n");
    REQUIRE(missing);
    CHECK(missing->code == "reason_required");
    CHECK(missing->path == "reason");
    CHECK(!withdraw_reason_missing(kUnionA, "w-a1", "单位有任务"));

    // A union frees its own workers' places on a trip another unit opened; not other units' workers.
    const GroupTrip trip = trip_with_places();
    CHECK(!withdraw_forbidden(kUnionB, "w-b1", &trip));
    CHECK(withdraw_forbidden(kUnionB, "w-c1", &trip));
    CHECK(!withdraw_forbidden(kUnionA, "w-c1", &trip));  // the organizing union, as before

    CHECK(!unit_workers_forbidden(kUnionA, "u-a"));
    CHECK(!unit_workers_forbidden(kSecretariat, "u-a"));
    CHECK(unit_workers_forbidden(kUnionB, "u-a"));
    CHECK(unit_workers_forbidden(kWorker, "u-a"));
}

TEST_CASE("roster: a unit takes part in a trip it opened or holds a place on", "[roster]") {
    const GroupTrip trip = trip_with_places();
    CHECK(unit_takes_part(trip, "u-a"));
    CHECK(unit_takes_part(trip, "u-c"));
    CHECK(!unit_takes_part(trip, "u-d"));
    GroupTrip only_withdrawn;
    only_withdrawn.organizer_unit = "u-x";
    only_withdrawn.places = {place("w-d1", "u-d", PlaceState::withdrawn, 1)};
    CHECK(!unit_takes_part(only_withdrawn, "u-d"));
    CHECK(!unit_takes_part(only_withdrawn, ""));
}

TEST_CASE("wire: the roster round-trips", "[wire][roster]") {
    const Roster roster = make_roster(trip_with_places(), kUnionA, kPeople, kUnits, {{3, "单位有任务"}});
    auto decoded = wire::decode_roster(wire::dump(wire::encode_roster(roster)));
    REQUIRE(decoded);
    CHECK(decoded.value() == roster);
    CHECK(!wire::decode_roster("<html>"));
    CHECK(!wire::decode_roster("{\"workers\":[]}"));  // no group
    // An entry without what it needs is skipped, the rest kept.
    auto partial = wire::decode_roster(R"({"group":"g-1","workers":[{"name":"x"},{"worker":"w-1","state":"confirmed"}],
                                          "other_units":[{"confirmed":2},{"unit":"u-b","confirmed":2}]})");
    REQUIRE(partial);
    CHECK(partial.value().workers.size() == 1);
    CHECK(partial.value().other_units.size() == 1);
}

TEST_CASE("wire: a unit's worker accounts round-trip, my place carries the reason", "[wire]") {
    std::vector<wire::Account> workers = {{"w-a1", "A-001", Role::worker, "张三", "u-a", "A-001"},
                                          {"w-a2", "A-002", Role::worker, "李四", "u-a", "A-002"}};
    auto decoded = wire::decode_unit_workers(wire::dump(wire::encode_unit_workers("u-a", workers)));
    REQUIRE(decoded);
    CHECK(decoded.value() == workers);
    CHECK(!wire::decode_unit_workers("{}"));

    wire::MyPlace mine;
    mine.place = place("w-a2", "u-a", PlaceState::withdrawn, 3);
    mine.reason = "单位有任务";
    auto back = wire::decode_my_place(wire::encode_my_place(mine));
    REQUIRE(back);
    CHECK(*back == mine);
}
