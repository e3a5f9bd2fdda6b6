#include "sync/config.hpp"

#include <nlohmann/json.hpp>

namespace liaoxiu::sync {
namespace {

DomainError config_error(std::string code, std::string field, std::string zh, std::string en) {
    return DomainError{std::move(code), "config.json：" + std::move(zh), "config.json: " + std::move(en),
                       std::move(field)};
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

// An absolute http(s) URL with a host, or a path made of URL-safe characters.
// Anything else ("javascript:", "//evil", spaces, quotes) is refused rather than guessed at.
bool acceptable_base(std::string_view base) {
    std::string_view rest = base;
    if (starts_with(rest, "https://")) {
        rest.remove_prefix(8);
    } else if (starts_with(rest, "http://")) {
        rest.remove_prefix(7);
    } else if (starts_with(rest, "//")) {
        return false;  // protocol-relative: ambiguous, say which scheme
    } else {
        if (rest.find(':') != std::string_view::npos) return false;  // another scheme
    }
    if (base.size() != rest.size() && (rest.empty() || rest.front() == '/')) return false;  // no host
    for (char c : rest) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!plain && std::string_view("-._~/:[]%").find(c) == std::string_view::npos) return false;
    }
    return true;
}

}  // namespace

Result<ClientConfig> parse_client_config(std::string_view text) {
    auto json = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return config_error("bad_json", "", "不是有效的 JSON 对象", "not a JSON object");
    }
    ClientConfig config;
    if (auto base = json.find("api_base"); base != json.end() && !base->is_null()) {
        if (!base->is_string()) {
            return config_error("wrong_type", "api_base", "api_base 必须是字符串", "api_base must be a string");
        }
        std::string value = base->get<std::string>();
        while (!value.empty() && value.back() == '/') value.pop_back();
        if (!value.empty() && !acceptable_base(value)) {
            return config_error("bad_value", "api_base", "api_base 必须是 http(s) 地址或相对路径",
                                "api_base must be an http(s) URL or a relative path");
        }
        config.api_base = value;
    }
    if (auto refresh = json.find("refresh_seconds"); refresh != json.end() && !refresh->is_null()) {
        if (!refresh->is_number_integer()) {
            return config_error("wrong_type", "refresh_seconds", "refresh_seconds 必须是整数",
                                "refresh_seconds must be an integer");
        }
        auto seconds = refresh->get<std::int64_t>();
        if (seconds < kMinRefreshSeconds || seconds > kMaxRefreshSeconds) {
            return config_error("bad_value", "refresh_seconds",
                                "refresh_seconds 须在 " + std::to_string(kMinRefreshSeconds) + " 到 " +
                                    std::to_string(kMaxRefreshSeconds) + " 之间",
                                "refresh_seconds must be between " + std::to_string(kMinRefreshSeconds) + " and " +
                                    std::to_string(kMaxRefreshSeconds));
        }
        config.refresh_seconds = seconds;
    }
    if (auto kiosk = json.find("kiosk"); kiosk != json.end() && !kiosk->is_null()) {
        // A bool, or an object of kiosk settings whose "enabled" switches the mode on.
        if (kiosk->is_boolean()) {
            config.kiosk = kiosk->get<bool>();
        } else if (kiosk->is_object()) {
            auto enabled = kiosk->find("enabled");
            if (enabled != kiosk->end() && !enabled->is_boolean()) {
                return config_error("wrong_type", "kiosk.enabled", "kiosk.enabled 必须是布尔值",
                                    "kiosk.enabled must be true or false");
            }
            config.kiosk = enabled != kiosk->end() && enabled->get<bool>();
            if (auto idle = kiosk->find("idle_seconds"); idle != kiosk->end() && !idle->is_null()) {
                if (!idle->is_number_integer()) {
                    return config_error("wrong_type", "kiosk.idle_seconds", "kiosk.idle_seconds 必须是整数",
                                        "kiosk.idle_seconds must be an integer");
                }
                auto seconds = idle->get<std::int64_t>();
                if (seconds < kMinKioskIdleSeconds || seconds > kMaxKioskIdleSeconds) {
                    return config_error("bad_value", "kiosk.idle_seconds",
                                        "kiosk.idle_seconds 须在 " + std::to_string(kMinKioskIdleSeconds) + " 到 " +
                                            std::to_string(kMaxKioskIdleSeconds) + " 之间",
                                        "kiosk.idle_seconds must be between " + std::to_string(kMinKioskIdleSeconds) +
                                            " and " + std::to_string(kMaxKioskIdleSeconds));
                }
                config.kiosk_idle_seconds = seconds;
            }
        } else {
            return config_error("wrong_type", "kiosk", "kiosk 必须是布尔值或对象", "kiosk must be a bool or an object");
        }
    }
    return config;
}

std::string endpoint_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    std::string url(base);
    url += '/';
    url += path;
    return url;
}

}  // namespace liaoxiu::sync
