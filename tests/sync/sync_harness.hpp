// What the sync tests share: a liaoxiu-server child process (demo catalogue and
// accounts, SQLite in a temporary directory, a fixed port so it can be restarted at the
// same address), transports that record or disturb traffic, and a loop that drives an
// engine until something holds.
#pragma once

#include "../common/temp_dir.hpp"
#include "platform/desktop/http_transport.hpp"
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

int free_port();
bool server_available();  // the test binary knows where liaoxiu-server is

class ServerProcess {
public:
    ServerProcess(std::filesystem::path db_file, int port);
    ~ServerProcess();
    void start();
    void stop();  // SIGTERM and wait
    bool running() const { return pid_ > 0; }
    std::string api_base() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v1"; }
    int port() const { return port_; }
    // Waits until the catalogue's version has stopped moving: the demo data's deadlines lie
    // in the past by now, and the server's scheduler applies them (one commit, one version)
    // soon after it starts — on a busy machine after a test's first request.
    void wait_until_settled();

private:
    std::filesystem::path db_file_;
    int port_;
    pid_t pid_ = -1;
};

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

// As the organizer of the group (who sees workers' ids), how many places `worker` holds.
int places_of_worker(const ServerProcess& server, const std::string& group, const std::string& organizer_login,
                     const std::string& worker);

}  // namespace liaoxiu::sync_test
