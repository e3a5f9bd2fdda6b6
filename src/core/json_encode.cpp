// Model → JSON. The field order follows the model so documents diff readably.
#include "core/catalogue_readings.hpp"
#include "core/dates.hpp"
#include "core/json.hpp"

#include <array>
#include <utility>

namespace liaoxiu {
namespace {

using nlohmann::json;

template <class Enum, std::size_t N>
std::string_view name_in(const std::array<std::string_view, N>& names, Enum value) {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view{};
}

template <class Enum, std::size_t N>
std::optional<Enum> parse_in(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return static_cast<Enum>(i);
    return std::nullopt;
}

// Names in declaration order of each enum (model.hpp).
constexpr std::array<std::string_view, 4> kCategoryNames{"reception", "experience", "wellness", "support"};
constexpr std::array<std::string_view, 3> kMemberStatusNames{"active", "suspended", "exited"};
constexpr std::array<std::string_view, 5> kStopKindNames{"eat", "stay", "travel", "tour", "wellness"};
constexpr std::array<std::string_view, 4> kSeasonNames{"spring", "summer", "autumn", "winter"};
constexpr std::array<std::string_view, 6> kGroupStateNames{"open", "formed", "full", "locked", "expired", "cancelled"};
constexpr std::array<std::string_view, 9> kPlaceStateNames{"confirmed",        "waitlisted", "offered",
                                                           "withdrawn",        "offer_expired", "released",
                                                           "pending_approval", "declined",   "approval_lapsed"};
constexpr std::array<std::string_view, 2> kPublishStatusNames{"published", "draft"};
constexpr std::array<std::string_view, 2> kVisibilityNames{"alliance", "own_unit"};

json day_json(Day day) { return format_day(day); }
json instant_json(Instant instant) { return format_instant(instant); }

}  // namespace

std::string_view enum_name(Category value) { return name_in(kCategoryNames, value); }
std::string_view enum_name(MemberStatus value) { return name_in(kMemberStatusNames, value); }
std::string_view enum_name(StopKind value) { return name_in(kStopKindNames, value); }
std::string_view enum_name(Season value) { return name_in(kSeasonNames, value); }
std::string_view enum_name(GroupState value) { return name_in(kGroupStateNames, value); }
std::string_view enum_name(PlaceState value) { return name_in(kPlaceStateNames, value); }
std::string_view enum_name(PublishStatus value) { return name_in(kPublishStatusNames, value); }
std::string_view enum_name(Visibility value) { return name_in(kVisibilityNames, value); }

std::optional<Category> parse_category(std::string_view n) { return parse_in<Category>(kCategoryNames, n); }
std::optional<MemberStatus> parse_member_status(std::string_view n) {
    return parse_in<MemberStatus>(kMemberStatusNames, n);
}
std::optional<StopKind> parse_stop_kind(std::string_view n) { return parse_in<StopKind>(kStopKindNames, n); }
std::optional<Season> parse_season(std::string_view n) { return parse_in<Season>(kSeasonNames, n); }
std::optional<GroupState> parse_group_state(std::string_view n) { return parse_in<GroupState>(kGroupStateNames, n); }
std::optional<PlaceState> parse_place_state(std::string_view n) { return parse_in<PlaceState>(kPlaceStateNames, n); }
std::optional<PublishStatus> parse_publish_status(std::string_view n) {
    return parse_in<PublishStatus>(kPublishStatusNames, n);
}
std::optional<Visibility> parse_visibility(std::string_view n) { return parse_in<Visibility>(kVisibilityNames, n); }

void to_json(json& j, Category v) { j = std::string(enum_name(v)); }
void to_json(json& j, MemberStatus v) { j = std::string(enum_name(v)); }
void to_json(json& j, StopKind v) { j = std::string(enum_name(v)); }
void to_json(json& j, Season v) { j = std::string(enum_name(v)); }
void to_json(json& j, GroupState v) { j = std::string(enum_name(v)); }
void to_json(json& j, PlaceState v) { j = std::string(enum_name(v)); }
void to_json(json& j, PublishStatus v) { j = std::string(enum_name(v)); }
void to_json(json& j, Visibility v) { j = std::string(enum_name(v)); }

void to_json(json& j, const Service& v) {
    j = json{{"name", v.name}, {"price", v.price}, {"unit", v.unit}};
}

void to_json(json& j, const Member& v) {
    j = json{{"id", v.id},           {"alliance", v.alliance}, {"category", v.category}, {"name", v.name},
             {"city", v.city},       {"county", v.county},     {"address", v.address},   {"phone", v.phone},
             {"services", v.services}, {"status", v.status},   {"admitted", day_json(v.admitted)}};
    if (v.status_since) j["status_since"] = day_json(*v.status_since);
    if (!v.status_reason.empty()) j["status_reason"] = v.status_reason;
}

void to_json(json& j, const Stop& v) { j = json{{"kind", v.kind}, {"member", v.member}, {"note", v.note}}; }

void to_json(json& j, const ItineraryDay& v) {
    j = json{{"day", v.day}, {"title", v.title}, {"stops", v.stops}};
}

void to_json(json& j, const Route& v) {
    j = json{{"id", v.id},
             {"alliance", v.alliance},
             {"title", v.title},
             {"summary", v.summary},
             {"themes", v.themes},
             {"seasons", v.seasons},
             {"region", v.region},
             {"cities", v.cities},
             {"days", v.days},
             {"nights", v.nights},
             {"price", v.price},
             {"subsidy", v.subsidy},
             {"itinerary", v.itinerary},
             {"highlights", v.highlights},
             {"service_notes", v.service_notes}};
    if (v.status != PublishStatus::published) j["status"] = v.status;
}

void to_json(json& j, const Policy& v) {
    j = json{{"id", v.id}, {"title", v.title}, {"body", v.body}, {"issuer", v.issuer}, {"date", day_json(v.date)}};
    if (v.status != PublishStatus::published) j["status"] = v.status;
    if (!v.routes.empty()) j["routes"] = v.routes;
}

void to_json(json& j, const Alliance& v) { j = json{{"id", v.id}, {"name", v.name}, {"region", v.region}}; }

void to_json(json& j, const Unit& v) {
    j = json{{"id", v.id}, {"name", v.name}, {"city", v.city}};
    if (v.union_members) j["union_members"] = *v.union_members;
    if (!v.alliance.empty()) j["alliance"] = v.alliance;
}

void to_json(json& j, const Place& v) {
    j = json{{"worker", v.worker}, {"unit", v.unit}, {"state", v.state}, {"seq", v.seq},
             {"since", instant_json(v.since)}};
    if (v.offer_expires) j["offer_expires"] = instant_json(*v.offer_expires);
    if (v.decision_due) j["decision_due"] = instant_json(*v.decision_due);
}

namespace {
// Written only when given: most groups have none, and the catalogue carries every group.
template <class TripOrDraft>
void write_meeting(json& j, const TripOrDraft& v) {
    if (!v.meeting_point.empty()) j["meeting_point"] = v.meeting_point;
    if (!v.contact_name.empty()) j["contact_name"] = v.contact_name;
    if (!v.contact_phone.empty()) j["contact_phone"] = v.contact_phone;
}
}  // namespace

void to_json(json& j, const GroupTrip& v) {
    j = json{{"id", v.id},
             {"route", v.route},
             {"organizer_unit", v.organizer_unit},
             {"departure", day_json(v.departure)},
             {"min_size", v.min_size},
             {"max_size", v.max_size},
             {"join_deadline", instant_json(v.join_deadline)}};
    if (v.per_unit_cap) j["per_unit_cap"] = *v.per_unit_cap;
    j["state"] = v.state;
    j["cancel_reason"] = v.cancel_reason;
    j["created"] = instant_json(v.created);
    j["places"] = v.places;
    if (v.visibility != Visibility::alliance) j["visibility"] = v.visibility;  // absent: open to all
    write_meeting(j, v);
}

void to_json(json& j, const Catalogue& v) {
    j = json{{"format_version", v.format_version},
             {"version", v.version},
             {"alliances", v.alliances},
             {"members", v.members},
             {"routes", v.routes},
             {"policies", v.policies},
             {"units", v.units},
             {"groups", v.groups}};
    if (v.dates_as_of) j["dates_as_of"] = instant_json(*v.dates_as_of);
    if (std::string readings = catalogue_readings(v); !readings.empty()) j["readings"] = std::move(readings);
}

void to_json(json& j, const Worker& v) { j = json{{"id", v.id}, {"unit", v.unit}}; }

void to_json(json& j, const GroupDraft& v) {
    j = json{{"id", v.id},
             {"route", v.route},
             {"organizer_unit", v.organizer_unit},
             {"departure", day_json(v.departure)},
             {"min_size", v.min_size},
             {"max_size", v.max_size},
             {"join_deadline", instant_json(v.join_deadline)}};
    if (v.per_unit_cap) j["per_unit_cap"] = *v.per_unit_cap;
    if (v.visibility != Visibility::alliance) j["visibility"] = v.visibility;
    write_meeting(j, v);
}

void to_json(json& j, const DomainError& v) {
    j = json{{"code", v.code}, {"message_zh", v.message_zh}, {"message_en", v.message_en}};
    if (!v.path.empty()) j["path"] = v.path;
    if (v.severity == Severity::warning) j["severity"] = "warning";
}

}  // namespace liaoxiu

namespace liaoxiu {
namespace {

template <class Item>
bool write_list(const std::vector<Item>& items, TextSink& out) {
    if (!out.write("[")) return false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0 && !out.write(",")) return false;
        if (!out.write(nlohmann::json(items[i]).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)))
            return false;
    }
    return out.write("]");
}

}  // namespace

bool write_catalogue(const Catalogue& c, TextSink& out) {
    // The keys in the order a nlohmann::json object (a std::map) dumps them, so the text is
    // byte for byte what the tree would give (tests/unit/test_json_stream.cpp compares them).
    // Readings are characters, letters and spaces: nothing in them needs escaping.
    const std::string readings = catalogue_readings(c);
    return out.write("{\"alliances\":") && write_list(c.alliances, out) &&
           (!c.dates_as_of || out.write(",\"dates_as_of\":\"" + format_instant(*c.dates_as_of) + "\"")) &&
           out.write(",\"format_version\":" + std::to_string(c.format_version)) &&
           out.write(",\"groups\":") && write_list(c.groups, out) &&
           out.write(",\"members\":") && write_list(c.members, out) &&
           out.write(",\"policies\":") && write_list(c.policies, out) &&
           (readings.empty() || out.write(",\"readings\":\"" + readings + "\"")) &&
           out.write(",\"routes\":") && write_list(c.routes, out) &&
           out.write(",\"units\":") && write_list(c.units, out) &&
           out.write(",\"version\":" + std::to_string(c.version) + "}");
}

}  // namespace liaoxiu
