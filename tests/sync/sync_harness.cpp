#include "sync_harness.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

namespace liaoxiu::sync_test {

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        close(fd);
        throw std::runtime_error("no free port");
    }
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

bool server_available() {
#ifdef LIAOXIU_SERVER_EXE
    return std::filesystem::exists(LIAOXIU_SERVER_EXE);
#else
    return false;
#endif
}

ServerProcess::ServerProcess(std::filesystem::path db_file, int port) : db_file_(std::move(db_file)), port_(port) {
    start();
}

ServerProcess::~ServerProcess() { stop(); }

void ServerProcess::start() {
#ifdef LIAOXIU_SERVER_EXE
    if (pid_ > 0) return;
    std::vector<std::string> args = {LIAOXIU_SERVER_EXE, "serve", "--addr", "127.0.0.1:" + std::to_string(port_),
                                     "--db", "sqlite:" + db_file_.string(), "--demo", "--password-cost", "min",
                                     "--signin-rate", "0", "--write-rate", "0", "--quiet", "--threads", "8"};
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    // Ready when it prints "liaoxiu-server listening on http://HOST:PORT".
    std::string line;
    char buffer[256];
    while (line.find('\n') == std::string::npos) {
        ssize_t n = read(out[0], buffer, sizeof buffer);
        if (n <= 0) {
            close(out[0]);
            stop();
            throw std::runtime_error("liaoxiu-server exited before listening");
        }
        line.append(buffer, static_cast<std::size_t>(n));
    }
    close(out[0]);
#else
    throw std::runtime_error("liaoxiu-server was not built");
#endif
}

void ServerProcess::wait_until_settled() {
    httplib::Client client("127.0.0.1", port_);
    auto version = [&]() -> std::int64_t {
        auto answer = client.Get("/api/v1/health");
        if (!answer || answer->status != 200) return -1;
        return nlohmann::json::parse(answer->body).value("catalogue_version", std::int64_t{-1});
    };
    // The scheduler looks at the deadlines at least once a second: a version unchanged over
    // longer than that has been looked at.
    std::int64_t seen = version();
    for (int i = 0; i < 20; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));
        std::int64_t now = version();
        if (now == seen && now >= 0) return;
        seen = now;
    }
    throw std::runtime_error("liaoxiu-server's catalogue version kept changing");
}

void ServerProcess::stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

void RecordingTransport::send(sync::HttpRequest request, Completion done) {
    sync::HttpRequest copy = request;
    inner_.send(std::move(request), [this, copy, done](sync::HttpResponse response) {
        if (tamper) tamper(copy, response);
        log.push_back({copy, response.status});
        done(std::move(response));
    });
}

std::vector<RecordingTransport::Exchange> RecordingTransport::matching(const std::string& method,
                                                                       const std::string& url_part) const {
    std::vector<Exchange> found;
    for (const auto& exchange : log) {
        if (exchange.request.method == method && exchange.request.url.find(url_part) != std::string::npos) {
            found.push_back(exchange);
        }
    }
    return found;
}

bool drive(sync::SyncEngine& engine, platform::HttpTransport& transport, const TestClock& clock,
           const std::function<bool()>& done, std::chrono::seconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        engine.poll(clock.now());
        if (done()) return true;
        transport.wait(std::chrono::milliseconds(20));
    }
    engine.poll(clock.now());
    return done();
}

void settle(sync::SyncEngine& engine, platform::HttpTransport& transport, const TestClock& clock) {
    drive(engine, transport, clock, [&] { return !engine.busy() && transport.outstanding() == 0; });
}

bool has_notice(const sync::ClientState& state, const std::string& zh_part) {
    for (const auto& notice : state.notices) {
        if (notice.zh.find(zh_part) != std::string::npos) return true;
    }
    return false;
}

std::string all_notices(const sync::ClientState& state) {
    std::string text;
    for (const auto& notice : state.notices) text += "[" + notice.zh + " | " + notice.en + "] ";
    return text;
}

const sync::GroupView* find_group(const sync::ClientState& state, const std::string& id) {
    for (const auto& view : state.groups) {
        if (view.trip().id == id) return &view;
    }
    return nullptr;
}

const sync::MyTrip* find_trip(const sync::ClientState& state, const std::string& id) {
    for (const auto& trip : state.my_trips) {
        if (trip.group == id) return &trip;
    }
    return nullptr;
}

int places_of_worker(const ServerProcess& server, const std::string& group, const std::string& organizer_login,
                     const std::string& worker) {
    httplib::Client client("127.0.0.1", server.port());
    nlohmann::json login = {{"login", organizer_login}, {"password", kDemoPassword}};
    auto signed_in = client.Post("/api/v1/sessions", login.dump(), "application/json");
    if (!signed_in || signed_in->status != 201) throw std::runtime_error("organizer sign-in failed");
    std::string token = nlohmann::json::parse(signed_in->body)["token"];
    auto detail = client.Get(("/api/v1/groups/" + group).c_str(), {{"Authorization", "Bearer " + token}});
    if (!detail || detail->status != 200) throw std::runtime_error("group detail failed");
    int count = 0;
    const auto group_json = nlohmann::json::parse(detail->body);
    for (const auto& place : group_json.at("places")) {
        if (place["worker"] == worker) ++count;
    }
    return count;
}

}  // namespace liaoxiu::sync_test
