#include "server_harness.hpp"

#include "core/dates.hpp"
#include "core/generate.hpp"
#include "core/json.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace liaoxiu::testing {

namespace {

std::vector<char*> argv_of(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    return argv;
}

}  // namespace

std::vector<std::string> serve_args(const std::string& db_url, std::vector<std::string> extra) {
    std::vector<std::string> args = {"--db", db_url};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
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

httplib::Result post(httplib::Client& http, const std::string& path, const Session& who, const nlohmann::json& body,
                     const httplib::Headers& extra) {
    httplib::Headers headers = who.headers();
    headers.insert(extra.begin(), extra.end());
    return http.Post(path, headers, body.is_null() ? "{}" : body.dump(), "application/json");
}

httplib::Result put(httplib::Client& http, const std::string& path, const Session& who, const nlohmann::json& body) {
    return http.Put(path, who.headers(), body.dump(), "application/json");
}

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
