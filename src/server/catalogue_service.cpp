#include "server/catalogue_service.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/member_rules.hpp"
#include "core/wire.hpp"
#include "core/rules.hpp"
#include "server/api_error.hpp"

#include <map>

namespace liaoxiu::server {
namespace {

std::vector<DomainError> route_problems(Connection& db, const Route& route) {
    Catalogue directory = store::load_directory(db);
    std::vector<DomainError> problems = validate_route(route, directory);
    if (!store::exists(db, store::Kind::alliance, route.alliance)) {
        problems.push_back(make_error("unknown_reference", "联盟不存在：" + route.alliance,
                                      "unknown alliance " + route.alliance, "alliance"));
    }
    return problems;
}

// Only errors refuse a route; a warning (a stop at a suspended member) is reported back.
nlohmann::json warnings_of(const std::vector<DomainError>& problems) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& problem : problems) warnings.push_back(error_json(problem));
    return warnings;
}

// What suspending `member` touches: the stored routes through it and their live groups.
SuspensionImpact stored_impact(Connection& db, const Id& member) {
    Catalogue routes;
    for (auto& text : store::load_documents(db, store::Kind::route, std::nullopt)) {
        auto route = decode<Route>(nlohmann::json::parse(text, nullptr, false), "");
        if (route) routes.routes.push_back(std::move(route).value());
    }
    SuspensionImpact impact = suspension_impact(routes, member);
    for (const Id& route : impact.routes) {
        store::GroupFilter filter;
        filter.route = route;
        filter.limit = 100000;
        for (GroupTrip& trip : store::list_groups(db, filter)) {
            trip.places.clear();
            routes.groups.push_back(std::move(trip));
        }
    }
    return suspension_impact(routes, member);
}

void check_member(const Member& member) {
    auto problems = validate_member(member);
    if (has_errors(problems)) fail_problems(problems);
}

}  // namespace

nlohmann::json redact_workers(nlohmann::json group, const Id& keep_worker) {
    auto places = group.find("places");
    if (places != group.end() && places->is_array()) {
        for (auto& place : *places) {
            auto worker = place.find("worker");
            if (worker != place.end() && (keep_worker.empty() || *worker != keep_worker)) *worker = "";
        }
    }
    return group;
}

std::string assemble_catalogue(Connection& db, std::optional<std::int64_t> since, bool with_workers,
                               std::int64_t& version) {
    version = store::catalogue_version(db);
    std::string body = "{\"format_version\":" + std::to_string(kFormatVersion) + ",\"version\":" +
                       std::to_string(version);
    if (since) body += ",\"since\":" + std::to_string(*since);
    for (store::Kind kind : store::kAllKinds) {
        body += ",\"";
        body += store::plural_name(kind);
        body += "\":[";
        bool first = true;
        auto documents = kind == store::Kind::group ? store::load_group_documents(db, since, with_workers)
                                                    : store::load_documents(db, kind, since);
        for (auto& document : documents) {
            if (!first) body += ',';
            first = false;
            body += document;
        }
        body += ']';
    }
    body += '}';
    return body;
}

void apply_catalogue(WriteContext& context, const Catalogue& catalogue) {
    for (const auto& value : catalogue.alliances) context.put(store::Kind::alliance, value);
    for (const auto& value : catalogue.members) context.put(store::Kind::member, value);
    for (const auto& value : catalogue.units) context.put(store::Kind::unit, value);
    for (const auto& value : catalogue.policies) context.put(store::Kind::policy, value);
    std::map<Id, int> route_days;
    for (const auto& value : catalogue.routes) {
        context.put(store::Kind::route, value);
        route_days[value.id] = value.days;
    }
    for (const auto& trip : catalogue.groups) {
        int days = 1;
        if (auto found = route_days.find(trip.route); found != route_days.end()) {
            days = found->second;
        } else if (auto route = store::load_route(context.db, trip.route)) {
            days = route->days;
        }
        auto before = store::load_group(context.db, trip.id);
        context.save_group(before ? &*before : nullptr, trip, days);
    }
}

std::string CatalogueService::snapshot_etag(std::int64_t version) { return "W/\"c" + std::to_string(version) + "\""; }

std::string CatalogueService::delta_etag(std::int64_t since, std::int64_t version) {
    return "W/\"c" + std::to_string(version) + "-since" + std::to_string(since) + "\"";
}

std::int64_t CatalogueService::version() {
    auto db = backend_.readers.acquire();
    return store::catalogue_version(*db);
}

std::shared_ptr<const CatalogueDocument> CatalogueService::build(std::optional<std::int64_t> since) {
    auto document = std::make_shared<CatalogueDocument>();
    auto db = backend_.readers.acquire();
    store::begin_read(*db);
    try {
        document->body = assemble_catalogue(*db, since, false, document->version);
        store::commit(*db);
    } catch (...) {
        store::rollback(*db);
        throw;
    }
    document->etag = since ? delta_etag(*since, document->version) : snapshot_etag(document->version);
    return document;
}

std::shared_ptr<const CatalogueDocument> CatalogueService::snapshot() {
    std::int64_t current = version();
    {
        std::lock_guard lock(cache_mutex_);
        if (cached_snapshot_ && cached_snapshot_->version == current) return cached_snapshot_;
    }
    auto built = build(std::nullopt);
    std::lock_guard lock(cache_mutex_);
    if (!cached_snapshot_ || cached_snapshot_->version < built->version) cached_snapshot_ = built;
    return built;
}

std::shared_ptr<const CatalogueDocument> CatalogueService::delta(std::int64_t since) { return build(since); }

nlohmann::json CatalogueService::admit_member(const Member& member) {
    check_member(member);
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::member, member.id)) {
            fail("duplicate_id", "成员单位编号已存在：" + member.id, "a member with id " + member.id + " exists",
                 "id");
        }
        if (!store::exists(context.db, store::Kind::alliance, member.alliance)) {
            fail("unknown_reference", "联盟不存在：" + member.alliance, "unknown alliance " + member.alliance,
                 "alliance");
        }
        Member admitted = member;
        admitted.status = MemberStatus::active;
        admitted.status_since.reset();
        context.put(store::Kind::member, admitted);
    });
    nlohmann::json json = member;
    json["status"] = "active";
    return json;
}

nlohmann::json CatalogueService::update_member(const Id& id, const Member& member) {
    if (member.id != id) fail("bad_value", "成员单位编号与地址不一致", "the member id differs from the URL", "id");
    check_member(member);
    Member changed;
    backend_.writer.run([&](WriteContext& context) {
        auto stored = store::load_member(context.db, id);
        if (!stored) fail("not_found", "成员单位不存在：" + id, "no member " + id);
        if (member.alliance != stored->alliance) {
            fail("bad_value", "成员单位的所属联盟不能修改", "a member's alliance cannot change", "alliance");
        }
        // Status is changed by suspend, reinstate and remove only: the stored one stays.
        changed = member;
        changed.status = stored->status;
        changed.status_since = stored->status_since;
        context.put(store::Kind::member, changed);
    });
    return wire::encode_member_change({changed, std::nullopt});
}

nlohmann::json CatalogueService::set_member_status(const Id& id, MemberStatus status) {
    Member changed;
    std::optional<SuspensionImpact> impact;
    backend_.writer.run([&](WriteContext& context) {
        auto member = store::load_member(context.db, id);
        if (!member) fail("not_found", "成员单位不存在：" + id, "no member " + id);
        if (member->status == MemberStatus::exited && status != MemberStatus::exited) {
            fail("member_exited", "已退出的成员单位不能恢复", "a member that exited cannot come back");
        }
        member->status = status;
        member->status_since = status == MemberStatus::active ? std::nullopt : std::optional<Day>(day_of(context.now));
        context.put(store::Kind::member, *member);
        changed = *member;
        if (status != MemberStatus::active) impact = stored_impact(context.db, id);
    });
    return wire::encode_member_change({changed, impact});
}

nlohmann::json CatalogueService::create_route(const Route& route) {
    nlohmann::json warnings;
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::route, route.id)) {
            fail("duplicate_id", "线路编号已存在：" + route.id, "a route with id " + route.id + " exists", "id");
        }
        auto problems = route_problems(context.db, route);
        if (has_errors(problems)) fail_problems(problems);
        warnings = warnings_of(problems);
        context.put(store::Kind::route, route);
    });
    return {{"route", route}, {"warnings", warnings}};
}

nlohmann::json CatalogueService::update_route(const Id& id, const Route& route) {
    if (route.id != id) fail("bad_value", "线路编号与地址不一致", "the route id differs from the URL", "id");
    nlohmann::json warnings;
    backend_.writer.run([&](WriteContext& context) {
        if (!store::exists(context.db, store::Kind::route, id)) fail("not_found", "线路不存在：" + id, "no route " + id);
        auto problems = route_problems(context.db, route);
        if (has_errors(problems)) fail_problems(problems);
        warnings = warnings_of(problems);
        context.put(store::Kind::route, route);
    });
    return {{"route", route}, {"warnings", warnings}};
}

nlohmann::json CatalogueService::publish_policy(const Policy& policy) {
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::policy, policy.id)) {
            fail("duplicate_id", "政策编号已存在：" + policy.id, "a policy with id " + policy.id + " exists", "id");
        }
        context.put(store::Kind::policy, policy);
    });
    return policy;
}

}  // namespace liaoxiu::server
