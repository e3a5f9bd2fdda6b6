#include "platform/desktop/file_storage.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

namespace liaoxiu::platform {

FileStorage::FileStorage(std::filesystem::path directory) : directory_(std::move(directory)) {
    std::error_code ignored;
    std::filesystem::create_directories(directory_, ignored);
}

std::filesystem::path FileStorage::file_for(const std::string& key) const {
    // Keys become file names: letters, digits, '.', '-', '_' as they are, the rest as %XX.
    static const char kHex[] = "0123456789ABCDEF";
    std::string name;
    for (unsigned char c : key) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                     (c == '.' && !name.empty());
        if (plain) {
            name += static_cast<char>(c);
        } else {
            name += '%';
            name += kHex[c >> 4];
            name += kHex[c & 15];
        }
    }
    if (name.empty()) name.push_back('%');  // (assigning a literal here trips a GCC 12 -Wrestrict false positive)
    return directory_ / name;
}

std::optional<std::string> FileStorage::get(const std::string& key) {
    std::ifstream in(file_for(key), std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool FileStorage::put(const std::string& key, const std::string& value) {
    auto target = file_for(key);
    auto temporary = target;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out.write(value.data(), static_cast<std::streamsize>(value.size()));
        out.flush();
        if (!out) return false;
    }
    std::error_code error;
    std::filesystem::rename(temporary, target, error);
    return !error;
}

void FileStorage::remove(const std::string& key) {
    std::error_code ignored;
    std::filesystem::remove(file_for(key), ignored);
}

}  // namespace liaoxiu::platform
