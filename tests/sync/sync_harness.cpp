#include "sync_harness.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <thread>

namespace liaoxiu::sync_test {

std::vector<std::string> demo_server_args(const std::filesystem::path& db_file) {
    return {"--db", "sqlite:" + db_file.string(), "--demo", "--password-cost", "min", "--signin-rate", "0",
            "--write-rate", "0", "--quiet", "--threads", "8"};
}

DeskClient::DeskClient(sync::Storage& storage, const std::string& api_base, std::uint64_t seed)
    : engine(recorder, storage, [seed] {
          sync::EngineOptions options;
          options.seed = seed;
          return options;
      }()) {
    sync::ClientConfig config;
    config.api_base = api_base;
    engine.configure(config);
    REQUIRE(run([&] { return state().synced_at > 0 && !state().catalogue_from_cache; }));
}

void DeskClient::sign_in(const std::string& login) {
    engine.sign_in(login, kDemoPassword);
    REQUIRE(run([&] { return !state().signing_in; }));
    INFO(all_notices(state()));
    REQUIRE(state().session.has_value());
    settle(engine, http, clock);
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

int places_of_worker(const ServerProcess& server, const std::string& group, const std::string& viewer_login,
                     const std::string& worker) {
    httplib::Client client("127.0.0.1", server.port());
    nlohmann::json login = {{"login", viewer_login}, {"password", kDemoPassword}};
    auto signed_in = client.Post("/api/v1/sessions", login.dump(), "application/json");
    if (!signed_in || signed_in->status != 201) throw std::runtime_error("viewer sign-in failed");
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
