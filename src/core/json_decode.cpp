// JSON → model, one record type at a time: the read_record of every model type and enum
// (the catalogue's own is in json_catalogue.cpp, which also streams it) and the public
// decode<T> of json.hpp. The reading machinery is json_reader.{hpp,cpp}.
#include "core/json.hpp"
#include "core/json_reader.hpp"

namespace liaoxiu {
namespace json_detail {

Problem read_record(const json& j, const JsonPath& path, Category& v) {
    return read_enum(j, path, v, parse_category, "成员类别", "category");
}

Problem read_record(const json& j, const JsonPath& path, MemberStatus& v) {
    return read_enum(j, path, v, parse_member_status, "成员状态", "member status");
}

Problem read_record(const json& j, const JsonPath& path, StopKind& v) {
    return read_enum(j, path, v, parse_stop_kind, "行程类型", "stop kind");
}

Problem read_record(const json& j, const JsonPath& path, Season& v) {
    return read_enum(j, path, v, parse_season, "季节", "season");
}

Problem read_record(const json& j, const JsonPath& path, GroupState& v) {
    return read_enum(j, path, v, parse_group_state, "拼团状态", "group state");
}

Problem read_record(const json& j, const JsonPath& path, PlaceState& v) {
    return read_enum(j, path, v, parse_place_state, "名额状态", "place state");
}

Problem read_record(const json& j, const JsonPath& path, PublishStatus& v) {
    return read_enum(j, path, v, parse_publish_status, "发布状态", "publish status");
}

Problem read_record(const json& j, const JsonPath& path, Visibility& v) {
    return read_enum(j, path, v, parse_visibility, "可见范围", "visibility");
}

Problem read_record(const json& j, const JsonPath& path, Service& v) {
    ObjectReader r(j, path);
    r.text("name", v.name);
    r.integer("price", v.price);
    r.text("unit", v.unit);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Member& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("alliance", v.alliance);
    r.enumeration("category", v.category, parse_category, "成员类别", "category");
    r.text("name", v.name);
    r.text("city", v.city);
    r.text("county", v.county);
    r.text("address", v.address);
    r.text("phone", v.phone);
    r.list("services", v.services);
    r.enumeration("status", v.status, parse_member_status, "成员状态", "member status");
    r.day("admitted", v.admitted);
    r.optional_day("status_since", v.status_since);
    r.optional_field("status_reason", v.status_reason);  // absent: none given (or active)
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Stop& v) {
    ObjectReader r(j, path);
    r.enumeration("kind", v.kind, parse_stop_kind, "行程类型", "stop kind");
    r.text("member", v.member);
    r.text("note", v.note);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, ItineraryDay& v) {
    ObjectReader r(j, path);
    r.integer("day", v.day);
    r.text("title", v.title);
    r.list("stops", v.stops);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Route& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("alliance", v.alliance);
    r.text("title", v.title);
    r.text("summary", v.summary);
    r.list("themes", v.themes);
    r.list("seasons", v.seasons);
    r.text("region", v.region);
    r.list("cities", v.cities);
    r.integer("days", v.days);
    r.integer("nights", v.nights);
    r.integer("price", v.price);
    r.integer("subsidy", v.subsidy);
    r.list("itinerary", v.itinerary);
    r.list("highlights", v.highlights);
    r.list("service_notes", v.service_notes);
    r.optional_field("status", v.status);  // absent: published (written before drafts existed)
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Policy& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("title", v.title);
    r.text("body", v.body);
    r.text("issuer", v.issuer);
    r.day("date", v.date);
    r.optional_field("status", v.status);  // absent: published
    r.optional_field("routes", v.routes);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Alliance& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("name", v.name);
    r.text("region", v.region);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Unit& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("name", v.name);
    r.text("city", v.city);
    r.optional_integer("union_members", v.union_members);  // absent: unknown
    r.optional_field("alliance", v.alliance);               // absent: unknown
    if (auto problem = r.problem()) return problem;
    if (v.union_members && *v.union_members < 0)
        return decode_error("bad_value", JsonPath(path, "union_members"), "工会会员人数不能为负数",
                            "union_members cannot be negative");
    return std::nullopt;
}

Problem read_record(const json& j, const JsonPath& path, Place& v) {
    ObjectReader r(j, path);
    r.text("worker", v.worker);
    r.text("unit", v.unit);
    r.enumeration("state", v.state, parse_place_state, "名额状态", "place state");
    r.integer("seq", v.seq);
    r.instant("since", v.since);
    r.optional_instant("offer_expires", v.offer_expires);
    r.optional_instant("decision_due", v.decision_due);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, GroupTrip& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("route", v.route);
    r.text("organizer_unit", v.organizer_unit);
    r.day("departure", v.departure);
    r.integer("min_size", v.min_size);
    r.integer("max_size", v.max_size);
    r.instant("join_deadline", v.join_deadline);
    r.optional_integer("per_unit_cap", v.per_unit_cap);
    r.enumeration("state", v.state, parse_group_state, "拼团状态", "group state");
    r.text("cancel_reason", v.cancel_reason);
    r.instant("created", v.created);
    r.list("places", v.places);
    r.optional_field("visibility", v.visibility);  // absent: open to all units (written before visibility existed)
    r.optional_field("meeting_point", v.meeting_point);  // absent: none given
    r.optional_field("contact_name", v.contact_name);
    r.optional_field("contact_phone", v.contact_phone);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, Worker& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("unit", v.unit);
    return r.problem();
}

Problem read_record(const json& j, const JsonPath& path, GroupDraft& v) {
    ObjectReader r(j, path);
    r.text("id", v.id);
    r.text("route", v.route);
    r.text("organizer_unit", v.organizer_unit);
    r.day("departure", v.departure);
    r.integer("min_size", v.min_size);
    r.integer("max_size", v.max_size);
    r.instant("join_deadline", v.join_deadline);
    r.optional_integer("per_unit_cap", v.per_unit_cap);
    r.optional_field("visibility", v.visibility);  // absent: open to all units
    r.optional_field("meeting_point", v.meeting_point);  // absent: none given
    r.optional_field("contact_name", v.contact_name);
    r.optional_field("contact_phone", v.contact_phone);
    return r.problem();
}

}  // namespace json_detail

using json_detail::decode_as;
using json_detail::json;

// ---- decode<T> ----------------------------------------------------------------------

template <> Result<Category> decode<Category>(const json& j, const std::string& path) { return decode_as<Category>(j, path); }
template <> Result<MemberStatus> decode<MemberStatus>(const json& j, const std::string& path) { return decode_as<MemberStatus>(j, path); }
template <> Result<StopKind> decode<StopKind>(const json& j, const std::string& path) { return decode_as<StopKind>(j, path); }
template <> Result<Season> decode<Season>(const json& j, const std::string& path) { return decode_as<Season>(j, path); }
template <> Result<GroupState> decode<GroupState>(const json& j, const std::string& path) { return decode_as<GroupState>(j, path); }
template <> Result<PlaceState> decode<PlaceState>(const json& j, const std::string& path) { return decode_as<PlaceState>(j, path); }
template <> Result<PublishStatus> decode<PublishStatus>(const json& j, const std::string& path) { return decode_as<PublishStatus>(j, path); }
template <> Result<Visibility> decode<Visibility>(const json& j, const std::string& path) { return decode_as<Visibility>(j, path); }
template <> Result<Service> decode<Service>(const json& j, const std::string& path) { return decode_as<Service>(j, path); }
template <> Result<Member> decode<Member>(const json& j, const std::string& path) { return decode_as<Member>(j, path); }
template <> Result<Stop> decode<Stop>(const json& j, const std::string& path) { return decode_as<Stop>(j, path); }
template <> Result<ItineraryDay> decode<ItineraryDay>(const json& j, const std::string& path) { return decode_as<ItineraryDay>(j, path); }
template <> Result<Route> decode<Route>(const json& j, const std::string& path) { return decode_as<Route>(j, path); }
template <> Result<Policy> decode<Policy>(const json& j, const std::string& path) { return decode_as<Policy>(j, path); }
template <> Result<Alliance> decode<Alliance>(const json& j, const std::string& path) { return decode_as<Alliance>(j, path); }
template <> Result<Unit> decode<Unit>(const json& j, const std::string& path) { return decode_as<Unit>(j, path); }
template <> Result<Place> decode<Place>(const json& j, const std::string& path) { return decode_as<Place>(j, path); }
template <> Result<GroupTrip> decode<GroupTrip>(const json& j, const std::string& path) { return decode_as<GroupTrip>(j, path); }
template <> Result<Worker> decode<Worker>(const json& j, const std::string& path) { return decode_as<Worker>(j, path); }
template <> Result<GroupDraft> decode<GroupDraft>(const json& j, const std::string& path) { return decode_as<GroupDraft>(j, path); }
template <> Result<Catalogue> decode<Catalogue>(const json& j, const std::string& path) { return decode_as<Catalogue>(j, path); }

}  // namespace liaoxiu
