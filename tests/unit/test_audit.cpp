// The audit trail's rules (core/audit.hpp) and its wire shapes (core/wire.hpp): the
// filters the endpoint and the desk both check, what counts as a change, and every
// shape coming back equal through the client's decoder.
#include <catch2/catch.hpp>

#include "core/audit.hpp"
#include "core/dates.hpp"
#include "core/wire.hpp"

#include <nlohmann/json.hpp>

using namespace liaoxiu;

namespace {

Instant at(const char* text) { return *parse_instant(text); }

AuditEntry some_entry() {
    AuditEntry entry;
    entry.seq = 42;
    entry.at = at("2026-12-06T03:04:05Z");
    entry.actor = "o-u-qz-school2";
    entry.actor_role = Role::organizer;
    entry.actor_name = "泉州二中工会";
    entry.actor_unit = "u-qz-school2";
    entry.action = "group.cancel";
    entry.entity = "group";
    entry.entity_id = "g-qz-001";
    entry.reason = "酒店停业整顿";
    entry.change = {{"cancel_reason", std::nullopt, "\"酒店停业整顿\""},
                    {"max_size", "30", "30"},
                    {"routes", "[\"r-1\"]", std::nullopt},
                    {"state", "\"open\"", "\"cancelled\""}};
    return entry;
}

// A query with one parameter (or two) set: the others absent.
AuditQueryText with(std::optional<std::string> AuditQueryText::*field, std::string value,
                    std::optional<std::string> AuditQueryText::*second = nullptr, std::string second_value = {}) {
    AuditQueryText text;
    text.*field = std::move(value);
    if (second) text.*second = std::move(second_value);
    return text;
}

std::string error_path(const AuditQueryText& text) {
    auto query = parse_audit_query(text);
    REQUIRE_FALSE(query);
    CHECK(query.error().code == "bad_value");
    return query.error().path;
}

}  // namespace

TEST_CASE("audit actions: the known names and their domains", "[audit]") {
    CHECK(is_audit_action("member.suspend"));
    CHECK(is_audit_action("personal.read"));
    CHECK_FALSE(is_audit_action("member"));
    CHECK_FALSE(is_audit_action("member.delete"));
    CHECK(is_audit_domain("member"));
    CHECK(is_audit_domain("place"));
    CHECK_FALSE(is_audit_domain("memb"));
    CHECK_FALSE(is_audit_domain(""));
    CHECK_FALSE(is_audit_domain("member.suspend"));
}

TEST_CASE("audit query: defaults, every filter, and the parameter named in each refusal", "[audit]") {
    auto plain = parse_audit_query({});
    REQUIRE(plain);
    CHECK(plain.value() == AuditQuery{});
    CHECK(plain.value().limit == 100);

    AuditQueryText text;
    text.actor = "a-admin";
    text.action = "member";
    text.entity = "m-qz-hotspring";
    text.from = "2026-12-01";
    text.to = "2026-12-06";
    text.limit = "500";
    text.offset = "20";
    auto query = parse_audit_query(text);
    REQUIRE(query);
    CHECK(query.value().actor == std::optional<Id>("a-admin"));
    CHECK(query.value().action == std::optional<std::string>("member"));
    CHECK(query.value().entity == std::optional<Id>("m-qz-hotspring"));
    CHECK(query.value().from == at("2026-11-30T16:00:00Z"));  // 00:00 in China
    CHECK(query.value().to == at("2026-12-06T15:59:59Z"));    // the whole last day
    CHECK(query.value().limit == 500);
    CHECK(query.value().offset == 20);

    // An instant is taken as it is, with its offset; empty texts are no filter.
    AuditQueryText instants;
    instants.from = "2026-12-06T08:00:00Z";
    instants.to = "2026-12-06T17:00:00+08:00";
    instants.actor = "";
    auto exact = parse_audit_query(instants);
    REQUIRE(exact);
    CHECK(exact.value().from == at("2026-12-06T08:00:00Z"));
    CHECK(exact.value().to == at("2026-12-06T09:00:00Z"));
    CHECK_FALSE(exact.value().actor);
    // 09:00 in China is 01:00Z: before the start.
    instants.to = "2026-12-06T09:00:00+08:00";
    CHECK(error_path(instants) == "to");

    CHECK(error_path(with(&AuditQueryText::limit, "501")) == "limit");
    CHECK(error_path(with(&AuditQueryText::limit, "0")) == "limit");
    CHECK(error_path(with(&AuditQueryText::limit, "1e2")) == "limit");
    CHECK(error_path(with(&AuditQueryText::offset, "-1")) == "offset");
    CHECK(error_path(with(&AuditQueryText::offset, "x")) == "offset");
    CHECK(error_path(with(&AuditQueryText::action, "member.delete")) == "action");
    CHECK(error_path(with(&AuditQueryText::actor, "a admin")) == "actor");
    CHECK(error_path(with(&AuditQueryText::entity, "成员")) == "entity");
    CHECK(error_path(with(&AuditQueryText::from, "2026-02-30")) == "from");
    CHECK(error_path(with(&AuditQueryText::to, "tomorrow")) == "to");
    CHECK(error_path(with(&AuditQueryText::from, "2026-12-06", &AuditQueryText::to, "2026-12-05")) == "to");
    auto refusal = parse_audit_query(with(&AuditQueryText::limit, "501"));
    CHECK(refusal.error().message_en.find("limit") != std::string::npos);
    CHECK(refusal.error().message_zh.find("limit") != std::string::npos);
}

TEST_CASE("audit query: the URL form reads back to the same query", "[audit]") {
    AuditQuery query;
    CHECK(audit_query_string(query) == "limit=100&offset=0");
    query.actor = "a-admin";
    query.action = "group.cancel";
    query.entity = "g-1";
    query.from = at("2026-11-30T16:00:00Z");
    query.to = at("2026-12-06T15:59:59Z");
    query.limit = 50;
    query.offset = 100;
    std::string text = audit_query_string(query);
    CHECK(text == "actor=a-admin&action=group.cancel&entity=g-1&from=2026-11-30T16:00:00Z&to=2026-12-06T15:59:59Z"
                  "&limit=50&offset=100");
    AuditQueryText back;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('&', start);
        if (end == std::string::npos) end = text.size();
        std::string pair = text.substr(start, end - start);
        std::string name = pair.substr(0, pair.find('='));
        std::string value = pair.substr(pair.find('=') + 1);
        if (name == "actor") back.actor = value;
        if (name == "action") back.action = value;
        if (name == "entity") back.entity = value;
        if (name == "from") back.from = value;
        if (name == "to") back.to = value;
        if (name == "limit") back.limit = value;
        if (name == "offset") back.offset = value;
        start = end + 1;
    }
    auto parsed = parse_audit_query(back);
    REQUIRE(parsed);
    CHECK(parsed.value() == query);
}

TEST_CASE("audit change: only the fields that differ, before and after", "[audit][wire]") {
    nlohmann::json before = {{"name", "温泉"}, {"status", "active"}, {"phone", "0595-1"}, {"old", 1}};
    nlohmann::json after = {{"name", "温泉"}, {"status", "suspended"}, {"phone", "0595-1"}, {"status_since", "2026-12-06"}};
    auto change = wire::audit_change(before, after);
    CHECK(change == nlohmann::json{{"before", {{"status", "active"}, {"old", 1}}},
                                   {"after", {{"status", "suspended"}, {"status_since", "2026-12-06"}}}});
    auto created = wire::audit_change(nullptr, after);
    CHECK(created["before"].empty());
    CHECK(created["after"] == after);
    CHECK(wire::audit_change(before, before) == nlohmann::json{{"before", nlohmann::json::object()},
                                                               {"after", nlohmann::json::object()}});

    auto fields = wire::decode_audit_change(change);
    REQUIRE(fields.size() == 3);
    CHECK(fields[0] == AuditFieldChange{"old", "1", std::nullopt});
    CHECK(fields[1] == AuditFieldChange{"status", "\"active\"", "\"suspended\""});
    CHECK(fields[2] == AuditFieldChange{"status_since", std::nullopt, "\"2026-12-06\""});
    CHECK(wire::encode_audit_change(fields) == change);
    CHECK(wire::decode_audit_change(nlohmann::json("not a change")).empty());

    CHECK(audit_value_text("\"suspended\"") == "suspended");
    CHECK(audit_value_text("\"引号\\\"里\"") == "引号\"里");
    CHECK(audit_value_text("30") == "30");
    CHECK(audit_value_text("[\"r-1\",\"r-2\"]") == "[\"r-1\",\"r-2\"]");
    CHECK(audit_value_text("null") == "null");
}

TEST_CASE("wire: an audit entry and a page of them survive the trip through text", "[audit][wire]") {
    AuditEntry entry = some_entry();
    auto text = wire::dump(wire::encode_audit_entry(entry));
    auto back = wire::decode_audit_entry(*wire::parse_json(text));
    REQUIRE(back);
    CHECK(back.value() == entry);
    CHECK(nlohmann::json::parse(text)["at"] == "2026-12-06T03:04:05Z");
    CHECK(nlohmann::json::parse(text)["actor_role"] == "organizer");

    AuditEntry secretariat;
    secretariat.seq = 1;
    secretariat.at = at("2026-12-01T00:00:00Z");
    secretariat.actor = "a-admin";
    secretariat.action = "member.admit";
    AuditPage page{{entry, secretariat}, 2, 4, 17};
    auto decoded = wire::decode_audit_page(wire::dump(wire::encode_audit_page(page)));
    REQUIRE(decoded);
    CHECK(decoded.value() == page);

    AuditPage empty;
    auto none = wire::decode_audit_page(wire::dump(wire::encode_audit_page(empty)));
    REQUIRE(none);
    CHECK(none.value() == empty);
}

TEST_CASE("wire: audit answers that cannot be read are refused as bad answers", "[audit][wire]") {
    CHECK(wire::decode_audit_page("<html>").error().code == "bad_answer");
    CHECK(wire::decode_audit_page(R"({"entries":[]})").error().code == "bad_answer");
    CHECK(wire::decode_audit_page(R"({"entries":{},"total":0})").error().code == "bad_answer");
    nlohmann::json entry = wire::encode_audit_entry(some_entry());
    for (const char* required : {"seq", "at", "actor", "actor_role", "action"}) {
        nlohmann::json cut = entry;
        cut.erase(required);
        INFO(required);
        CHECK_FALSE(wire::decode_audit_entry(cut));
    }
    entry["actor_role"] = "king";
    CHECK_FALSE(wire::decode_audit_entry(entry));
    // Fields that only add detail may be missing.
    nlohmann::json lean = {{"seq", 3}, {"at", "2026-12-06T00:00:00Z"}, {"actor", "a-admin"},
                           {"actor_role", "secretariat"}, {"action", "route.create"}};
    auto read = wire::decode_audit_entry(lean);
    REQUIRE(read);
    CHECK(read.value().change.empty());
    CHECK(read.value().reason.empty());
}
