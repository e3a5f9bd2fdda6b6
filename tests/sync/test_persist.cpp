#include <catch2/catch.hpp>

#include "core/json.hpp"
#include "demo_files.hpp"
#include "sync/catalogue_merge.hpp"
#include "sync/persist.hpp"
#include "sync/storage.hpp"

#include <string>
#include <vector>

using namespace liaoxiu;
using namespace liaoxiu::sync;

TEST_CASE("the outbox round-trips through storage text, and damaged entries are skipped", "[sync][persist]") {
    PendingAction join;
    join.idempotency_key = "0123456789abcdef0123456789abcdef";
    join.kind = PendingAction::Kind::join;
    join.group = "g-qz-001";
    join.attempts = 3;
    join.next_attempt = 1800000000;
    join.created = 1799999000;
    PendingAction open;
    open.idempotency_key = "k2";
    open.kind = PendingAction::Kind::open_group;
    open.group = "g-new";
    GroupDraft draft;
    draft.id = "g-new";
    draft.route = "r-1";
    draft.organizer_unit = "u-1";
    draft.departure = 21000;
    draft.min_size = 2;
    draft.max_size = 9;
    draft.join_deadline = 1800000000;
    draft.per_unit_cap = 4;
    open.draft = draft;
    PendingAction cancel;
    cancel.idempotency_key = "k3";
    cancel.kind = PendingAction::Kind::cancel_group;
    cancel.group = "g-qz-002";
    cancel.reason = "天气原因";

    auto decoded = decode_outbox(encode_outbox({join, open, cancel}));
    REQUIRE(decoded.size() == 3);
    CHECK(decoded[0].idempotency_key == join.idempotency_key);
    CHECK(decoded[0].kind == PendingAction::Kind::join);
    CHECK(decoded[0].attempts == 3);
    CHECK(decoded[0].next_attempt == join.next_attempt);
    CHECK(decoded[0].created == join.created);
    REQUIRE(decoded[1].draft);
    CHECK(decoded[1].draft->per_unit_cap == 4);
    CHECK(decoded[1].draft->join_deadline == draft.join_deadline);
    CHECK(decoded[2].reason == "天气原因");

    auto damaged = decode_outbox(R"([{"key":"a","kind":"join","group":"g-1"}, 7, {"key":"b","kind":"explode","group":"g"},
        {"kind":"join","group":"g-2"}, {"key":"c","kind":"open_group","group":"g-3"},
        {"key":"d","kind":"withdraw","group":"g-4","attempts":"many"}])");
    REQUIRE(damaged.size() == 2);
    CHECK(damaged[0].idempotency_key == "a");
    CHECK(damaged[1].idempotency_key == "d");
    CHECK(damaged[1].attempts == 0);
    CHECK(decode_outbox("not json").empty());
    CHECK(decode_outbox("{}").empty());
}

TEST_CASE("a stored session round-trips, without a token it is nothing", "[sync][persist]") {
    StoredSession stored;
    stored.token = "secret-token";
    stored.session.id = "w-u-1-1";
    stored.session.role = Role::worker;
    stored.session.display_name = "职工1";
    stored.session.unit = "u-1";
    stored.session.login = "u-1-01";
    stored.session.member_number = "u-1-01";
    stored.my_trips = {MyTrip{"g-1", PlaceState::waitlisted, 3, std::nullopt, {}}};
    stored.my_trips_loaded = true;
    auto back = decode_session(encode_session(stored));
    REQUIRE(back);
    CHECK(back->token == "secret-token");
    CHECK(back->session.id == "w-u-1-1");
    CHECK(back->session.account == "u-1-01");
    CHECK(back->session.unit == "u-1");
    REQUIRE(back->my_trips.size() == 1);
    CHECK(back->my_trips[0].waitlist_position == 3);
    CHECK(back->my_trips_loaded);

    stored.token.clear();
    CHECK_FALSE(decode_session(encode_session(stored)));
    CHECK_FALSE(decode_session(R"({"token":"t","account":{"id":"x","role":"emperor"}})"));
}

TEST_CASE("a delta replaces changed entities by id and adds new ones", "[sync][persist]") {
    auto parsed = parse_catalogue(sync_test::demo_catalogue_text());
    REQUIRE(parsed);
    Catalogue base = parsed.value();
    Catalogue delta;
    delta.version = base.version + 5;
    GroupTrip changed = base.groups.front();
    changed.state = GroupState::cancelled;
    changed.cancel_reason = "测试";
    delta.groups.push_back(changed);
    Policy added;
    added.id = "p-new";
    added.title = "新政策";
    delta.policies.push_back(added);
    delta.routes.push_back(base.routes.front());  // unchanged: not counted

    Catalogue merged = base;
    CHECK(sync::merge_delta(merged, Catalogue(delta)) == 2);
    CHECK(merged.version == delta.version);
    CHECK(merged.groups.size() == base.groups.size());
    CHECK(merged.groups.front().state == GroupState::cancelled);
    CHECK(merged.policies.size() == base.policies.size() + 1);
    CHECK(merged.policies.back().id == "p-new");
    CHECK(merged.routes == base.routes);
}

TEST_CASE("a cached catalogue that is damaged is not used", "[sync][persist]") {
    auto parsed = parse_catalogue(sync_test::demo_catalogue_text());
    REQUIRE(parsed);
    CachedCatalogue cached{parsed.value(), {true, "W/\"c1\"", "api/v1/catalogue", 1800000000}};
    std::string text = encode_cached_catalogue(cached);
    auto back = decode_cached_catalogue(text);
    REQUIRE(back);
    CHECK(back->catalogue == parsed.value());
    CHECK(back->stamp.etag == "W/\"c1\"");
    CHECK(back->stamp.from_endpoint);
    CHECK_FALSE(decode_cached_catalogue(text.substr(0, text.size() / 2)));
    CHECK_FALSE(decode_cached_catalogue(R"({"catalogue": {"format_version": 99}})"));
}

TEST_CASE("a cached catalogue is written in pieces, as earlier versions stored it whole", "[sync][persist]") {
    auto parsed = parse_catalogue(sync_test::demo_catalogue_text());
    REQUIRE(parsed);
    const CacheStamp stamp{true, "W/\"c2\"", "api/v1/catalogue", 1800000000};
    // What the tree of it dumped (the format stored by earlier versions, still read).
    const nlohmann::json tree = {{"from_endpoint", stamp.from_endpoint}, {"etag", stamp.etag},
                                 {"etag_url", stamp.etag_url}, {"synced_at", stamp.synced_at},
                                 {"catalogue", parsed.value()}};
    struct Pieces final : TextSink {
        std::vector<std::string> pieces;
        bool write(std::string_view piece) override {
            pieces.emplace_back(piece);
            return true;
        }
    } pieces;
    REQUIRE(write_cached_catalogue(parsed.value(), stamp, pieces));
    std::string joined;
    for (const std::string& piece : pieces.pieces) joined += piece;
    CHECK(joined == tree.dump());
    CHECK(pieces.pieces.size() > parsed.value().routes.size());  // an element at a time, not one string

    SECTION("a sink that refuses stops the writer, and storage keeps nothing") {
        struct Refusing final : TextSink {
            std::size_t room = 1000;
            bool write(std::string_view piece) override {
                if (piece.size() > room) return false;
                room -= piece.size();
                return true;
            }
        } refusing;
        CHECK_FALSE(write_cached_catalogue(parsed.value(), stamp, refusing));
        MemoryStorage storage;
        CHECK_FALSE(storage.put_streamed("k", [&](TextSink& out) { return write_cached_catalogue(parsed.value(), stamp, refusing) && out.write("x"); }));
        CHECK(storage.values().empty());
    }
}
