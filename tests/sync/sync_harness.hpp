// What the sync tests share: a liaoxiu-server child process (tests/common/server_process.hpp:
// demo catalogue and accounts, SQLite in a temporary directory, a fixed port so it can be
// restarted at the same address), transports that record or disturb traffic, and a loop that drives an
// engine until something holds.
#pragma once

#include "../common/server_process.hpp"
#include "../common/temp_dir.hpp"
#include "platform/desktop/http_transport.hpp"
#include "sync/desk/desk_engine.hpp"
#include "sync/sync_engine.hpp"

#include <sys/types.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace liaoxiu::sync_test {

// Demo accounts (src/server/accounts.cpp, docs/api.md): three workers per unit
// ("<unit>-01".."-03", account id "w-<unit>-1"..), one organizer ("<unit>-union").
inline constexpr const char* kDemoPassword = "liaoxiu-demo";

using testing::TempDir;

using testing::free_port;
using testing::ServerProcess;

// The arguments for a server on the demo catalogue and accounts, its SQLite database at `db_file`.
std::vector<std::string> demo_server_args(const std::filesystem::path& db_file);
// Its API's base URL, as the engine is configured with it.
inline std::string api_base(const ServerProcess& server) { return server.origin() + "/api/v1"; }

// Observes every exchange; `tamper` may change an answer before the engine sees it.
class RecordingTransport : public sync::Transport {
public:
    struct Exchange {
        sync::HttpRequest request;
        int status = 0;
    };
    explicit RecordingTransport(sync::Transport& inner) : inner_(inner) {}
    void send(sync::HttpRequest request, Completion done) override;
    void deliver() override { inner_.deliver(); }

    std::vector<Exchange> log;
    std::function<void(const sync::HttpRequest&, sync::HttpResponse&)> tamper;

    std::vector<Exchange> matching(const std::string& method, const std::string& url_part) const;

private:
    sync::Transport& inner_;
};

// The test's clock: the real one, shifted by `offset` seconds.
struct TestClock {
    Instant offset = 0;
    Instant now() const { return static_cast<Instant>(std::time(nullptr)) + offset; }
};

// Polls `engine` (waiting on `transport` between polls) until `done()` or `timeout`.
bool drive(sync::SyncEngine& engine, platform::HttpTransport& transport, const TestClock& clock,
           const std::function<bool()>& done, std::chrono::seconds timeout = std::chrono::seconds(20));

// Polls until nothing is in flight and nothing is due.
void settle(sync::SyncEngine& engine, platform::HttpTransport& transport, const TestClock& clock);

bool has_notice(const sync::ClientState& state, const std::string& zh_part);
std::string all_notices(const sync::ClientState& state);

const sync::GroupView* find_group(const sync::ClientState& state, const std::string& id);
const sync::MyTrip* find_trip(const sync::ClientState& state, const std::string& id);

// A server on the demo data in its own temporary directory, and an app's storage beside it.
// (A base listed before DeskClient, so both exist when the client connects.)
struct DemoServer {
    TempDir dir;
    ServerProcess server{demo_server_args(dir.path() / "db"), free_port()};
    sync::MemoryStorage storage;
};

// An app with the desk's intents against the endpoint at `api_base`, its traffic recorded:
// configured and synced once on construction; sign_in waits for the session.
struct DeskClient {
    platform::HttpTransport http;
    RecordingTransport recorder{http};
    TestClock clock{0};
    sync::SyncEngine engine;
    sync::DeskEngine desk_engine{engine};

    DeskClient(sync::Storage& storage, const std::string& api_base, std::uint64_t seed = 20261206);
    const sync::ClientState& state() const { return engine.state(); }
    bool run(const std::function<bool()>& done, int seconds = 20) {
        return drive(engine, http, clock, done, std::chrono::seconds(seconds));
    }
    void sign_in(const std::string& login);
};

// As `viewer_login` (the demo's `admin`: the secretariat sees every worker's id; a union only its
// own unit's), how many places `worker` holds.
int places_of_worker(const ServerProcess& server, const std::string& group, const std::string& viewer_login,
                     const std::string& worker);

}  // namespace liaoxiu::sync_test
