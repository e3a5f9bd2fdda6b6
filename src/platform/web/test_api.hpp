#pragma once

#include "app/app.hpp"

namespace liaoxiu::platform {
// Makes `app` the one window.liaoxiu reports on.
void expose_test_api(const App& app);
}  // namespace liaoxiu::platform
