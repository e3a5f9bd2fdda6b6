#include "server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef LIAOXIU_SERVER_EXE
#error "LIAOXIU_SERVER_EXE must name the liaoxiu-server binary"
#endif

namespace liaoxiu::testing {

std::string server_executable() { return LIAOXIU_SERVER_EXE; }

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
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

namespace {

// Each process's stdout goes to a file of its own under the system temp dir: nobody has
// to drain a pipe (a full one would block the server), and the file is there to read
// when a test fails.
std::filesystem::path new_output_file() {
    static std::atomic<int> counter{0};
    return std::filesystem::temp_directory_path() /
           ("liaoxiu-server-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".out");
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> args, int port)
    : args_(std::move(args)), requested_port_(port), output_(new_output_file()) {
    start();
}

ServerProcess::~ServerProcess() {
    stop();
    std::error_code ignored;
    std::filesystem::remove(output_, ignored);
}

void ServerProcess::start() {
    if (pid_ > 0) return;
    std::vector<std::string> args = {server_executable(), "serve", "--addr",
                                     "127.0.0.1:" + std::to_string(requested_port_)};
    args.insert(args.end(), args_.begin(), args_.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    const int out = open(output_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) throw std::runtime_error("cannot write " + output_.string());
    pid_ = fork();
    if (pid_ < 0) {
        close(out);
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        dup2(out, STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out);

    // Ready when it prints "liaoxiu-server listening on http://127.0.0.1:PORT".
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        const std::string text = read_file(output_);
        const auto newline = text.find('\n');
        if (newline != std::string::npos) {
            const std::string line = text.substr(0, newline);
            const auto colon = line.rfind(':');
            if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
                stop();
                throw std::runtime_error("liaoxiu-server said, instead of its address: " + line);
            }
            port_ = std::stoi(line.substr(colon + 1));
            return;
        }
        if (!alive()) throw std::runtime_error("liaoxiu-server exited before listening: " + text);
        if (std::chrono::steady_clock::now() > give_up) {
            stop();
            throw std::runtime_error("liaoxiu-server did not listen within a minute");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void ServerProcess::stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < give_up) {
        if (!alive()) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill_hard();
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

bool ServerProcess::alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    return true;
}

}  // namespace liaoxiu::testing
