// The engine when the network fails: no endpoint at all, answers that never come,
// retries with backoff, Retry-After, and what is dropped or kept. The transport here
// answers from a script; what the endpoint decides is tested against liaoxiu-server
// in test_engine_server.cpp.
#include <catch2/catch.hpp>

#include "core/dates.hpp"
#include "demo_files.hpp"
#include "fake_transport.hpp"
#include "sync/persist.hpp"
#include "sync/sync_engine.hpp"

using namespace liaoxiu;
using namespace liaoxiu::sync;
using liaoxiu::sync_test::FakeTransport;

namespace {

const Instant kNow = *parse_instant("2026-12-01T08:00:00Z");

StoredSession demo_worker() {
    StoredSession stored;
    stored.token = "token";
    stored.session.id = "w-u-qz-power-1";
    stored.session.role = Role::worker;
    stored.session.unit = "u-qz-power";
    stored.session.display_name = "职工1";
    stored.my_trips_loaded = true;
    return stored;
}

int count_notices(const ClientState& state, const std::string& zh_part) {
    return static_cast<int>(std::count_if(state.notices.begin(), state.notices.end(),
                                          [&](const Notice& n) { return n.zh.find(zh_part) != std::string::npos; }));
}

struct Scripted {
    bool online = false;
    int join_status = 200;
    HttpHeaders join_headers;
    std::string join_body = R"({"state": "confirmed", "seq": 11})";
    int joins = 0;

    HttpResponse operator()(const HttpRequest& request) {
        if (!online) return {0, {}, "network is unreachable"};
        if (request.url.find("/join") != std::string::npos) {
            ++joins;
            return {join_status, join_headers, join_body};
        }
        if (request.url.find("/catalogue") != std::string::npos) return {304, {}, ""};
        if (request.url.find("/me/trips") != std::string::npos) return {200, {}, R"({"trips": []})"};
        return {200, {}, R"({"id": "w-u-qz-power-1", "role": "worker", "unit": "u-qz-power", "name": "职工1"})"};
    }
};

struct OfflineRig {
    Scripted script;
    FakeTransport transport{[this](const HttpRequest& request) { return script(request); }};
    MemoryStorage storage;
    std::unique_ptr<SyncEngine> engine;

    explicit OfflineRig(BackoffPolicy backoff = {}) {
        storage.put(kSessionKey, encode_session(demo_worker()));
        EngineOptions options;
        options.seed = 99;
        options.backoff = backoff;
        engine = std::make_unique<SyncEngine>(transport, storage, options);
        ClientConfig config;
        config.api_base = "https://api.example.cn/api/v1";
        engine->configure(config);
        engine->offer_bundled_catalogue(sync_test::demo_catalogue_text(), kNow);
    }
    const ClientState& state() const { return engine->state(); }
    void poll(Instant now, int times = 3) {
        for (int i = 0; i < times; ++i) engine->poll(now);
    }
};

}  // namespace

TEST_CASE("the bundled demo catalogue is moved to the device's today: its open groups are open whenever it is opened",
          "[sync][offline][dates]") {
    // Years after the demo was written, late in a China-time evening.
    const Instant later = *parse_instant("2031-07-14T23:30:00+08:00");
    FakeTransport transport(sync_test::no_network);
    MemoryStorage storage;
    SyncEngine engine(transport, storage, EngineOptions{false, 5, {}, 30});
    engine.configure(ClientConfig{});
    engine.offer_bundled_catalogue(sync_test::demo_catalogue_text(), later);
    engine.poll(later);
    const Catalogue& catalogue = engine.state().catalogue;
    CHECK_FALSE(catalogue.dates_as_of);
    int joinable = 0;
    for (const GroupTrip& group : catalogue.groups) {
        INFO(group.id);
        if (group.state == GroupState::open || group.state == GroupState::formed || group.state == GroupState::full) {
            CHECK(group.join_deadline > later);
            CHECK(group.departure > day_of(later));
            ++joinable;
        } else if (group.state == GroupState::locked || group.state == GroupState::expired) {
            CHECK(group.join_deadline < later);
        }
    }
    CHECK(joinable >= 8);
}

TEST_CASE("without an endpoint the bundled catalogue is browsed offline, and nothing is sent", "[sync][offline]") {
    FakeTransport transport(sync_test::no_network);
    MemoryStorage storage;
    SyncEngine engine(transport, storage, EngineOptions{false, 5, {}, 30});
    CHECK(engine.state().connection == Connection::connecting);
    engine.configure(ClientConfig{});
    engine.offer_bundled_catalogue(sync_test::demo_catalogue_text(), kNow);
    engine.poll(kNow);
    engine.refresh();
    engine.poll(kNow);
    CHECK(engine.state().connection == Connection::offline);
    CHECK(engine.state().catalogue.routes.size() == 26);
    CHECK(engine.state().groups.size() == 18);
    CHECK(engine.state().catalogue_from_cache);
    CHECK(transport.sent.empty());
    engine.sign_in("someone", "password");
    CHECK(count_notices(engine.state(), "未连接服务器，无法登录") == 1);

    FakeTransport transport2(sync_test::no_network);
    SyncEngine engine2(transport2, storage, EngineOptions{false, 5, {}, 30});
    engine2.configure_failed(DomainError{"bad_json", "不是有效的 JSON 对象", "not a JSON object", ""});
    CHECK(engine2.state().connection == Connection::offline);
    CHECK(count_notices(engine2.state(), "无法读取服务器配置") == 1);
}

TEST_CASE("config.json text configures the engine, or says why it browses offline", "[sync][offline]") {
    FakeTransport transport(sync_test::no_network);
    MemoryStorage storage;
    SyncEngine engine(transport, storage, EngineOptions{false, 5, {}, 30});
    engine.configure_from(true, R"({"api_base": "https://api.example.cn/api/v1/", "refresh_seconds": 60, "kiosk": true})");
    CHECK(engine.config().api_base == "https://api.example.cn/api/v1");
    CHECK(engine.config().refresh_seconds == 60);
    CHECK(engine.state().kiosk);
    engine.poll(kNow);
    REQUIRE(transport.sent.size() == 1);
    CHECK(transport.sent.front().url == "https://api.example.cn/api/v1/catalogue");

    FakeTransport transport2(sync_test::no_network);
    SyncEngine broken(transport2, storage, EngineOptions{false, 5, {}, 30});
    broken.configure_from(true, R"({"api_base": 42})");
    CHECK(broken.state().connection == Connection::offline);
    CHECK(count_notices(broken.state(), "api_base 必须是字符串") == 1);
    SyncEngine missing(transport2, storage, EngineOptions{false, 5, {}, 30});
    missing.configure_from(false, "config.json: HTTP 404");
    CHECK(count_notices(missing.state(), "HTTP 404") == 1);
    missing.poll(kNow);
    CHECK(transport2.sent.empty());
}

TEST_CASE("a join lost to the network is retried with growing, jittered waits and told once", "[sync][offline]") {
    OfflineRig rig(BackoffPolicy{2, 60});
    rig.poll(kNow);
    CHECK(rig.state().connection == Connection::offline);
    CHECK(count_notices(rig.state(), "网络不可用，正在离线浏览") == 1);

    rig.engine->join("g-qz-001");
    REQUIRE(rig.state().outbox.size() == 1);
    CHECK(count_notices(rig.state(), "网络不可用，已保存，联网后自动提交") == 1);  // said at once: we know we're offline
    const std::string key = rig.state().outbox.front().idempotency_key;

    Instant now = kNow;
    const Instant windows[] = {2, 4, 8, 16, 32, 60, 60};
    for (int attempt = 1; attempt <= 7; ++attempt) {
        INFO("attempt " << attempt);
        rig.poll(now);
        const PendingAction& action = rig.state().outbox.front();
        REQUIRE(action.attempts == attempt);
        REQUIRE(action.idempotency_key == key);
        const Instant wait = action.next_attempt - now;
        CHECK(wait >= windows[attempt - 1] / 2);
        CHECK(wait <= windows[attempt - 1]);
        rig.poll(action.next_attempt - 1);  // not yet due: nothing is sent
        CHECK(rig.state().outbox.front().attempts == attempt);
        now = action.next_attempt;
    }
    CHECK(count_notices(rig.state(), "已保存，联网后自动提交") == 1);
    // The stored outbox follows every attempt (a reload resumes the same schedule).
    auto stored = decode_outbox(*rig.storage.get(kOutboxKey));
    REQUIRE(stored.size() == 1);
    CHECK(stored.front().attempts == 7);

    rig.script.online = true;
    rig.poll(now);  // the catalogue answers: back online, and the outbox goes at once
    rig.poll(now);
    CHECK(rig.state().connection == Connection::online);
    CHECK(count_notices(rig.state(), "已恢复联网") == 1);
    CHECK(count_notices(rig.state(), "网络不可用，正在离线浏览") == 0);  // no longer true: taken back
    CHECK(rig.state().outbox.empty());
    CHECK(rig.script.joins == 1);
    CHECK(count_notices(rig.state(), "报名成功，已确认名额") == 1);
    CHECK_FALSE(rig.storage.get(kOutboxKey));
    for (const auto& request : rig.transport.sent) {
        if (request.url.find("/join") != std::string::npos) CHECK(header_value(request.headers, "Idempotency-Key") == key);
    }
}

TEST_CASE("busy answers are retried (honouring Retry-After), refusals are dropped", "[sync][offline]") {
    OfflineRig rig;
    rig.script.online = true;
    rig.poll(kNow);
    REQUIRE(rig.state().connection == Connection::online);

    rig.script.join_status = 429;
    rig.script.join_headers = {{"Retry-After", "120"}};
    rig.script.join_body = R"({"code":"rate_limited","message_zh":"操作过于频繁，请稍后再试","message_en":"slow down"})";
    rig.engine->join("g-qz-001");
    rig.poll(kNow);
    REQUIRE(rig.state().outbox.size() == 1);
    CHECK(rig.state().outbox.front().next_attempt >= kNow + 120);
    CHECK(count_notices(rig.state(), "服务器暂时繁忙，已保存") == 1);

    rig.script.join_status = 500;
    rig.poll(kNow + 120);
    REQUIRE(rig.state().outbox.size() == 1);
    CHECK(rig.state().outbox.front().attempts == 2);

    rig.script.join_status = 409;
    rig.script.join_headers.clear();
    rig.script.join_body = R"({"code":"dates_overlap","message_zh":"与您已报名的另一团日期重叠","message_en":"dates overlap"})";
    rig.poll(kNow + 1000);
    CHECK(rig.state().outbox.empty());
    CHECK(count_notices(rig.state(), "报名未成功：与您已报名的另一团日期重叠") == 1);
    CHECK(rig.script.joins == 3);
    rig.poll(kNow + 5000);
    CHECK(rig.script.joins == 3);
}

TEST_CASE("an expired session ends with the outbox, and says so", "[sync][offline]") {
    OfflineRig rig;
    rig.script.online = true;
    rig.poll(kNow);
    rig.script.join_status = 401;
    rig.script.join_body = R"({"code":"unauthorized","message_zh":"登录已失效，请重新登录","message_en":"expired"})";
    rig.engine->join("g-qz-001");
    rig.poll(kNow);
    CHECK_FALSE(rig.state().session);
    CHECK(rig.state().outbox.empty());
    CHECK(count_notices(rig.state(), "登录已失效") == 1);
    CHECK_FALSE(rig.storage.get(kSessionKey));
}

TEST_CASE("signing out cancels unsent actions and tells how many", "[sync][offline]") {
    OfflineRig rig;
    rig.poll(kNow);
    rig.engine->join("g-qz-001");
    rig.engine->join("g-qz-002");
    rig.engine->join("g-qz-002");  // a second tap is not a second join
    CHECK(rig.state().outbox.size() == 2);
    CHECK(count_notices(rig.state(), "该报名已在提交中") == 1);
    rig.engine->sign_out();
    CHECK(rig.state().outbox.empty());
    CHECK(count_notices(rig.state(), "2 项未提交的操作已取消") == 1);
    CHECK_FALSE(rig.storage.get(kOutboxKey));
    CHECK_FALSE(rig.storage.get(kSessionKey));
}

TEST_CASE("answers that arrive after the engine is gone are dropped safely", "[sync][offline]") {
    FakeTransport transport(sync_test::no_network);
    MemoryStorage storage;
    {
        SyncEngine engine(transport, storage, EngineOptions{false, 5, {}, 30});
        ClientConfig config;
        config.api_base = "api/v1";
        engine.configure(config);
        engine.poll(kNow);
        REQUIRE(transport.pending() == 1);
        CHECK(transport.sent.front().url == "api/v1/catalogue");
    }
    REQUIRE_NOTHROW(transport.deliver());
}

TEST_CASE("notices are capped and dismissed by id", "[sync][offline]") {
    OfflineRig rig;
    for (int i = 0; i < 50; ++i) rig.engine->join("no-such-group");
    CHECK(rig.state().notices.size() == 30);
    const auto last = rig.state().notices.back().id;
    CHECK(last > 30);
    const auto revision = rig.state().revision;
    rig.engine->dismiss_notice(last);
    CHECK(rig.state().notices.size() == 29);
    CHECK(rig.state().revision > revision);
    CHECK(rig.state().notices.back().id != last);
}
