#include "sync/session_sync.hpp"

#include "core/wire.hpp"
#include "sync/answers.hpp"
#include "sync/outbox.hpp"
#include "sync/persist.hpp"

#include <nlohmann/json.hpp>

namespace liaoxiu::sync {

namespace {

// What was read or written for one session and is nobody else's: forgotten when it ends and
// when another account signs in (never stored, so nothing else to remove).
void forget_session_reads(ClientState& state) {
    state.audit = {};
    state.stats = {};
    state.stats_report = {};
    state.my_reviews = {};
    state.review_write.reset();
    state.review_scores = {};
    state.review_desk_write.reset();
    state.my_wishes = {};
    state.unit_wishes = {};
    state.wishes_sending.clear();
    state.approvals = {};
    state.notifications = {};
    state.my_rules = {};
    state.rules_settings = {};
    state.draft_routes.clear();  // the secretariat's drafts are not for whoever signs in next
    state.draft_policies.clear();
    state.drafts_loaded = false;
    state.member_write.reset();  // the desk's last write belonged to the session
}

// {"account":"w-1","seen":[["g-qz-001","confirmed|open|0|"],…]}: one account's at a time.
constexpr const char* kTripsSeenKey = "liaoxiu.trips_seen";
// {"account":"w-1","groups":["g-h-travelled"]}: the trips the worker was asked to rate.
constexpr const char* kReviewsAskedKey = "liaoxiu.reviews_asked";
// {"account":"w-1","seen":[["r-qz-tea-4d","g-qz-101"],…]}: the group each wish last showed (想去).
constexpr const char* kWishesSeenKey = "liaoxiu.wishes_seen";

}  // namespace

std::optional<nlohmann::json> SessionSync::account_record(const char* key, const char* field) const {
    if (ctx_.state.kiosk || !ctx_.state.session) return std::nullopt;
    auto text = ctx_.storage.get(key);
    if (!text) return std::nullopt;
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    if (!parsed.is_object()) return std::nullopt;
    auto account = parsed.find("account");
    if (account == parsed.end() || !account->is_string() || account->get<std::string>() != ctx_.state.session->id)
        return std::nullopt;
    auto value = parsed.find(field);
    if (value == parsed.end() || !value->is_array()) return std::nullopt;
    return *value;
}

void SessionSync::put_account_record(const char* key, const char* field, nlohmann::json value) {
    if (ctx_.state.kiosk || !ctx_.state.session) return;  // nothing personal stays on a kiosk
    ctx_.storage.put(key, wire::dump(nlohmann::json{{"account", ctx_.state.session->id}, {field, std::move(value)}}));
}

void SessionSync::load_account_records() {
    ctx_.state.trips_seen.clear();
    ctx_.state.reviews_asked.clear();
    ctx_.state.wishes_seen.clear();
    for (auto [key, seen] : {std::pair{kTripsSeenKey, &ctx_.state.trips_seen}, std::pair{kWishesSeenKey, &ctx_.state.wishes_seen}}) {
        auto entries = account_record(key, "seen");
        if (!entries) continue;
        for (const auto& entry : *entries) {
            if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_string()) continue;
            seen->emplace_back(entry[0].get<std::string>(), entry[1].get<std::string>());
        }
    }
    if (auto asked = account_record(kReviewsAskedKey, "groups")) {
        for (const auto& group : *asked)
            if (group.is_string()) ctx_.state.reviews_asked.push_back(group.get<std::string>());
    }
}

void SessionSync::trips_seen(std::vector<std::pair<Id, std::string>> seen) {
    if (!ctx_.state.session || seen == ctx_.state.trips_seen) return;
    ctx_.state.trips_seen = std::move(seen);
    ctx_.notifier.changed();
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& [group, summary] : ctx_.state.trips_seen) entries.push_back({group, summary});
    put_account_record(kTripsSeenKey, "seen", std::move(entries));
}

void SessionSync::wishes_seen(std::vector<std::pair<Id, std::string>> seen) {
    if (!ctx_.state.session || seen == ctx_.state.wishes_seen) return;
    ctx_.state.wishes_seen = std::move(seen);
    ctx_.notifier.changed();
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& [route, summary] : ctx_.state.wishes_seen) entries.push_back({route, summary});
    put_account_record(kWishesSeenKey, "seen", std::move(entries));
}

void SessionSync::reviews_asked(std::vector<Id> groups) {
    if (!ctx_.state.session || groups == ctx_.state.reviews_asked) return;
    ctx_.state.reviews_asked = std::move(groups);
    ctx_.notifier.changed();
    put_account_record(kReviewsAskedKey, "groups", ctx_.state.reviews_asked);
}

void SessionSync::load() {
    auto text = ctx_.storage.get(kSessionKey);
    if (!text) return;
    auto stored = decode_session(*text);
    if (!stored) return;
    token_ = stored->token;
    ctx_.state.session = stored->session;
    ctx_.state.my_trips = stored->my_trips;
    ctx_.state.my_trips_loaded = stored->my_trips_loaded;
    standing_ = Standing::unverified;
    trips_ = stored->session.role == Role::worker ? Trips::wanted : Trips::current;
    load_account_records();
}

void SessionSync::persist() {
    if (ctx_.state.kiosk) return;
    const ClientState& state = ctx_.state;
    if (!state.session || token_.empty()) {
        ctx_.storage.remove(kSessionKey);
        return;
    }
    ctx_.storage.put(kSessionKey, encode_session({token_, *state.session, state.my_trips, state.my_trips_loaded}));
}

bool SessionSync::busy() const {
    return ctx_.state.signing_in || standing_ == Standing::verifying || trips_ == Trips::loading ||
           trips_ == Trips::loading_then_wanted;
}

void SessionSync::want_trips() {
    if (!ctx_.state.session || ctx_.state.session->role != Role::worker) return;
    if (trips_ == Trips::current) trips_ = Trips::wanted;
    if (trips_ == Trips::loading) trips_ = Trips::loading_then_wanted;
}

void SessionSync::poll() {
    if (!ctx_.state.session) return;
    if (standing_ == Standing::unverified && ctx_.now >= next_me_) {
        standing_ = Standing::verifying;
        const std::uint64_t generation = generation_;
        ctx_.send("GET", "me", {}, token_, {},
                  [this, generation](const HttpResponse& response) { on_me(response, generation); });
    }
    if (ctx_.state.session->role == Role::worker && trips_ == Trips::wanted && standing_ == Standing::verified) {
        trips_ = Trips::loading;
        const std::uint64_t generation = generation_;
        ctx_.send("GET", "me/trips", {}, token_, {},
                  [this, generation](const HttpResponse& response) { on_trips(response, generation); });
    }
}

void SessionSync::sign_in(const std::string& login, const std::string& password) {
    if (ctx_.state.signing_in) return;
    if (!ctx_.has_endpoint()) {
        ctx_.notifier.notify(Notice::Kind::error, "未连接服务器，无法登录", "No server is configured: cannot sign in");
        return;
    }
    if (login.empty() || password.empty()) {
        ctx_.notifier.notify(Notice::Kind::error, "请输入账号和密码", "Enter your login and password");
        return;
    }
    ctx_.state.signing_in = true;
    ctx_.notifier.changed();
    const std::uint64_t generation = ++generation_;
    nlohmann::json body = {{"login", login}, {"password", password}};
    ctx_.send("POST", "sessions", wire::dump(body), {}, {},
              [this, generation](const HttpResponse& response) { on_sign_in(response, generation); });
}

void SessionSync::on_sign_in(const HttpResponse& response, std::uint64_t generation) {
    if (generation != generation_) return;  // signed out (or in again) meanwhile
    ClientState& state = ctx_.state;
    Notifier& notifier = ctx_.notifier;
    state.signing_in = false;
    notifier.changed();
    if (unreachable(response.status)) {
        ctx_.endpoint_unreachable();
        notifier.notify(Notice::Kind::error, "网络不可用，无法登录，请联网后再试", "No network: cannot sign in, try again online",
                        "network");
        return;
    }
    ctx_.reached_endpoint();
    if (response.status != 200 && response.status != 201) {
        DomainError error = wire::decode_error(response.status, response.body);
        notifier.notify(Notice::Kind::error, "登录失败：" + error.message_zh, "Sign-in failed: " + error.message_en,
                        "sign_in");
        return;
    }
    auto answer = wire::decode_sign_in_answer(response.body);
    if (!answer) {
        notifier.notify(Notice::Kind::error, "登录失败：" + answer.error().message_zh,
                        "Sign-in failed: " + answer.error().message_en, "sign_in");
        return;
    }
    Session session = session_of(answer.value().account);
    // A different account starts with an empty outbox: actions belong to whoever made them.
    if (state.session && state.session->id != session.id) outbox_.clear();
    token_ = answer.value().token;
    state.session = std::move(session);
    forget_session_reads(state);
    state.my_trips.clear();
    state.my_trips_loaded = false;
    load_account_records();
    standing_ = Standing::verified;
    forget_wanted_trips();
    want_trips();
    persist();
    notifier.notify(Notice::Kind::success, "登录成功，欢迎" + state.session->display_name,
                    "Signed in: welcome, " + state.session->display_name, "sign_in");
    state.notices.back().personal = true;  // names the person: on a kiosk it goes with its screen
    ctx_.wake_outbox();
}

void SessionSync::on_me(const HttpResponse& response, std::uint64_t generation) {
    if (standing_ == Standing::verifying) standing_ = Standing::unverified;  // until this answer says otherwise
    if (generation != generation_ || !ctx_.state.session) return;
    if (unreachable(response.status) || response.status >= 500) {
        if (unreachable(response.status)) ctx_.endpoint_unreachable();
        next_me_ = ctx_.now + backoff_delay(2, ctx_.random.unit(), ctx_.options.backoff);
        return;
    }
    ctx_.reached_endpoint();
    if (response.status == 401) {
        end(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
        return;
    }
    standing_ = Standing::verified;
    if (response.status == 200) {
        if (auto parsed = wire::parse_json(response.body)) {
            if (auto account = wire::decode_account(*parsed)) {
                ctx_.state.session = session_of(account.value());
                persist();
            }
        }
    }
    ctx_.notifier.changed();
}

// A request still on its way stays so (its answer, for an earlier generation, is ignored).
void SessionSync::forget_wanted_trips() {
    if (trips_ == Trips::wanted) trips_ = Trips::current;
    if (trips_ == Trips::loading_then_wanted) trips_ = Trips::loading;
}

void SessionSync::trips_answered() {
    if (trips_ == Trips::loading) trips_ = Trips::current;
    if (trips_ == Trips::loading_then_wanted) trips_ = Trips::wanted;
}

void SessionSync::on_trips(const HttpResponse& response, std::uint64_t generation) {
    trips_answered();
    if (generation != generation_ || !ctx_.state.session) return;
    if (unreachable(response.status)) {
        ctx_.endpoint_unreachable();
        trips_ = Trips::wanted;  // with the next catalogue sync
        return;
    }
    ctx_.reached_endpoint();
    if (response.status == 401) {
        end(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
        return;
    }
    if (response.status != 200) return;
    auto trips = wire::decode_my_trips(response.body);
    if (!trips) return;
    ctx_.state.my_trips = my_trips_of(trips.value());
    ctx_.state.my_trips_loaded = true;
    persist();
    ctx_.notifier.changed();
}

void SessionSync::end(Notice::Kind kind, std::string zh, std::string en) {
    ClientState& state = ctx_.state;
    ++generation_;
    token_.clear();
    state.session.reset();
    forget_session_reads(state);
    state.my_trips.clear();
    state.my_trips_loaded = false;
    state.trips_seen.clear();
    state.reviews_asked.clear();
    state.wishes_seen.clear();
    state.signing_in = false;
    standing_ = Standing::none;
    forget_wanted_trips();
    persist();
    const std::size_t dropped = outbox_.clear();
    if (dropped > 0) {
        zh += "（" + std::to_string(dropped) + " 项未提交的操作已取消）";
        en += " (" + std::to_string(dropped) + " unsent action(s) cancelled)";
    }
    ctx_.notifier.notify(kind, std::move(zh), std::move(en));
}

void SessionSync::sign_out() {
    if (!ctx_.state.session && token_.empty()) return;
    if (!token_.empty() && ctx_.has_endpoint()) {
        // Fire and forget: the token is forgotten here whatever the endpoint answers.
        ctx_.send("DELETE", "sessions/current", {}, token_, {}, [this](const HttpResponse& response) {
            if (!unreachable(response.status)) ctx_.reached_endpoint();
        });
    }
    ctx_.storage.remove(kTripsSeenKey);  // signed out on purpose: what was seen goes too
    ctx_.storage.remove(kReviewsAskedKey);
    ctx_.storage.remove(kWishesSeenKey);
    end(Notice::Kind::info, "已退出登录", "Signed out");
}

}  // namespace liaoxiu::sync
