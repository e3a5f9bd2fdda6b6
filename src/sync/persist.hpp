// What the engine writes to Storage, as JSON text: the cached catalogue with its sync
// cursor, the session (token, account, my trips) and the outbox. Reading is tolerant:
// a damaged or foreign value yields nothing (or skips the damaged entry), never a crash,
// because storage outlives app versions and users (or extensions) can edit it.
#pragma once

#include "core/text_stream.hpp"
#include "sync/client.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaoxiu::sync {

inline constexpr const char* kCatalogueKey = "liaoxiu.catalogue";
inline constexpr const char* kSessionKey = "liaoxiu.session";
inline constexpr const char* kOutboxKey = "liaoxiu.outbox";

// Where a cached catalogue came from, stored with it.
struct CacheStamp {
    bool from_endpoint = false;  // false: the bundled file (its version is no sync cursor)
    std::string etag;            // of the last 200 answer, valid for etag_url only
    std::string etag_url;
    Instant synced_at = 0;
};
struct CachedCatalogue {
    Catalogue catalogue;
    CacheStamp stamp;
};
// Written a piece at a time (see write_catalogue): neither a copy of the catalogue nor a
// tree of it is made. False when `out` refused a piece.
bool write_cached_catalogue(const Catalogue& catalogue, const CacheStamp& stamp, TextSink& out);
std::string encode_cached_catalogue(const CachedCatalogue& cached);  // the same text, whole
std::optional<CachedCatalogue> decode_cached_catalogue(std::string_view text);

struct StoredSession {
    std::string token;
    Session session;
    std::vector<MyTrip> my_trips;
    bool my_trips_loaded = false;
};
std::string encode_session(const StoredSession& stored);
std::optional<StoredSession> decode_session(std::string_view text);

std::string encode_outbox(const std::vector<PendingAction>& outbox);
std::vector<PendingAction> decode_outbox(std::string_view text);

std::string_view action_name(PendingAction::Kind kind);  // "join", "withdraw", ...
std::optional<PendingAction::Kind> parse_action_kind(std::string_view name);

}  // namespace liaoxiu::sync
