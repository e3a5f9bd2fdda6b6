#pragma once

#include "app/app.hpp"

namespace liaoxiu::platform {
// Makes `app` the one window.liaoxiu reports on (and, for benchmarks, loads catalogues into).
void expose_test_api(App& app);
}  // namespace liaoxiu::platform
