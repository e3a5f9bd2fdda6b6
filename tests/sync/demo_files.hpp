#pragma once

#include <fstream>
#include <iterator>
#include <string>

namespace liaoxiu::sync_test {

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string demo_catalogue_text() { return read_text(std::string(LIAOXIU_SOURCE_DIR) + "/assets/demo/catalogue.json"); }

}  // namespace liaoxiu::sync_test
