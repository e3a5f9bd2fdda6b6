#include <catch2/catch.hpp>

#include "core/catalogue_readings.hpp"
#include "core/json.hpp"
#include "core/pinyin.hpp"
#include "core/text_stream.hpp"
#include "core/rules.hpp"
#include "core_fixtures.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace liaoxiu;
using nlohmann::json;

namespace {

// A catalogue that uses every field, including the optional ones, in both forms.
Catalogue full_catalogue() {
    Catalogue c = fixtures::catalogue();
    GroupTrip g;
    g.id = "g-1";
    g.route = "r-qz-3d";
    g.organizer_unit = "u-org";
    g.departure = fixtures::day("2026-12-20");
    g.min_size = 2;
    g.max_size = 3;
    g.join_deadline = fixtures::at("2026-12-15T18:00:00+08:00");
    g.per_unit_cap = 2;
    g.state = GroupState::full;
    g.created = fixtures::now();
    g.places = {Place{"w-1", "u-org", PlaceState::confirmed, 1, fixtures::now(), {}, {}},
                Place{"w-2", "u-a", PlaceState::withdrawn, 2, fixtures::now() + 60, {}, {}},
                Place{"w-3", "u-b", PlaceState::offered, 3, fixtures::now() + 60, fixtures::now() + 86460, {}},
                Place{"w-4", "u-b", PlaceState::waitlisted, 4, fixtures::now() + 70, {}, {}}};
    c.groups.push_back(g);
    GroupTrip cancelled = g;
    cancelled.id = "g-2";
    cancelled.per_unit_cap.reset();
    cancelled.state = GroupState::cancelled;
    cancelled.cancel_reason = "天气原因";
    cancelled.places = {Place{"w-9", "u-a", PlaceState::released, 1, fixtures::now(), {}, {}}};
    c.groups.push_back(cancelled);
    c.members[4].status_reason = "消防检查未通过";
    return c;
}

json document() { return json(full_catalogue()); }

DomainError decode_error_of(const json& j) {
    auto r = decode_catalogue(j);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("encode → decode gives back an equal catalogue", "[json]") {
    const Catalogue original = full_catalogue();
    const json j = original;
    auto decoded = decode_catalogue(j);
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == original);

    auto reparsed = parse_catalogue(j.dump(2));
    REQUIRE(reparsed.ok());
    CHECK(reparsed.value() == original);

    // Equality is not trivially true: a change is seen.
    Catalogue changed = original;
    changed.groups[0].places[2].offer_expires.reset();
    CHECK_FALSE(decoded.value() == changed);
}

TEST_CASE("encoding uses names, dates, ISO times and integer fen", "[json]") {
    const json j = document();
    CHECK(j["format_version"] == kFormatVersion);
    CHECK(j["version"] == 7);
    CHECK(j["members"][0]["category"] == "reception");
    CHECK(j["members"][0]["status"] == "active");
    CHECK(j["members"][4]["status"] == "suspended");
    CHECK(j["members"][4]["status_since"] == "2026-06-01");
    CHECK_FALSE(j["members"][0].contains("status_since"));
    CHECK(j["members"][4]["status_reason"] == "消防检查未通过");
    CHECK_FALSE(j["members"][0].contains("status_reason"));  // none given: not written
    CHECK(j["members"][0]["admitted"] == "2025-03-01");
    CHECK(j["members"][0]["services"][0]["price"].is_number_integer());
    CHECK(j["routes"][0]["price"] == 128000);
    CHECK(j["routes"][0]["seasons"] == json::array({"spring", "autumn"}));
    CHECK(j["routes"][0]["itinerary"][1]["stops"][1]["kind"] == "wellness");
    CHECK(j["groups"][0]["departure"] == "2026-12-20");
    CHECK(j["groups"][0]["join_deadline"] == "2026-12-15T10:00:00Z");
    CHECK(j["groups"][0]["state"] == "full");
    CHECK(j["groups"][0]["places"][2]["state"] == "offered");
    CHECK(j["groups"][0]["places"][2]["offer_expires"] == "2026-12-02T02:01:00Z");
    CHECK_FALSE(j["groups"][0]["places"][0].contains("offer_expires"));
    CHECK(j["groups"][0]["per_unit_cap"] == 2);
    CHECK_FALSE(j["groups"][1].contains("per_unit_cap"));
    CHECK(j["groups"][1]["state"] == "cancelled");
    CHECK(j["groups"][1]["places"][0]["state"] == "released");
}

TEST_CASE("every enum name maps both ways", "[json]") {
    for (int i = 0; i < 4; ++i) CHECK(parse_category(enum_name(static_cast<Category>(i))) == static_cast<Category>(i));
    for (int i = 0; i < 3; ++i)
        CHECK(parse_member_status(enum_name(static_cast<MemberStatus>(i))) == static_cast<MemberStatus>(i));
    for (int i = 0; i < 5; ++i) CHECK(parse_stop_kind(enum_name(static_cast<StopKind>(i))) == static_cast<StopKind>(i));
    for (int i = 0; i < 4; ++i) CHECK(parse_season(enum_name(static_cast<Season>(i))) == static_cast<Season>(i));
    for (int i = 0; i < 6; ++i)
        CHECK(parse_group_state(enum_name(static_cast<GroupState>(i))) == static_cast<GroupState>(i));
    for (int i = 0; i < 6; ++i)
        CHECK(parse_place_state(enum_name(static_cast<PlaceState>(i))) == static_cast<PlaceState>(i));
    CHECK(enum_name(PlaceState::offer_expired) == "offer_expired");
    CHECK_FALSE(parse_category("Reception").has_value());
}

TEST_CASE("format_version must be present and not newer than ours", "[json]") {
    json j = document();
    j.erase("format_version");
    DomainError e = decode_error_of(j);
    CHECK(e.code == "missing_field");
    CHECK(e.path == "format_version");

    j["format_version"] = kFormatVersion + 1;
    e = decode_error_of(j);
    CHECK(e.code == "unsupported_format_version");
    CHECK(e.path == "format_version");

    j["format_version"] = 0;
    CHECK(decode_error_of(j).code == "bad_value");
    j["format_version"] = "1";
    CHECK(decode_error_of(j).code == "wrong_type");
}

TEST_CASE("a missing field names its path", "[json]") {
    json j = document();
    j["routes"][0]["itinerary"][1]["stops"][0].erase("note");
    const DomainError e = decode_error_of(j);
    CHECK(e.code == "missing_field");
    CHECK(e.path == "routes[0].itinerary[1].stops[0].note");
    CHECK(e.message_en == "routes[0].itinerary[1].stops[0].note: missing field");
    CHECK(e.message_zh.find("缺少字段") != std::string::npos);

    json k = document();
    k.erase("groups");
    CHECK(decode_error_of(k).path == "groups");
}

TEST_CASE("a wrong type names its path", "[json]") {
    struct Case {
        json::json_pointer where;
        json value;
        const char* path;
    };
    const Case cases[] = {
        {json::json_pointer("/members/2/name"), 5, "members[2].name"},
        {json::json_pointer("/routes/0/days"), "3", "routes[0].days"},
        {json::json_pointer("/routes/0/price"), 1280.5, "routes[0].price"},
        {json::json_pointer("/routes/0/themes"), "红色教育", "routes[0].themes"},
        {json::json_pointer("/routes/0/themes/1"), json::array(), "routes[0].themes[1]"},
        {json::json_pointer("/routes/0/itinerary/0"), json::array(), "routes[0].itinerary[0]"},
        {json::json_pointer("/groups/0/places/1/seq"), true, "groups[0].places[1].seq"},
        {json::json_pointer("/groups/0/per_unit_cap"), "2", "groups[0].per_unit_cap"},
        {json::json_pointer("/units"), json::object(), "units"},
        {json::json_pointer("/members/0/admitted"), 20000, "members[0].admitted"},
        {json::json_pointer("/alliances/0/id"), nullptr, "alliances[0].id"},
    };
    for (const Case& c : cases) {
        json j = document();
        j[c.where] = c.value;
        const DomainError e = decode_error_of(j);
        CHECK(e.code == "wrong_type");
        CHECK(e.path == c.path);
        CHECK(e.message_en.rfind(std::string(c.path) + ": expected ", 0) == 0);
    }
    CHECK(decode_error_of(json::array()).code == "wrong_type");
    CHECK(decode_error_of(json::array()).path.empty());
}

TEST_CASE("bad values are refused with their path", "[json]") {
    struct Case {
        json::json_pointer where;
        json value;
        const char* path;
    };
    const Case cases[] = {
        {json::json_pointer("/members/0/category"), "hotel", "members[0].category"},
        {json::json_pointer("/routes/0/seasons/0"), "monsoon", "routes[0].seasons[0]"},
        {json::json_pointer("/routes/0/itinerary/0/stops/0/kind"), "sleep", "routes[0].itinerary[0].stops[0].kind"},
        {json::json_pointer("/groups/0/state"), "half", "groups[0].state"},
        {json::json_pointer("/groups/0/departure"), "2026-02-30", "groups[0].departure"},
        {json::json_pointer("/groups/0/join_deadline"), "2026-12-15 18:00", "groups[0].join_deadline"},
        {json::json_pointer("/groups/0/places/2/offer_expires"), "tomorrow", "groups[0].places[2].offer_expires"},
        {json::json_pointer("/routes/0/days"), 4294967296LL, "routes[0].days"},
        {json::json_pointer("/routes/0/price"), 18446744073709551615ULL, "routes[0].price"},
    };
    for (const Case& c : cases) {
        json j = document();
        j[c.where] = c.value;
        const DomainError e = decode_error_of(j);
        CHECK(e.code == "bad_value");
        CHECK(e.path == c.path);
    }
}

TEST_CASE("unknown references are errors, each with its path", "[json]") {
    struct Case {
        json::json_pointer where;
        const char* path;
    };
    const Case cases[] = {
        {json::json_pointer("/routes/0/alliance"), "routes[0].alliance"},
        {json::json_pointer("/members/3/alliance"), "members[3].alliance"},
        {json::json_pointer("/units/2/alliance"), "units[2].alliance"},
        {json::json_pointer("/routes/0/itinerary/1/stops/1/member"), "routes[0].itinerary[1].stops[1].member"},
        {json::json_pointer("/groups/1/route"), "groups[1].route"},
        {json::json_pointer("/groups/0/organizer_unit"), "groups[0].organizer_unit"},
        {json::json_pointer("/groups/0/places/3/unit"), "groups[0].places[3].unit"},
    };
    for (const Case& c : cases) {
        json j = document();
        j[c.where] = "x-999";
        const DomainError e = decode_error_of(j);
        CHECK(e.code == "unknown_reference");
        CHECK(e.path == c.path);
        CHECK(e.message_en.find("\"x-999\"") != std::string::npos);
    }
    json j = document();
    j["routes"][0]["itinerary"][1]["stops"][1]["member"] = "m-999";
    CHECK(decode_error_of(j).message_en == "routes[0].itinerary[1].stops[1].member: unknown member id \"m-999\"");
}

TEST_CASE("duplicate ids are errors", "[json]") {
    for (const char* list : {"alliances", "members", "routes", "policies", "units", "groups"}) {
        json j = document();
        j[list].push_back(j[list][0]);
        const DomainError e = decode_error_of(j);
        CHECK(e.code == "duplicate_id");
        CHECK(e.path == std::string(list) + "[" + std::to_string(j[list].size() - 1) + "].id");
    }
}

TEST_CASE("unknown fields are ignored and optional fields may be absent or null", "[json]") {
    json j = document();
    j["published_by"] = "秘书处";
    j["routes"][0]["cover_image"] = {{"url", "x.png"}};
    j["groups"][0]["places"][2].erase("offer_expires");
    j["groups"][0]["per_unit_cap"] = nullptr;
    j["members"][4].erase("status_since");
    j["members"][4]["status_reason"] = nullptr;
    auto r = decode_catalogue(j);
    REQUIRE(r.ok());
    CHECK_FALSE(r.value().groups[0].places[2].offer_expires.has_value());
    CHECK_FALSE(r.value().groups[0].per_unit_cap.has_value());
    CHECK_FALSE(r.value().members[4].status_since.has_value());
    CHECK(r.value().members[4].status_reason.empty());
}

TEST_CASE("decode<T> reads request bodies on their own", "[json]") {
    const json body = {{"id", "g-new"},          {"route", "r-qz-3d"},    {"organizer_unit", "u-org"},
                       {"departure", "2026-12-20"}, {"min_size", 5},       {"max_size", 30},
                       {"join_deadline", "2026-12-15T18:00:00+08:00"}, {"note", "ignored"}};
    auto draft = decode<GroupDraft>(body, "");
    REQUIRE(draft.ok());
    CHECK(draft.value().departure == fixtures::day("2026-12-20"));
    CHECK(draft.value().join_deadline == fixtures::at("2026-12-15T10:00:00Z"));
    CHECK_FALSE(draft.value().per_unit_cap.has_value());
    CHECK(json(draft.value())["join_deadline"] == "2026-12-15T10:00:00Z");

    auto worker = decode<Worker>(json{{"id", "w-1"}}, "body");
    REQUIRE_FALSE(worker.ok());
    CHECK(worker.error().path == "body.unit");

    auto route = decode<Route>(json(fixtures::route()), "route");
    REQUIRE(route.ok());
    CHECK(route.value() == fixtures::route());
    auto kind = decode<StopKind>(json("wellness"), "kind");
    REQUIRE(kind.ok());
    CHECK(kind.value() == StopKind::wellness);
}

TEST_CASE("text that is not JSON is bad_json", "[json]") {
    for (std::string_view text : {std::string_view(""), std::string_view("{"), std::string_view("{\"format_version\": 1,}"),
                                   std::string_view("nul"), std::string_view("{} {}"), std::string_view("\xff"),
                                   std::string_view("{}\0", 3)}) {
        auto r = parse_catalogue(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "bad_json");
        CHECK_FALSE(r.error().message_zh.empty());
    }
    CHECK(parse_catalogue("{\"format_version\": 1}").error().code == "missing_field");
}

TEST_CASE("a DomainError encodes with its path and severity", "[json]") {
    const json plain = DomainError{"deadline_passed", "报名已截止", "the join deadline has passed", ""};
    CHECK(plain == json{{"code", "deadline_passed"}, {"message_zh", "报名已截止"},
                        {"message_en", "the join deadline has passed"}});
    const json warning = DomainError{"member_not_active", "z", "e", "routes[0]", Severity::warning};
    CHECK(warning["path"] == "routes[0]");
    CHECK(warning["severity"] == "warning");
}

TEST_CASE("the demo catalogue decodes and has no errors", "[json][demo]") {
    const std::string text = read_text(std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json");
    REQUIRE_FALSE(text.empty());
    auto r = parse_catalogue(text);
    INFO((r ? std::string() : r.error().message_en));
    REQUIRE(r.ok());
    const auto problems = validate_catalogue(r.value());
    for (const auto& p : problems) INFO(p.message_en);
    CHECK_FALSE(has_errors(problems));
    CHECK(decode_catalogue(json(r.value())).value() == r.value());
}

TEST_CASE("a catalogue document carries the readings of the characters its texts use", "[json][pinyin]") {
    Catalogue original = full_catalogue();
    original.groups[1].cancel_reason = "龘";  // a group's text: never spelled, so not carried
    const json j = original;
    REQUIRE(j.contains("readings"));
    const std::string readings = j["readings"].get<std::string>();
    CHECK(readings == catalogue_readings(original));
    // Exactly the characters of its alliances, members, routes and units, each once, in
    // codepoint order: what the server collects from the same records' stored text.
    std::string text;
    for (const char* kind : {"alliances", "members", "routes", "units"}) text += j[kind].dump();
    CHECK(readings == readings_text(codepoints_with_readings(text)));
    CHECK(readings.find("龘") == std::string::npos);
    CHECK(readings.find("衢qu") != std::string::npos);

    // The streamed writer writes the same text as the tree.
    StringSink sink;
    REQUIRE(write_catalogue(original, sink));
    CHECK(sink.text == j.dump(-1, ' ', false, json::error_handler_t::replace));

    // Round trip on a client without a table: decoding learns what the encoder wrote.
    forget_learned_pinyin_readings();
    {
        const IgnoreBuiltinPinyinForTest no_table;
        auto decoded = parse_catalogue(sink.text);
        REQUIRE(decoded.ok());
        CHECK(decoded.value() == original);
        CHECK(catalogue_readings(decoded.value()) == readings);  // re-encoded (the cache) with what it learned
    }
    forget_learned_pinyin_readings();
}

TEST_CASE("a delta carries the readings of the characters it brings", "[json][pinyin]") {
    Catalogue delta;
    delta.version = 42;
    Route route = fixtures::catalogue().routes.front();
    route.id = "r-cq";
    route.title = "重庆山城";
    route.region = "";
    route.themes = {};
    route.cities = {"重庆"};
    delta.routes.push_back(route);
    const json j = delta;
    const std::string readings = j["readings"].get<std::string>();
    CHECK(readings.find("重zhong chong") != std::string::npos);
    CHECK(readings.find("庆qing") != std::string::npos);
    CHECK(readings == catalogue_readings(delta));

    forget_learned_pinyin_readings();
    {
        const IgnoreBuiltinPinyinForTest no_table;
        CHECK(to_pinyin_initials("重庆") == "");
        auto decoded = decode<Catalogue>(json::parse(j.dump()), "");
        REQUIRE(decoded.ok());
        CHECK(spell_pinyin_all("重庆").size() == 2);
        CHECK(spell_pinyin_all("重庆")[1].spelling.full == "chongqing");

        // A readings field that is not a text is ignored, as any field that only adds detail.
        json odd = j;
        odd["readings"] = 7;
        CHECK(decode<Catalogue>(odd, "").ok());
    }
    forget_learned_pinyin_readings();
}

TEST_CASE("the demo catalogue (bundled into dist/) carries its readings, as the server would", "[json][pinyin][demo]") {
    // Written by tools/pinyin/catalogue_readings.py (also run by tools/demo/make_catalogue.py).
    const std::string text = read_text(std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json");
    const json j = json::parse(text);
    REQUIRE(j.contains("readings"));
    auto decoded = parse_catalogue(text);
    REQUIRE(decoded.ok());
    INFO("run tools/pinyin/catalogue_readings.py to refresh them");
    CHECK(j["readings"].get<std::string>() == catalogue_readings(decoded.value()));
}
