// The PostgreSQL tests' entry point: they need the throwaway cluster that the
// ctest fixture starts (tools/pg-test-cluster.sh writes its URL to a file). Without
// one, say so and exit 77, which ctest reports as skipped.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
    const char* url_file = std::getenv("LIAOXIU_PG_URL_FILE");
    if (!url_file || !std::filesystem::exists(url_file)) {
        std::cout << "SKIPPED: no PostgreSQL test cluster (LIAOXIU_PG_URL_FILE unset or missing; "
                     "tools/pg-test-cluster.sh needs /usr/lib/postgresql/15/bin)\n";
        return 77;
    }
    return Catch::Session().run(argc, argv);
}
