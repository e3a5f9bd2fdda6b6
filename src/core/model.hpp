// The domain model of Liaoxiu: an alliance's members, routes, policy articles,
// work units and group trips. Plain values only: no I/O, no ImGui, no HTTP.
// The same types are used by the app (wasm) and the endpoint (native), so both
// apply the same rules (see rules.hpp, group_trip.hpp) to the same data.
//
// Conventions that hold everywhere:
//   - Money is integer fen (1 yuan = 100 fen), never floating point.
//   - A calendar date is a Day: days since 1970-01-01 (civil, China time).
//   - A moment is an Instant: seconds since 1970-01-01T00:00:00Z.
//   - Ids are short stable strings ("m-jiangshan-01", "r-qz-red-eco-3d"). Where
//     they repeat by the hundred thousand (places, stops) they are CompactIds.
//   - JSON field names are the member names below, snake_case (see json.hpp).
#pragma once

#include "core/compact_id.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace liaoxiu {

using Fen = std::int64_t;
using Day = std::int32_t;
using Instant = std::int64_t;
using Id = std::string;

// ---- Members (成员单位) -------------------------------------------------------

enum class Category { reception, experience, wellness, support };  // 核心接待 / 资源体验 / 康养服务 / 配套保障
enum class MemberStatus { active, suspended, exited };

struct Service {
    std::string name;   // "标准间", "温泉理疗"
    Fen price = 0;      // per `unit`
    std::string unit;   // "人/晚", "人/次"

    bool operator==(const Service&) const = default;
};

struct Member {
    Id id;
    Id alliance;
    Category category = Category::reception;
    std::string name;
    std::string city;
    std::string county;
    std::string address;
    std::string phone;
    std::vector<Service> services;
    MemberStatus status = MemberStatus::active;
    Day admitted = 0;                 // joined the alliance
    std::optional<Day> status_since;  // when suspended or exited
    std::string status_reason;        // why, as the secretariat gave it: workers are told it

    bool operator==(const Member&) const = default;
};

// ---- Publishing (草稿 / 已发布) ----------------------------------------------------

// Whether workers see a route or policy. Only the secretariat sees drafts. A stored
// record without the field is published: every catalogue file and database written
// before drafts existed reads as it did.
enum class PublishStatus : std::uint8_t { published, draft };

// ---- Routes (线路) -------------------------------------------------------------

// One byte each: they sit in every stop and every place.
enum class StopKind : std::uint8_t { eat, stay, travel, tour, wellness };  // 吃 住 行 游 康养
enum class Season { spring, summer, autumn, winter };

struct Stop {
    StopKind kind = StopKind::tour;
    CompactId member;   // must reference a Member
    std::string note;   // what happens there

    bool operator==(const Stop&) const = default;
};

struct ItineraryDay {
    int day = 1;        // 1-based
    std::string title;
    std::vector<Stop> stops;

    bool operator==(const ItineraryDay&) const = default;
};

struct Route {
    Id id;
    Id alliance;
    std::string title;
    std::string summary;
    std::vector<std::string> themes;   // "红色教育", "生态康养"
    std::vector<Season> seasons;
    std::string region;                // "浙江·衢州"
    std::vector<std::string> cities;   // "衢州", "江山"
    int days = 1;
    int nights = 0;
    Fen price = 0;                     // per person, before subsidy
    Fen subsidy = 0;                   // union subsidy per person
    std::vector<ItineraryDay> itinerary;
    std::vector<std::string> highlights;
    std::vector<std::string> service_notes;  // 服务规范
    PublishStatus status = PublishStatus::published;

    bool operator==(const Route&) const = default;
};

// ---- Policy articles (政策宣传) ------------------------------------------------

struct Policy {
    Id id;
    std::string title;
    std::string body;
    std::string issuer;
    Day date = 0;
    PublishStatus status = PublishStatus::published;
    std::vector<Id> routes;  // routes the article is about (linked from the worker's policy screen)

    bool operator==(const Policy&) const = default;
};

// ---- Alliances and work units ---------------------------------------------------

struct Alliance {
    Id id;
    std::string name;     // "衢州市职工疗休养联盟"
    std::string region;

    bool operator==(const Alliance&) const = default;
};

struct Unit {             // a worker's employer and its grassroots union
    Id id;
    std::string name;
    std::string city;
    // How many union members (工会会员) the unit has; unknown when unset. A unit with fewer
    // than the statistics' threshold is a small unit (core/stats.hpp).
    std::optional<int> union_members = std::nullopt;
    // The alliance its union takes part in: its workers' region, which the app puts first
    // (core/search.hpp's leading_alliance). Empty when not known.
    Id alliance = {};

    bool operator==(const Unit&) const = default;
};

// ---- Group trips (拼团) ---------------------------------------------------------

enum class GroupState { open, formed, full, locked, expired, cancelled };

// Who may join a group (可见范围): every unit of the alliance (拼团, the default) or only the
// organizer's own unit. A stored or catalogue group without the field is open to all (JSON
// writes the field only for own_unit, so old data reads as it did).
enum class Visibility : std::uint8_t { alliance, own_unit };

// A worker's place in a group. `waitlisted` places keep arrival order by `seq`.
// Approval by the worker's own union (审批, core/approval.hpp): `pending_approval` holds the place
// until the union decides; it ends `confirmed`, `declined` (with the union's reason) or, when no
// decision came in time, `approval_lapsed`.
enum class PlaceState : std::uint8_t {
    confirmed, waitlisted, offered, withdrawn, offer_expired, released, pending_approval, declined, approval_lapsed
};

// 80 bytes: a 10k catalogue holds about 325,000 of them.
struct Place {
    CompactId worker;
    CompactId unit;
    PlaceState state = PlaceState::confirmed;
    std::int32_t seq = 0;                 // arrival order within the group, strictly increasing
    Instant since = 0;                    // when it entered this state
    std::optional<Instant> offer_expires; // for `offered`
    std::optional<Instant> decision_due;  // for `pending_approval`: the union's decision is due then

    bool operator==(const Place&) const = default;
};

struct GroupTrip {
    Id id;
    Id route;
    Id organizer_unit;
    Day departure = 0;
    int min_size = 1;
    int max_size = 1;
    Instant join_deadline = 0;
    std::optional<int> per_unit_cap;
    GroupState state = GroupState::open;
    std::string cancel_reason;
    Instant created = 0;
    std::vector<Place> places;
    Visibility visibility = Visibility::alliance;
    // Where and when the group gathers, and whom its workers call (the organizing union's
    // words, each optional; group_trip.hpp's check_meeting says what they may hold).
    std::string meeting_point;  // 集合地点："衢州市第二中学东门，出发日 7:30"
    std::string contact_name;   // 联系人："李老师（校工会）"
    std::string contact_phone;  // 联系电话："0570-3021234"

    bool operator==(const GroupTrip&) const = default;
};

// ---- The catalogue: everything an alliance publishes, as one document -----------

inline constexpr int kFormatVersion = 1;

struct Catalogue {
    int format_version = kFormatVersion;
    std::int64_t version = 0;   // increases with every change; the sync cursor
    // A demo or test catalogue is written as of a moment; rebase_dates (catalogue_dates.hpp)
    // moves it to the moment it is loaded, so its story never ages. Unset in real data.
    std::optional<Instant> dates_as_of;
    std::vector<Alliance> alliances;
    std::vector<Member> members;
    std::vector<Route> routes;
    std::vector<Policy> policies;
    std::vector<Unit> units;
    std::vector<GroupTrip> groups;

    bool operator==(const Catalogue&) const = default;
};

}  // namespace liaoxiu
