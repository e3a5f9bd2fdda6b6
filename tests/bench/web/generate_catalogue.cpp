// The web benchmark's large catalogue (tests/bench/web/first_load.mjs) as catalogue JSON:
// generate_catalogue of src/core/generate.hpp, the same catalogue as the native benchmarks
// (the generator gives the same result on every platform). Built by the web preset as a
// node program, so the app's wasm carries no generator:
//
//   node build/web/bench/generate_catalogue.js ROUTES MEMBERS GROUPS SEED OUT.json
#include "core/generate.hpp"
#include "core/json.hpp"

#include <cstdio>
#include <cstdlib>

namespace {

class FileSink final : public liaoxiu::TextSink {
public:
    explicit FileSink(std::FILE* file) : file_(file) {}
    bool write(std::string_view text) override { return std::fwrite(text.data(), 1, text.size(), file_) == text.size(); }

private:
    std::FILE* file_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: generate_catalogue ROUTES MEMBERS GROUPS SEED OUT.json\n");
        return 2;
    }
    const liaoxiu::ScaleSpec spec{std::atoi(argv[1]), std::atoi(argv[2]), std::atoi(argv[3])};
    const liaoxiu::Catalogue catalogue = liaoxiu::generate_catalogue(spec, std::strtoull(argv[4], nullptr, 10));
    std::FILE* out = std::fopen(argv[5], "wb");
    if (out == nullptr) {
        std::fprintf(stderr, "cannot write %s\n", argv[5]);
        return 1;
    }
    FileSink sink(out);
    const bool written = liaoxiu::write_catalogue(catalogue, sink);
    if (std::fclose(out) != 0 || !written) {
        std::fprintf(stderr, "could not write all of %s\n", argv[5]);
        return 1;
    }
    return 0;
}
