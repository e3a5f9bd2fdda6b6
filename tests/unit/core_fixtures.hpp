// A small, valid catalogue the core's tests start from and then break on purpose:
// one alliance, one member of each category plus a suspended and an exited one,
// three work units and a 3-day route that covers 吃住行游康养.
#pragma once

#include "core/dates.hpp"
#include "core/model.hpp"

namespace liaoxiu::fixtures {

inline Instant at(const char* iso) { return *parse_instant(iso); }
inline Day day(const char* iso) { return *parse_day(iso); }

// "Now" for the tests: the morning of 1 December 2026, China time.
inline Instant now() { return at("2026-12-01T10:00:00+08:00"); }

inline Member member(const char* id, Category category, MemberStatus status = MemberStatus::active) {
    Member m;
    m.id = id;
    m.alliance = "a-qz";
    m.category = category;
    m.name = std::string("成员 ") + id;
    m.city = "衢州";
    m.county = "柯城区";
    m.address = "衢州市柯城区某路 1 号";
    m.phone = "0570-0000000";
    m.services = {Service{"标准间", 30000, "人/晚"}};
    m.status = status;
    m.admitted = day("2025-03-01");
    if (status != MemberStatus::active) m.status_since = day("2026-06-01");
    return m;
}

inline Route route() {
    Route r;
    r.id = "r-qz-3d";
    r.alliance = "a-qz";
    r.title = "红色教育+生态康养三日游";
    r.summary = "江山、开化三日";
    r.themes = {"红色教育", "生态康养"};
    r.seasons = {Season::spring, Season::autumn};
    r.region = "浙江·衢州";
    r.cities = {"衢州", "江山"};
    r.days = 3;
    r.nights = 2;
    r.price = 128000;
    r.subsidy = 60000;
    r.itinerary = {
        ItineraryDay{1, "抵达", {Stop{StopKind::travel, "m-bus", "接站"}, Stop{StopKind::stay, "m-hotel", "入住"}}},
        ItineraryDay{2, "山水", {Stop{StopKind::tour, "m-park", "游览"}, Stop{StopKind::wellness, "m-spa", "温泉"}}},
        ItineraryDay{3, "返程", {Stop{StopKind::eat, "m-hotel", "午餐"}}},
    };
    r.highlights = {"温泉理疗"};
    r.service_notes = {"全程导游"};
    return r;
}

inline Catalogue catalogue() {
    Catalogue c;
    c.version = 7;
    c.alliances = {Alliance{"a-qz", "衢州市职工疗休养联盟", "浙江·衢州"}};
    c.members = {member("m-hotel", Category::reception), member("m-park", Category::experience),
                 member("m-spa", Category::wellness), member("m-bus", Category::support),
                 member("m-paused", Category::wellness, MemberStatus::suspended),
                 member("m-gone", Category::reception, MemberStatus::exited)};
    c.routes = {route()};
    c.policies = {Policy{"p-1", "职工疗休养管理办法", "正文", "市总工会", day("2026-01-15"), PublishStatus::published, {}}};
    c.units = {Unit{"u-org", "衢州供电公司", "衢州", std::nullopt, "a-qz"}, Unit{"u-a", "衢州学院", "衢州"},
               Unit{"u-b", "江山中学", "江山"}};
    return c;
}

}  // namespace liaoxiu::fixtures
