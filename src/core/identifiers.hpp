// The syntax of what clients choose for themselves: ids and logins.
//
// An id (of a group trip, a member, a route, a policy, an account) is 1 to 64
// characters from ASCII letters, digits, '-' and '_': it goes into URL paths
// unescaped, into logs and into database keys, and reads the same everywhere.
//
// A login is 1 to 64 characters from ASCII letters, digits, '-', '_', '.', '@',
// the middle dot '·' (U+00B7) and the CJK Unified Ideographs (the BMP block,
// Extension A and Extensions B to G). Every one of these characters has no
// decomposition, combining class 0 and takes part in no canonical composition, so
// any string of them is already in Unicode NFC: the rule "logins are
// NFC-normalised" holds by construction and is checked here without Unicode
// tables (the core also runs in the browser, where ICU is not available). Control
// characters, zero-width characters, combining marks, compatibility ideographs and
// full-width letters are outside the set, so no two accepted logins look alike
// through invisible or composed characters. Logins are unique without regard to
// ASCII case (the only letters with case in the set): login_key() folds them.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace liaoxiu {

inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::size_t kMaxLoginLength = 64;  // characters (code points), not bytes

bool is_valid_id(std::string_view id);
// Ok (with the id) or "bad_value" with `path` and a message naming the syntax.
Result<std::string> check_id(std::string_view id, const std::string& path);

// Ok (the login as given, which is NFC) or "bad_value" for path "login".
Result<std::string> check_login(std::string_view login);
// The key logins are unique by: ASCII letters in lower case, everything else as is.
std::string login_key(std::string_view login);

}  // namespace liaoxiu
