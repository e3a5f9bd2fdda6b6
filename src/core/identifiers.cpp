#include "core/identifiers.hpp"

#include <cstdint>
#include <optional>

namespace liaoxiu {
namespace {

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Decodes one UTF-8 character at `at` (strictly: no overlong forms, no surrogates,
// nothing above U+10FFFF); nullopt for an invalid sequence.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& at) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(at);
    if (lead < 0x80) {
        ++at;
        return lead;
    }
    int length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return std::nullopt;
    }
    if (at + length > text.size()) return std::nullopt;
    for (int i = 1; i < length; ++i) {
        unsigned char next = byte(at + i);
        if ((next & 0xC0) != 0x80) return std::nullopt;
        value = (value << 6) | (next & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
    at += length;
    return value;
}

bool is_login_char(char32_t c) {
    if (c < 0x80) return is_id_char(static_cast<char>(c)) || c == '.' || c == '@';
    if (c == 0x00B7) return true;                         // middle dot, as in names like 阿依古丽·买买提
    if (c >= 0x3400 && c <= 0x4DBF) return true;          // CJK Extension A
    if (c >= 0x4E00 && c <= 0x9FFF) return true;          // CJK Unified Ideographs
    if (c >= 0x20000 && c <= 0x2A6DF) return true;        // Extension B
    if (c >= 0x2A700 && c <= 0x2EBEF) return true;        // Extensions C to F
    if (c >= 0x30000 && c <= 0x3134F) return true;        // Extension G
    return false;                                         // (U+F900.. and U+2F800.. are compatibility ideographs: not NFC)
}

DomainError bad(const std::string& path, std::string zh, std::string en) {
    return DomainError{"bad_value", std::move(zh), std::move(en), path};
}

}  // namespace

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxIdLength) return false;
    for (char c : id) {
        if (!is_id_char(c)) return false;
    }
    return true;
}

Result<std::string> check_id(std::string_view id, const std::string& path) {
    if (is_valid_id(id)) return std::string(id);
    return bad(path, path + " 只能由英文字母、数字、- 和 _ 组成，最多 64 个字符",
               path + " must be 1 to 64 ASCII letters, digits, '-' or '_'");
}

Result<std::string> check_login(std::string_view login) {
    std::size_t at = 0;
    std::size_t count = 0;
    while (at < login.size()) {
        auto c = next_code_point(login, at);
        if (!c || !is_login_char(*c)) {
            return bad("login", "登录名只能包含英文字母、数字、- _ . @、· 和汉字",
                       "a login may contain ASCII letters, digits, - _ . @, the middle dot and Chinese characters "
                       "only (no spaces, control or invisible characters)");
        }
        ++count;
    }
    if (count == 0 || count > kMaxLoginLength) {
        return bad("login", "登录名需 1 到 64 个字符", "a login needs 1 to 64 characters");
    }
    return std::string(login);
}

std::string login_key(std::string_view login) {
    std::string key(login);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return key;
}

}  // namespace liaoxiu
