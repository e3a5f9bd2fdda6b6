// One liaoxiu-server child process, for the endpoint's tests, the sync engine's tests and
// the benchmark alike: started as `liaoxiu-server serve --addr 127.0.0.1:PORT ARGS…`, ready
// once it has said where it listens; stopped with SIGTERM, or killed outright (a crash).
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace liaoxiu::testing {

// The liaoxiu-server binary the tests were built with.
std::string server_executable();

// A loopback port nobody listens on right now.
int free_port();

class ServerProcess {
public:
    // `args` follow `serve --addr 127.0.0.1:PORT`. With port 0 the kernel picks a port at each
    // start; a fixed port lets a test stop the server and start it again at the same address.
    // Starts it; throws if it exits before listening or does not listen within a minute.
    explicit ServerProcess(std::vector<std::string> args, int port = 0);
    ~ServerProcess();  // stop()
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    void start();      // nothing if it runs already
    void stop();       // SIGTERM, up to 5 s for a clean exit, then SIGKILL
    void kill_hard();  // SIGKILL, no clean-up: a crash
    bool alive();      // false once it has exited (and reaps it)
    bool running() const { return pid_ > 0; }

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // A keep-alive HTTP client of this server, with timeouts a loaded machine survives.
    std::unique_ptr<httplib::Client> client() const;
    // What it printed on stdout (its address, and the request log unless --quiet).
    const std::filesystem::path& output_file() const { return output_; }

private:
    std::vector<std::string> args_;
    int requested_port_;
    int port_ = 0;
    pid_t pid_ = -1;
    std::filesystem::path output_;
};

}  // namespace liaoxiu::testing
