// The HTTP face of the endpoint: routes under /api/v1, CORS, rate limits, JSON
// errors, request logging (method, path, status, time — never headers or bodies,
// so no token or password reaches a log) and the static files of the app.
// Handlers stay thin: decode the request, call a service, encode the answer.
#pragma once

#include "server/accounts.hpp"
#include "server/catalogue_service.hpp"
#include "server/group_service.hpp"
#include "server/options.hpp"

#include <httplib.h>

namespace liaoxiu::server {

struct Services {
    Backend& backend;
    AccountService& accounts;
    CatalogueService& catalogue;
    GroupService& groups;
};

// httplib listens with a backlog of 5: a burst of clients connecting at once (the
// 200-join race, a crowd at the deadline) would see SYNs dropped and retried a
// second later. This widens the backlog after binding.
class HttpServer : public httplib::Server {
public:
    void widen_listen_backlog(int backlog);
};

// Installs every handler and setting on `server`. Keep `services` and `options` alive as long as it.
void install_api(httplib::Server& server, Services& services, const ServerOptions& options);

}  // namespace liaoxiu::server
