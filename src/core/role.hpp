// The roles an account has on the endpoint (docs/api.md, "Roles"), with the names the
// API writes them with. Its own small header: the client's seam (sync/client.hpp) needs
// the enum without the JSON machinery of wire.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace liaoxiu {

enum class Role { worker, organizer, secretariat };  // 职工 / 单位工会 / 联盟秘书处

inline constexpr std::array<std::string_view, 3> kRoleNames{"worker", "organizer", "secretariat"};

constexpr std::string_view role_name(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

constexpr std::optional<Role> parse_role(std::string_view name) {
    for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
        if (kRoleNames[i] == name) return static_cast<Role>(i);
    }
    return std::nullopt;
}

}  // namespace liaoxiu
