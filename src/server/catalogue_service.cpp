#include "server/catalogue_service.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/member_rules.hpp"
#include "core/pinyin.hpp"
#include "core/wire.hpp"
#include "core/rules.hpp"
#include "core/wire.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "core/wire.hpp"

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

std::string assemble_catalogue(Connection& db, std::optional<std::int64_t> since, bool with_workers,
                               std::int64_t& version) {
    version = store::catalogue_version(db);
    std::string body = "{\"format_version\":" + std::to_string(kFormatVersion) + ",\"version\":" +
                       std::to_string(version);
    if (since) body += ",\"since\":" + std::to_string(*since);
    ReadingsCollector readings;  // of the records clients spell in pinyin (core/json.hpp: catalogue_readings)
    for (store::Kind kind : store::kAllKinds) {
        const bool spelled = kind != store::Kind::policy && kind != store::Kind::group;
        body += ",\"";
        body += store::plural_name(kind);
        body += "\":[";
        bool first = true;
        // The export (with_workers) holds everything as stored, drafts included; what is served,
        // only what workers may see.
        auto documents = kind == store::Kind::group ? store::load_group_documents(db, since, with_workers)
                         : with_workers             ? store::load_documents(db, kind, since)
                                                    : store::load_public_documents(db, kind, since);
        for (auto& document : documents) {
            if (!first) body += ',';
            first = false;
            body += document;
            if (spelled) readings.add_text(document);
        }
        body += ']';
    }
    if (std::string text = readings.readings_text(); !text.empty()) body += ",\"readings\":\"" + text + "\"";
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

nlohmann::json CatalogueService::admit_member(const Principal& by, const Member& member) {
    check_member(member);
    // A member is admitted active, whatever status the request named.
    Member admitted = member;
    admitted.status = MemberStatus::active;
    admitted.status_since.reset();
    admitted.status_reason.clear();
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::member, member.id)) {
            fail("duplicate_id", "成员单位编号已存在：" + member.id, "a member with id " + member.id + " exists",
                 "id");
        }
        if (!store::exists(context.db, store::Kind::alliance, member.alliance)) {
            fail("unknown_reference", "联盟不存在：" + member.alliance, "unknown alliance " + member.alliance,
                 "alliance");
        }
        context.put(store::Kind::member, admitted);
        audit(context, by, "member.admit", "member", admitted.id, wire::audit_change(nullptr, admitted));
    });
    return admitted;
}

nlohmann::json CatalogueService::update_member(const Principal& by, const Id& id, const Member& member) {
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
        changed.status_reason = stored->status_reason;
        context.put(store::Kind::member, changed);
        audit(context, by, "member.update", "member", id, wire::audit_change(*stored, changed));
    });
    return wire::encode_member_change({changed, std::nullopt});
}

nlohmann::json CatalogueService::set_member_status(const Principal& by, const Id& id, MemberStatus status,
                                                   const std::string& reason) {
    Member changed;
    std::optional<SuspensionImpact> impact;
    backend_.writer.run([&](WriteContext& context) {
        auto member = store::load_member(context.db, id);
        if (!member) fail("not_found", "成员单位不存在：" + id, "no member " + id);
        if (member->status == MemberStatus::exited && status != MemberStatus::exited) {
            fail("member_exited", "已退出的成员单位不能恢复", "a member that exited cannot come back");
        }
        const nlohmann::json before = *member;
        member->status = status;
        member->status_since = status == MemberStatus::active ? std::nullopt : std::optional<Day>(day_of(context.now));
        member->status_reason = status == MemberStatus::active ? std::string() : reason;
        context.put(store::Kind::member, *member);
        changed = *member;
        if (status != MemberStatus::active) impact = stored_impact(context.db, id);
        const char* action = status == MemberStatus::active      ? "member.reinstate"
                             : status == MemberStatus::suspended ? "member.suspend"
                                                                 : "member.remove";
        audit(context, by, action, "member", id, wire::audit_change(before, changed), reason);
    });
    return wire::encode_member_change({changed, impact});
}

namespace {

// A publish or unpublish in the audit trail: the status before and after, spelt out (the
// records' own JSON leaves a published status out, as the catalogue does).
nlohmann::json status_change(PublishStatus before, PublishStatus after) {
    auto name = [](PublishStatus status) { return status == PublishStatus::published ? "published" : "draft"; };
    return wire::audit_change({{"status", name(before)}}, {{"status", name(after)}});
}

// A route about to be stored as `route.status` says: a published one must break no rule,
// a draft only none that would leave a reference dangling (draft_refusals).
std::vector<DomainError> checked_for_saving(Connection& db, const Route& route) {
    auto problems = route_problems(db, route);
    if (route.status == PublishStatus::published) {
        if (has_errors(problems)) fail_problems(problems);
    } else {
        std::vector<DomainError> refusals = draft_refusals(problems);
        for (const auto& p : problems)
            if (p.code == "unknown_reference") refusals.push_back(p);  // the alliance
        if (!refusals.empty()) fail_problems(refusals);
    }
    return problems;
}

nlohmann::json route_answer(const Route& route, std::vector<DomainError> warnings) {
    return wire::encode_route_answer(wire::RouteAnswer{route, std::move(warnings)});
}

}  // namespace

nlohmann::json CatalogueService::create_route(const Principal& by, const Route& route) {
    std::vector<DomainError> warnings;
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::route, route.id)) {
            fail("duplicate_id", "线路编号已存在：" + route.id, "a route with id " + route.id + " exists", "id");
        }
        warnings = checked_for_saving(context.db, route);
        context.put(store::Kind::route, route);
        audit(context, by, "route.create", "route", route.id, wire::audit_change(nullptr, route));
    });
    return route_answer(route, warnings);
}

nlohmann::json CatalogueService::update_route(const Principal& by, const Id& id, const Route& edited) {
    if (edited.id != id) fail("bad_value", "线路编号与地址不一致", "the route id differs from the URL", "id");
    std::vector<DomainError> warnings;
    Route route = edited;
    backend_.writer.run([&](WriteContext& context) {
        const Route* stored = context.route(id);
        if (!stored) fail("not_found", "线路不存在：" + id, "no route " + id);
        const Route before = *stored;  // a copy: put() replaces what `stored` points to
        route.status = before.status;  // publish and unpublish change it, never an edit
        warnings = checked_for_saving(context.db, route);
        context.put(store::Kind::route, route);
        audit(context, by, "route.update", "route", id, wire::audit_change(before, route));
    });
    return route_answer(route, warnings);
}

nlohmann::json CatalogueService::set_route_status(const Principal& by, const Id& id, PublishStatus status) {
    std::vector<DomainError> warnings;
    Route route;
    backend_.writer.run([&](WriteContext& context) {
        const Route* stored = context.route(id);
        if (!stored) fail("not_found", "线路不存在：" + id, "no route " + id);
        route = *stored;
        if (status == PublishStatus::published) {
            route.status = status;
            warnings = checked_for_saving(context.db, route);  // refused 422 with every problem
        }
        if (stored->status == status) return;  // already so: nothing changes, the same answer
        const Route before = *stored;  // a copy: put() replaces what `stored` points to
        route.status = status;
        context.put(store::Kind::route, route);
        audit(context, by, status == PublishStatus::published ? "route.publish" : "route.unpublish", "route", id,
              status_change(before.status, status));
    });
    return route_answer(route, warnings);
}

nlohmann::json CatalogueService::routes(std::optional<PublishStatus> status) {
    auto db = backend_.readers.acquire();
    return wire::encode_route_list(store::load_routes(*db, status));
}

namespace {

// A policy about to be stored: a published one must break no rule; a draft may be unfinished,
// but its links must name routes that exist (drafts included).
void check_policy(Connection& db, const Policy& policy) {
    std::vector<Id> known;
    for (const Id& id : policy.routes)
        if (store::route_exists(db, id)) known.push_back(id);
    auto problems = validate_policy(policy, known);
    if (policy.status != PublishStatus::published) std::erase_if(problems, [](const DomainError& p) {
        return p.code != "unknown_reference" && p.code != "missing_id";
    });
    if (has_errors(problems)) fail_problems(problems);
}

nlohmann::json policy_answer(const Policy& policy) { return wire::encode_policy(policy); }

}  // namespace

nlohmann::json CatalogueService::create_policy(const Principal& by, const Policy& policy) {
    backend_.writer.run([&](WriteContext& context) {
        if (store::exists(context.db, store::Kind::policy, policy.id)) {
            fail("duplicate_id", "政策编号已存在：" + policy.id, "a policy with id " + policy.id + " exists", "id");
        }
        check_policy(context.db, policy);
        context.put(store::Kind::policy, policy);
        audit(context, by, "policy.create", "policy", policy.id, wire::audit_change(nullptr, policy));
    });
    return policy_answer(policy);
}

nlohmann::json CatalogueService::update_policy(const Principal& by, const Id& id, const Policy& edited) {
    if (edited.id != id) fail("bad_value", "政策编号与地址不一致", "the policy id differs from the URL", "id");
    Policy policy = edited;
    backend_.writer.run([&](WriteContext& context) {
        auto stored = store::load_policy(context.db, id);
        if (!stored) fail("not_found", "政策不存在：" + id, "no policy " + id);
        policy.status = stored->status;  // publish and unpublish change it, never an edit
        check_policy(context.db, policy);
        context.put(store::Kind::policy, policy);
        audit(context, by, "policy.update", "policy", id, wire::audit_change(*stored, policy));
    });
    return policy_answer(policy);
}

nlohmann::json CatalogueService::set_policy_status(const Principal& by, const Id& id, PublishStatus status) {
    Policy policy;
    backend_.writer.run([&](WriteContext& context) {
        auto stored = store::load_policy(context.db, id);
        if (!stored) fail("not_found", "政策不存在：" + id, "no policy " + id);
        policy = *stored;
        policy.status = status;
        if (status == PublishStatus::published) check_policy(context.db, policy);
        if (stored->status == status) return;
        context.put(store::Kind::policy, policy);
        audit(context, by, status == PublishStatus::published ? "policy.publish" : "policy.unpublish", "policy", id,
              status_change(stored->status, status));
    });
    return policy_answer(policy);
}

nlohmann::json CatalogueService::policies(std::optional<PublishStatus> status) {
    auto db = backend_.readers.acquire();
    return wire::encode_policy_list(store::load_policies(*db, status));
}

}  // namespace liaoxiu::server
