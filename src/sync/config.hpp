// The app's run-time settings: `config.json` beside index.html, fetched by the
// platform and parsed here (pure, so native tests cover it). Example:
//   {"api_base": "api/v1", "refresh_seconds": 300}
//   {"api_base": "https://api.example.cn/api/v1", "kiosk": {"enabled": true, "idle_seconds": 120}}
// `api_base` is absolute (the endpoint on another origin, e.g. behind a CDN front end)
// or relative to the page ("api/v1", "/api/v1"); absent or empty means no endpoint:
// the app browses the bundled or cached catalogue offline. Unknown fields are ignored.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"

#include <string>
#include <string_view>

namespace liaoxiu::sync {

inline constexpr Instant kDefaultRefreshSeconds = 300;
inline constexpr Instant kMinRefreshSeconds = 10;
inline constexpr Instant kMaxRefreshSeconds = 24 * 3600;
inline constexpr Instant kDefaultKioskIdleSeconds = 120;
inline constexpr Instant kMinKioskIdleSeconds = 3;
inline constexpr Instant kMaxKioskIdleSeconds = 3600;

struct ClientConfig {
    std::string api_base;                           // without a trailing '/'; empty: no endpoint
    Instant refresh_seconds = kDefaultRefreshSeconds;  // how often the catalogue is re-synced
    bool kiosk = false;                             // nothing personal is kept in storage
    // Kiosk mode: seconds without input before the countdown back to the home screen.
    Instant kiosk_idle_seconds = kDefaultKioskIdleSeconds;

    bool has_endpoint() const { return !api_base.empty(); }
};

// Errors: "bad_json" (not JSON / not an object), "wrong_type", "bad_value" (an api_base
// that is not http(s) or a plain path, a refresh or kiosk idle interval out of range), each
// naming the field.
Result<ClientConfig> parse_client_config(std::string_view text);

// `base` + "/" + `path` with exactly one slash between them ("api/v1" + "/me" → "api/v1/me").
std::string endpoint_url(std::string_view base, std::string_view path);

}  // namespace liaoxiu::sync
