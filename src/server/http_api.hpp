// The HTTP face of the endpoint: routes under /api/v1, CORS, rate limits, JSON
// errors, request logging (method, path, status, time — never headers or bodies,
// so no token or password reaches a log) and the static files of the app.
// Handlers stay thin: decode the request, call a service, encode the answer.
#pragma once

#include "server/accounts.hpp"
#include "server/catalogue_service.hpp"
#include "server/group_service.hpp"
#include "server/http_server.hpp"
#include "server/options.hpp"

namespace liaoxiu::server {

struct Services {
    Backend& backend;
    AccountService& accounts;
    CatalogueService& catalogue;
    GroupService& groups;
};

// Installs every handler and setting on `server`. Keep `services` and `options` alive as long as it.
void install_api(http::Server& server, Services& services, const ServerOptions& options);
// The transport's limits from the command line.
http::Limits http_limits(const ServerOptions& options);

}  // namespace liaoxiu::server
