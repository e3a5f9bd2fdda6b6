// The PostgreSQL tests' entry point: they need the throwaway cluster that the
// ctest fixture starts (tools/pg-test-cluster.sh writes its URL to a file). Without
// one, say so and exit 77, which ctest reports as skipped. Every World of this program
// (test_world.hpp) opens a fresh database in that cluster: the SQLite program's test files
// compiled in here (members, publishing, audit) run on PostgreSQL unchanged.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "pg_database.hpp"
#include "test_world.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

namespace liaoxiu::testing {

std::string fresh_database() {
    std::ifstream in(std::getenv("LIAOXIU_PG_URL_FILE"));
    std::string url;
    std::getline(in, url);
    std::random_device seed;
    std::string name = "liaoxiu_test_" + std::to_string(seed()) + std::to_string(seed() % 1000);
    PGconn* admin = PQconnectdb(url.c_str());
    REQUIRE(PQstatus(admin) == CONNECTION_OK);
    PGresult* result = PQexec(admin, ("CREATE DATABASE " + name).c_str());
    REQUIRE(PQresultStatus(result) == PGRES_COMMAND_OK);
    PQclear(result);
    PQfinish(admin);
    return url.substr(0, url.rfind('/') + 1) + name;
}

}  // namespace liaoxiu::testing

int main(int argc, char** argv) {
    const char* url_file = std::getenv("LIAOXIU_PG_URL_FILE");
    if (!url_file || !std::filesystem::exists(url_file)) {
        std::cout << "SKIPPED: no PostgreSQL test cluster (LIAOXIU_PG_URL_FILE unset or missing; "
                     "tools/pg-test-cluster.sh needs /usr/lib/postgresql/15/bin)\n";
        return 77;
    }
    liaoxiu::testing::world_database = liaoxiu::testing::fresh_database;
    return Catch::Session().run(argc, argv);
}
