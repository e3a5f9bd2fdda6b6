// The sync engine's storage on the desktop and in native tests: one file per key in a
// directory. A write goes to a temporary file that is then renamed over the old one,
// so a crash leaves the old value or the new one, never half of each.
#pragma once

#include "sync/storage.hpp"

#include <filesystem>

namespace liaoxiu::platform {

class FileStorage : public sync::Storage {
public:
    explicit FileStorage(std::filesystem::path directory);  // created if missing

    std::optional<std::string> get(const std::string& key) override;
    bool put(const std::string& key, const std::string& value) override;
    void remove(const std::string& key) override;

    const std::filesystem::path& directory() const { return directory_; }

private:
    std::filesystem::path file_for(const std::string& key) const;
    std::filesystem::path directory_;
};

}  // namespace liaoxiu::platform
