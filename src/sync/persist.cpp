#include "sync/persist.hpp"

#include "core/dates.hpp"
#include "core/json.hpp"
#include "core/wire.hpp"
#include "sync/answers.hpp"

namespace liaoxiu::sync {
namespace {

using nlohmann::json;

using wire::dump;
using wire::parse_json;

std::string text_or(const json& object, const char* name, std::string fallback = {}) {
    auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

std::int64_t integer_or(const json& object, const char* name, std::int64_t fallback = 0) {
    auto found = object.find(name);
    return found != object.end() && found->is_number_integer() ? found->get<std::int64_t>() : fallback;
}

}  // namespace

std::string_view action_name(PendingAction::Kind kind) {
    switch (kind) {
        case PendingAction::Kind::join: return "join";
        case PendingAction::Kind::withdraw: return "withdraw";
        case PendingAction::Kind::accept_offer: return "accept_offer";
        case PendingAction::Kind::open_group: return "open_group";
        case PendingAction::Kind::cancel_group: return "cancel_group";
        case PendingAction::Kind::open_to_all: return "open_to_all";
        case PendingAction::Kind::add_worker: return "add_worker";
        case PendingAction::Kind::withdraw_worker: return "withdraw_worker";
        case PendingAction::Kind::save_route: return "save_route";
        case PendingAction::Kind::publish_route: return "publish_route";
        case PendingAction::Kind::unpublish_route: return "unpublish_route";
        case PendingAction::Kind::save_policy: return "save_policy";
        case PendingAction::Kind::publish_policy: return "publish_policy";
        case PendingAction::Kind::unpublish_policy: return "unpublish_policy";
    }
    return "join";
}

std::optional<PendingAction::Kind> parse_action_kind(std::string_view name) {
    for (auto kind : {PendingAction::Kind::join, PendingAction::Kind::withdraw, PendingAction::Kind::accept_offer,
                      PendingAction::Kind::open_group, PendingAction::Kind::cancel_group, PendingAction::Kind::open_to_all,
                      PendingAction::Kind::add_worker, PendingAction::Kind::withdraw_worker,
                      PendingAction::Kind::save_route, PendingAction::Kind::publish_route,
                      PendingAction::Kind::unpublish_route, PendingAction::Kind::save_policy,
                      PendingAction::Kind::publish_policy, PendingAction::Kind::unpublish_policy}) {
        if (action_name(kind) == name) return kind;
    }
    return std::nullopt;
}

bool write_cached_catalogue(const Catalogue& catalogue, const CacheStamp& stamp, TextSink& out) {
    // {"catalogue": …, "etag": …, "etag_url": …, "from_endpoint": …, "synced_at": …}: the keys
    // in the order a tree of them would be dumped in, as earlier versions stored it.
    return out.write("{\"catalogue\":") && write_catalogue(catalogue, out) &&
           out.write(",\"etag\":" + dump(stamp.etag) + ",\"etag_url\":" + dump(stamp.etag_url) +
                     ",\"from_endpoint\":" + dump(stamp.from_endpoint) + ",\"synced_at\":" + dump(stamp.synced_at) + "}");
}

std::string encode_cached_catalogue(const CachedCatalogue& cached) {
    StringSink text;
    write_cached_catalogue(cached.catalogue, cached.stamp, text);
    return std::move(text.text);
}

std::optional<CachedCatalogue> decode_cached_catalogue(std::string_view text) {
    auto value = parse_json(text);
    if (!value || !value->is_object()) return std::nullopt;
    auto catalogue = value->find("catalogue");
    if (catalogue == value->end()) return std::nullopt;
    auto decoded = decode_catalogue(*catalogue);
    if (!decoded) return std::nullopt;
    CachedCatalogue cached;
    cached.catalogue = std::move(decoded).value();
    auto from_endpoint = value->find("from_endpoint");
    cached.stamp.from_endpoint = from_endpoint != value->end() && from_endpoint->is_boolean() && from_endpoint->get<bool>();
    cached.stamp.etag = text_or(*value, "etag");
    cached.stamp.etag_url = text_or(*value, "etag_url");
    cached.stamp.synced_at = integer_or(*value, "synced_at");
    return cached;
}

// The account and the trips are kept in the shapes the endpoint sends them in (core/wire.hpp).
std::string encode_session(const StoredSession& stored) {
    std::vector<json> trips;
    for (const auto& trip : stored.my_trips) {
        wire::TripPlace place = trip_place_of(trip);
        trips.push_back({{"id", place.group}, {"my_place", wire::encode_my_place(place.mine)}});
    }
    json value = {{"token", stored.token},
                  {"account", wire::encode_account(account_of(stored.session))},
                  {"my_trips_loaded", stored.my_trips_loaded},
                  {"my_trips", wire::encode_my_trips(trips)}};
    return dump(value);
}

std::optional<StoredSession> decode_session(std::string_view text) {
    auto value = parse_json(text);
    if (!value || !value->is_object()) return std::nullopt;
    StoredSession stored;
    stored.token = text_or(*value, "token");
    if (stored.token.empty()) return std::nullopt;
    auto account = value->find("account");
    if (account == value->end()) return std::nullopt;
    auto decoded = wire::decode_account(*account);
    if (!decoded) return std::nullopt;
    stored.session = session_of(decoded.value());
    if (auto trips = value->find("my_trips"); trips != value->end()) {
        if (auto places = wire::decode_my_trips(dump(*trips))) stored.my_trips = my_trips_of(places.value());
    }
    auto loaded = value->find("my_trips_loaded");
    stored.my_trips_loaded = loaded != value->end() && loaded->is_boolean() && loaded->get<bool>();
    return stored;
}

std::string encode_outbox(const std::vector<PendingAction>& outbox) {
    json items = json::array();
    for (const auto& action : outbox) {
        json item = {{"key", action.idempotency_key},
                     {"kind", action_name(action.kind)},
                     {"group", action.group},
                     {"attempts", action.attempts},
                     {"next_attempt", action.next_attempt},
                     {"created", action.created}};
        if (action.draft) item["draft"] = *action.draft;
        if (!action.reason.empty()) item["reason"] = action.reason;
        if (!action.worker.empty()) item["worker"] = action.worker;
        if (action.route) item["route"] = *action.route;
        if (action.policy) item["policy"] = *action.policy;
        if (action.create) item["create"] = true;
        items.push_back(std::move(item));
    }
    return dump(items);
}

std::vector<PendingAction> decode_outbox(std::string_view text) {
    std::vector<PendingAction> outbox;
    auto value = parse_json(text);
    if (!value || !value->is_array()) return outbox;
    for (const auto& item : *value) {
        if (!item.is_object()) continue;
        PendingAction action;
        action.idempotency_key = text_or(item, "key");
        auto kind = parse_action_kind(text_or(item, "kind"));
        action.group = text_or(item, "group");
        if (action.idempotency_key.empty() || !kind || action.group.empty()) continue;
        action.kind = *kind;
        action.attempts = static_cast<int>(std::clamp<std::int64_t>(integer_or(item, "attempts"), 0, 1000));
        action.next_attempt = integer_or(item, "next_attempt");
        action.created = integer_or(item, "created");
        action.reason = text_or(item, "reason");
        if (auto draft = item.find("draft"); draft != item.end()) {
            auto decoded = decode<GroupDraft>(*draft, "draft");
            if (!decoded) continue;
            action.draft = std::move(decoded).value();
        }
        if (action.kind == PendingAction::Kind::open_group && !action.draft) continue;
        action.worker = text_or(item, "worker");
        const bool names_worker =
            action.kind == PendingAction::Kind::add_worker || action.kind == PendingAction::Kind::withdraw_worker;
        if (names_worker && action.worker.empty()) continue;
        if (auto route = item.find("route"); route != item.end()) {
            auto decoded = decode<Route>(*route, "route");
            if (!decoded) continue;
            action.route = std::move(decoded).value();
        }
        if (auto policy = item.find("policy"); policy != item.end()) {
            auto decoded = decode<Policy>(*policy, "policy");
            if (!decoded) continue;
            action.policy = std::move(decoded).value();
        }
        auto create = item.find("create");
        action.create = create != item.end() && create->is_boolean() && create->get<bool>();
        if (action.kind == PendingAction::Kind::save_route && !action.route) continue;
        if (action.kind == PendingAction::Kind::save_policy && !action.policy) continue;
        outbox.push_back(std::move(action));
    }
    return outbox;
}

}  // namespace liaoxiu::sync
