// The PostgreSQL tests' databases (defined in pg_main.cpp).
#pragma once

#include <string>

namespace liaoxiu::testing {

// A fresh, empty database in the test cluster (LIAOXIU_PG_URL_FILE), for one test case; its URL.
std::string fresh_database();

}  // namespace liaoxiu::testing
