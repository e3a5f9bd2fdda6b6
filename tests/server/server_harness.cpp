#include "server_harness.hpp"

#include "core/dates.hpp"
#include "core/generate.hpp"
#include "core/json.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <thread>

#ifndef LIAOXIU_SERVER_EXE
#error "LIAOXIU_SERVER_EXE must name the liaoxiu-server binary"
#endif

namespace liaoxiu::testing {

std::string server_executable() { return LIAOXIU_SERVER_EXE; }

namespace {

std::vector<char*> argv_of(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    return argv;
}

}  // namespace

ServerProcess::ServerProcess(const std::string& db_url, std::vector<std::string> extra) {
    std::vector<std::string> args = {server_executable(), "serve", "--addr", "127.0.0.1:0", "--db", db_url};
    args.insert(args.end(), extra.begin(), extra.end());
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        auto argv = argv_of(args);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    stdout_fd_ = out[0];
    // The first line: "liaoxiu-server listening on http://127.0.0.1:PORT".
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (line.find('\n') == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the server did not start");
        pollfd p{stdout_fd_, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buffer[256];
        ssize_t n = read(stdout_fd_, buffer, sizeof buffer);
        if (n <= 0) throw std::runtime_error("the server exited before listening");
        line.append(buffer, static_cast<std::size_t>(n));
    }
    auto colon = line.rfind(':');
    port_ = std::stoi(line.substr(colon + 1));
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 100; ++i) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
        }
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool ServerProcess::alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    return true;
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);  // headers and body go out in two writes: no Nagle delay between them
    client->set_read_timeout(60, 0);
    client->set_write_timeout(60, 0);
    client->set_connection_timeout(10, 0);
    return client;
}

int run_cli(const std::vector<std::string>& arguments, const std::string& input) {
    std::vector<std::string> args = {server_executable()};
    args.insert(args.end(), arguments.begin(), arguments.end());
    int in[2];
    if (pipe(in) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        close(in[0]);
        close(in[1]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        auto argv = argv_of(args);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(in[0]);
    if (!input.empty()) {
        ssize_t written = write(in[1], input.data(), input.size());
        (void)written;
    }
    close(in[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Catalogue test_catalogue() {
    ScaleSpec spec;
    spec.routes = 6;
    spec.members = 24;
    spec.groups = 0;
    return generate_catalogue(spec, 7);
}

void prepare_database(const std::string& db_url, const std::filesystem::path& dir) {
    auto file = dir / "catalogue.json";
    nlohmann::json json = test_catalogue();
    std::ofstream(file) << json.dump();
    if (run_cli({"import", file.string(), "--db", db_url}) != 0) throw std::runtime_error("import failed");
    if (run_cli({"add-account", "--db", db_url, "--role", "secretariat", "--login", "admin", "--name", "秘书处",
                 "--password-cost", "min"},
                "admin-password\n") != 0) {
        throw std::runtime_error("add-account failed");
    }
}

std::vector<std::string> test_server_options() {
    return {"--password-cost", "min", "--signin-rate", "0", "--write-rate", "0", "--quiet", "--threads", "256"};
}

nlohmann::json parse(const std::string& body) { return nlohmann::json::parse(body); }

Session sign_in(httplib::Client& client, const std::string& login, const std::string& password) {
    nlohmann::json request = {{"login", login}, {"password", password}};
    auto res = client.Post("/api/v1/sessions", request.dump(), "application/json");
    if (!res || res->status != 201) {
        throw std::runtime_error("sign-in failed for " + login + ": " +
                                 (res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error())));
    }
    auto body = parse(res->body);
    return Session{body["token"], body["account"]["id"]};
}

Session create_and_sign_in(httplib::Client& client, const Session& admin, const std::string& role,
                           const std::string& login, const std::string& unit) {
    nlohmann::json request = {{"role", role}, {"login", login}, {"name", login}, {"password", "password-" + login}};
    if (!unit.empty()) request["unit"] = unit;
    auto res = client.Post("/api/v1/accounts", admin.headers(), request.dump(), "application/json");
    if (!res || res->status != 201) {
        throw std::runtime_error("account creation failed for " + login + ": " + (res ? res->body : "no answer"));
    }
    return sign_in(client, login, "password-" + login);
}

std::string open_group(httplib::Client& client, const Session& organizer, const std::string& route, int min_size,
                       int max_size, Instant join_deadline, int departure_in_days) {
    Instant now = static_cast<Instant>(std::time(nullptr));
    nlohmann::json request = {{"route", route},
                              {"departure", format_day(day_of(now) + departure_in_days)},
                              {"min_size", min_size},
                              {"max_size", max_size},
                              {"join_deadline", format_instant(join_deadline)}};
    auto res = client.Post("/api/v1/groups", organizer.headers(), request.dump(), "application/json");
    if (!res || res->status != 201) {
        throw std::runtime_error("opening a group failed: " + (res ? res->body : std::string("no answer")));
    }
    return parse(res->body)["id"];
}

}  // namespace liaoxiu::testing
