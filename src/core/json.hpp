// The JSON form of the domain model: the catalogue document the app downloads and
// the bodies the endpoint reads. Field names are the model's member names; enums are
// their lower-case names; a Day is "YYYY-MM-DD"; an Instant is an ISO 8601 UTC string
// ("2026-12-01T10:00:00Z"); money is integer fen. An absent std::optional is written
// as an absent field.
//
// Decoding never throws: it returns a DomainError naming the JSON path of the first
// problem, e.g. path "routes[3].itinerary[1].member" and message
// `routes[3].itinerary[1].member: unknown member id "m-999"`. Every non-optional field
// is required; unknown extra fields are ignored (newer writers may add some).
// Codes: "bad_json" (not JSON at all), "missing_field", "wrong_type", "bad_value"
// (an unknown enum name, a malformed date, a number out of range), "duplicate_id",
// "unknown_reference", "unsupported_format_version".
#pragma once

#include "error.hpp"
#include "group_trip.hpp"
#include "model.hpp"
#include "text_stream.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace liaoxiu {

// ---- Enum names (shared with anyone who shows or parses them) -------------------

std::string_view enum_name(Category value);
std::string_view enum_name(MemberStatus value);
std::string_view enum_name(StopKind value);
std::string_view enum_name(Season value);
std::string_view enum_name(GroupState value);
std::string_view enum_name(PlaceState value);
std::string_view enum_name(PublishStatus value);
std::string_view enum_name(Visibility value);

std::optional<Category> parse_category(std::string_view name);
std::optional<MemberStatus> parse_member_status(std::string_view name);
std::optional<StopKind> parse_stop_kind(std::string_view name);
std::optional<Season> parse_season(std::string_view name);
std::optional<GroupState> parse_group_state(std::string_view name);
std::optional<PlaceState> parse_place_state(std::string_view name);
std::optional<PublishStatus> parse_publish_status(std::string_view name);
std::optional<Visibility> parse_visibility(std::string_view name);  // "alliance", "own_unit"

// ---- Encoding (found by nlohmann::json through ADL) ------------------------------

void to_json(nlohmann::json& j, Category value);
void to_json(nlohmann::json& j, MemberStatus value);
void to_json(nlohmann::json& j, StopKind value);
void to_json(nlohmann::json& j, Season value);
void to_json(nlohmann::json& j, GroupState value);
void to_json(nlohmann::json& j, PlaceState value);
void to_json(nlohmann::json& j, PublishStatus value);
void to_json(nlohmann::json& j, Visibility value);

void to_json(nlohmann::json& j, const Service& value);
void to_json(nlohmann::json& j, const Member& value);
void to_json(nlohmann::json& j, const Stop& value);
void to_json(nlohmann::json& j, const ItineraryDay& value);
// A route's or policy's "status" is written only for a draft: a published one reads as
// before drafts existed (decoding takes an absent status as "published"). A policy's
// "routes" links are written only when there are some.
void to_json(nlohmann::json& j, const Route& value);
void to_json(nlohmann::json& j, const Policy& value);
void to_json(nlohmann::json& j, const Alliance& value);
void to_json(nlohmann::json& j, const Unit& value);
void to_json(nlohmann::json& j, const Place& value);
void to_json(nlohmann::json& j, const GroupTrip& value);
void to_json(nlohmann::json& j, const Catalogue& value);  // includes "format_version"
void to_json(nlohmann::json& j, const Worker& value);
void to_json(nlohmann::json& j, const GroupDraft& value);
void to_json(nlohmann::json& j, const DomainError& value);  // {code, message_zh, message_en[, path][, severity]}

// ---- Decoding --------------------------------------------------------------------

// Decodes one value found at `path` ("" for the document root). Defined for every
// type above: Service, Member, Stop, ItineraryDay, Route, Policy, Alliance, Unit,
// Place, GroupTrip, Worker, GroupDraft, the enums, and Catalogue. A value decoded on
// its own has no catalogue to resolve its references against: only decode_catalogue
// checks that ids exist and are unique.
template <class T>
Result<T> decode(const nlohmann::json& json, const std::string& path);

template <> Result<Category> decode<Category>(const nlohmann::json&, const std::string&);
template <> Result<MemberStatus> decode<MemberStatus>(const nlohmann::json&, const std::string&);
template <> Result<StopKind> decode<StopKind>(const nlohmann::json&, const std::string&);
template <> Result<Season> decode<Season>(const nlohmann::json&, const std::string&);
template <> Result<GroupState> decode<GroupState>(const nlohmann::json&, const std::string&);
template <> Result<PlaceState> decode<PlaceState>(const nlohmann::json&, const std::string&);
template <> Result<PublishStatus> decode<PublishStatus>(const nlohmann::json&, const std::string&);
template <> Result<Visibility> decode<Visibility>(const nlohmann::json&, const std::string&);
template <> Result<Service> decode<Service>(const nlohmann::json&, const std::string&);
template <> Result<Member> decode<Member>(const nlohmann::json&, const std::string&);
template <> Result<Stop> decode<Stop>(const nlohmann::json&, const std::string&);
template <> Result<ItineraryDay> decode<ItineraryDay>(const nlohmann::json&, const std::string&);
template <> Result<Route> decode<Route>(const nlohmann::json&, const std::string&);
template <> Result<Policy> decode<Policy>(const nlohmann::json&, const std::string&);
template <> Result<Alliance> decode<Alliance>(const nlohmann::json&, const std::string&);
template <> Result<Unit> decode<Unit>(const nlohmann::json&, const std::string&);
template <> Result<Place> decode<Place>(const nlohmann::json&, const std::string&);
template <> Result<GroupTrip> decode<GroupTrip>(const nlohmann::json&, const std::string&);
template <> Result<Worker> decode<Worker>(const nlohmann::json&, const std::string&);
template <> Result<GroupDraft> decode<GroupDraft>(const nlohmann::json&, const std::string&);
// Structure only (format_version checked); decode_catalogue adds the id and reference checks.
template <> Result<Catalogue> decode<Catalogue>(const nlohmann::json&, const std::string&);

// A whole catalogue document: structure, format_version (present, 1..kFormatVersion),
// unique ids per kind, and every reference resolved (member.alliance, route.alliance,
// stop.member, group.route, group.organizer_unit, place.unit). Rules about content
// (a route's categories, prices, ...) are validate_catalogue's job, not decoding's.
Result<Catalogue> decode_catalogue(const nlohmann::json& json);

// The same from text; text that is not JSON gives code "bad_json". The text is parsed as
// it is read, one list element at a time, so a TextSource need never be in memory whole.
Result<Catalogue> parse_catalogue(std::string_view text);
Result<Catalogue> parse_catalogue(TextSource& text);

// The text of nlohmann::json(catalogue).dump() (invalid UTF-8 replaced), written a list
// element at a time: the tree of a 10k catalogue would take some 400 MB. False when `out`
// refused a piece (the text is then incomplete).
bool write_catalogue(const Catalogue& catalogue, TextSink& out);

}  // namespace liaoxiu
