#include "sync/sync_engine.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "sync/catalogue_merge.hpp"
#include "sync/persist.hpp"
#include "sync/wire.hpp"

#include <algorithm>
#include <charconv>

namespace liaoxiu::sync {
namespace {

using nlohmann::json;

// The endpoint (or the way to it) is not there: nothing was decided, try again later.
bool unreachable(int status) { return status == 0 || status == 502 || status == 503 || status == 504; }

// Worth another attempt under the same key: the endpoint did not decide.
bool transient(int status) { return status == 0 || status >= 500 || status == 408 || status == 429; }

std::string percent_encode(std::string_view text) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '_' || c == '.' || c == '~';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string group_path(const Id& group, const char* action) {
    return "groups/" + percent_encode(group) + "/" + action;
}

Instant retry_after_seconds(const HttpHeaders& headers) {
    std::string text = header_value(headers, "Retry-After");
    Instant seconds = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size() || seconds < 0) return 0;
    return std::min<Instant>(seconds, 3600);
}

struct Verb {
    const char* zh;
    const char* en;
};

Verb verb_of(PendingAction::Kind kind) {
    switch (kind) {
        case PendingAction::Kind::join: return {"报名", "Joining"};
        case PendingAction::Kind::withdraw: return {"退出", "Withdrawing"};
        case PendingAction::Kind::accept_offer: return {"接受名额", "Accepting the place"};
        case PendingAction::Kind::open_group: return {"发起拼团", "Opening the group trip"};
        case PendingAction::Kind::cancel_group: return {"取消拼团", "Cancelling the group trip"};
    }
    return {"操作", "The action"};
}

// A refusal that, on a retry whose earlier attempt may have arrived, means "already done".
bool already_done(PendingAction::Kind kind, const std::string& code) {
    switch (kind) {
        case PendingAction::Kind::withdraw: return code == "not_a_member_of_group";
        case PendingAction::Kind::accept_offer: return code == "no_offer";
        case PendingAction::Kind::open_group: return code == "duplicate_id";
        case PendingAction::Kind::cancel_group: return code == "group_closed";
        case PendingAction::Kind::join: return false;  // the endpoint replays joins by key
    }
    return false;
}

}  // namespace

std::string header_value(const HttpHeaders& headers, std::string_view name) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    for (const auto& [key, value] : headers) {
        if (key.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < key.size() && same; ++i) same = lower(key[i]) == lower(name[i]);
        if (same) return value;
    }
    return {};
}

SyncEngine::SyncEngine(Transport& transport, Storage& storage, EngineOptions options)
    : transport_(transport),
      storage_(storage),
      options_(options),
      random_(options.seed ? options.seed : random_seed()),
      alive_(std::make_shared<int>(0)) {
    if (options_.kiosk) enter_kiosk_mode();
    load_storage();
}

SyncEngine::~SyncEngine() = default;

bool SyncEngine::busy() const {
    return sync_in_flight_ || me_in_flight_ || trips_in_flight_ || action_in_flight_ || state_.signing_in;
}

// ---- storage -------------------------------------------------------------------

void SyncEngine::load_storage() {
    if (auto text = storage_.get(kCatalogueKey)) {
        if (auto cached = decode_cached_catalogue(*text)) {
            state_.catalogue = std::move(cached->catalogue);
            state_.catalogue_from_cache = true;
            state_.synced_at = cached->stamp.synced_at;
            cache_from_endpoint_ = cached->stamp.from_endpoint;
            etag_ = cached->stamp.etag;
            etag_url_ = cached->stamp.etag_url;
            rebuild_groups();
        } else {
            storage_.remove(kCatalogueKey);  // damaged or from an incompatible version
        }
    }
    if (!state_.kiosk) {
        if (auto text = storage_.get(kSessionKey)) {
            if (auto stored = decode_session(*text)) {
                token_ = stored->token;
                state_.session = stored->session;
                state_.my_trips = stored->my_trips;
                state_.my_trips_loaded = stored->my_trips_loaded;
                verify_session_ = true;
                trips_wanted_ = stored->session.role == Role::worker;
            }
        }
        if (auto text = storage_.get(kOutboxKey)) state_.outbox = decode_outbox(*text);
        // An outbox without the session it was made in cannot be delivered.
        if (!state_.session && !state_.outbox.empty()) {
            state_.outbox.clear();
            storage_.remove(kOutboxKey);
        }
    }
    changed();
}

void SyncEngine::enter_kiosk_mode() {
    if (state_.kiosk) return;
    state_.kiosk = true;
    // Whatever an earlier, personal use of this device left behind goes.
    storage_.remove(kSessionKey);
    storage_.remove(kOutboxKey);
    changed();
}

void SyncEngine::persist_catalogue() {
    const CacheStamp stamp{cache_from_endpoint_, etag_, etag_url_, state_.synced_at};
    // Written in pieces: a 10k catalogue is never copied, nor held as one text. A full quota
    // only costs the cache.
    storage_.put_streamed(kCatalogueKey,
                          [&](TextSink& out) { return write_cached_catalogue(state_.catalogue, stamp, out); });
}

void SyncEngine::persist_session() {
    if (state_.kiosk) return;
    if (!state_.session || token_.empty()) {
        storage_.remove(kSessionKey);
        return;
    }
    storage_.put(kSessionKey, encode_session({token_, *state_.session, state_.my_trips, state_.my_trips_loaded}));
}

void SyncEngine::persist_outbox() {
    if (state_.kiosk) return;
    // A failed put (quota) costs only the copy a reload would find; this page still delivers it.
    if (state_.outbox.empty()) {
        storage_.remove(kOutboxKey);
    } else {
        storage_.put(kOutboxKey, encode_outbox(state_.outbox));
    }
}

// ---- configuration and the bundled catalogue ---------------------------------

void SyncEngine::configure(const ClientConfig& config) {
    const bool base_changed = config.api_base != config_.api_base;
    config_ = config;
    configured_ = true;
    if (config_.kiosk) enter_kiosk_mode();
    if (!config_.has_endpoint()) {
        state_.connection = Connection::offline;
    } else if (base_changed) {
        state_.connection = Connection::connecting;
        next_sync_ = 0;
        sync_failures_ = 0;
        for (auto& action : state_.outbox) action.next_attempt = 0;
    }
    changed();
}

void SyncEngine::configure_failed(const DomainError& reason) {
    configured_ = true;
    config_ = ClientConfig{};
    state_.connection = Connection::offline;
    notify(Notice::Kind::warning, "无法读取服务器配置，正在离线浏览（" + reason.message_zh + "）",
           "Could not read the server settings; browsing offline (" + reason.message_en + ")");
    changed();
}

void SyncEngine::configure_from(bool fetched, std::string_view text) {
    if (!fetched) {
        configure_failed(DomainError{"config_unavailable", std::string(text), std::string(text), "config.json"});
        return;
    }
    auto parsed = parse_client_config(text);
    if (parsed) {
        configure(parsed.value());
    } else {
        configure_failed(parsed.error());
    }
}

void SyncEngine::offer_bundled_catalogue(std::string_view text) {
    StringSource source(text);
    offer_bundled_catalogue(source);
}

void SyncEngine::offer_bundled_catalogue(TextSource& text) {
    const bool have_fresher = cache_from_endpoint_ && !state_.catalogue.routes.empty();
    if (have_fresher) return;
    auto parsed = parse_catalogue(text);
    if (!parsed) {
        if (state_.catalogue.routes.empty()) {
            notify(Notice::Kind::error, "内置线路数据无法读取：" + parsed.error().message_zh,
                   "The bundled catalogue could not be read: " + parsed.error().message_en);
        }
        return;
    }
    if (!state_.catalogue.routes.empty() && parsed.value().version <= state_.catalogue.version) return;
    state_.catalogue = std::move(parsed).value();
    state_.catalogue_from_cache = true;
    cache_from_endpoint_ = false;
    rebuild_groups();
    changed();
}

// ---- the loop ------------------------------------------------------------------

void SyncEngine::poll(Instant now) {
    now_ = now;
    transport_.deliver();
    if (!configured_ || !config_.has_endpoint()) return;
    if (!sync_in_flight_ && now_ >= next_sync_) start_sync();
    if (state_.session && verify_session_ && !me_in_flight_ && now_ >= next_me_) {
        me_in_flight_ = true;
        send("GET", "me", {}, true, {}, &SyncEngine::on_me, session_generation_);
    }
    if (state_.session && state_.session->role == Role::worker && trips_wanted_ && !trips_in_flight_ &&
        !verify_session_) {
        trips_in_flight_ = true;
        trips_wanted_ = false;
        send("GET", "me/trips", {}, true, {}, &SyncEngine::on_trips, session_generation_);
    }
    send_next_action();
}

void SyncEngine::send(std::string method, const std::string& path, std::string body, bool authorized,
                      HttpHeaders extra, Handler handler, std::uint64_t tag) {
    HttpRequest request;
    request.method = std::move(method);
    request.url = endpoint_url(config_.api_base, path);
    request.headers = std::move(extra);
    request.headers.emplace_back("Accept", "application/json");
    if (authorized && !token_.empty()) request.headers.emplace_back("Authorization", "Bearer " + token_);
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(body);
    std::weak_ptr<int> alive = alive_;
    transport_.send(std::move(request), [this, alive, handler, tag](HttpResponse response) {
        if (alive.expired()) return;
        (this->*handler)(response, tag);
    });
}

// ---- connection and notices ------------------------------------------------------

void SyncEngine::reached_endpoint() {
    if (state_.connection == Connection::online) return;
    const bool was_offline = state_.connection == Connection::offline;
    state_.connection = Connection::online;
    // "No network" is no longer true: it goes, and "back online" says why.
    std::erase_if(state_.notices, [&](const Notice& notice) { return notice.id == offline_notice_; });
    offline_notice_ = 0;
    if (was_offline && told_offline_) {
        notify(Notice::Kind::success, "已恢复联网", "Back online");
    }
    told_offline_ = false;
    // What waited for the network goes now, not at the end of its backoff.
    for (auto& action : state_.outbox) action.next_attempt = std::min(action.next_attempt, now_);
    changed();
}

void SyncEngine::endpoint_unreachable() {
    if (state_.connection == Connection::offline) return;
    state_.connection = Connection::offline;
    if (!told_offline_) {
        told_offline_ = true;
        if (state_.catalogue.routes.empty()) {
            notify(Notice::Kind::warning, "网络不可用，暂时无法获取线路", "No network: the routes cannot be loaded yet");
        } else {
            notify(Notice::Kind::warning, "网络不可用，正在离线浏览已保存的线路",
                   "No network: browsing the routes saved on this device");
        }
        offline_notice_ = last_notice_id_;
    }
    changed();
}

void SyncEngine::notify(Notice::Kind kind, std::string zh, std::string en) {
    Notice notice;
    notice.id = ++last_notice_id_;
    notice.kind = kind;
    notice.zh = std::move(zh);
    notice.en = std::move(en);
    state_.notices.push_back(std::move(notice));
    if (state_.notices.size() > options_.max_notices) {
        state_.notices.erase(state_.notices.begin(),
                             state_.notices.begin() + static_cast<std::ptrdiff_t>(state_.notices.size() - options_.max_notices));
    }
    changed();
}

void SyncEngine::dismiss_notice(std::uint64_t id) {
    auto before = state_.notices.size();
    std::erase_if(state_.notices, [id](const Notice& notice) { return notice.id == id; });
    if (state_.notices.size() != before) changed();
}

// ---- catalogue -------------------------------------------------------------------

void SyncEngine::start_sync() {
    sync_in_flight_ = true;
    const bool delta = cache_from_endpoint_ && !need_snapshot_;
    std::string path = delta ? "catalogue?since=" + std::to_string(state_.catalogue.version) : "catalogue";
    HttpHeaders headers;
    if (!etag_.empty() && etag_url_ == endpoint_url(config_.api_base, path)) headers.emplace_back("If-None-Match", etag_);
    send("GET", path, {}, false, std::move(headers), &SyncEngine::on_sync, delta ? 1 : 0);
}

void SyncEngine::sync_failed() {
    ++sync_failures_;
    next_sync_ = now_ + std::min(backoff_delay(sync_failures_, random_.unit(), options_.backoff),
                                 std::max<Instant>(config_.refresh_seconds, 1));
}

void SyncEngine::on_sync(const HttpResponse& response, std::uint64_t tag) {
    sync_in_flight_ = false;
    const bool delta = tag == 1;
    if (unreachable(response.status)) {
        endpoint_unreachable();
        sync_failed();
        return;
    }
    reached_endpoint();
    if (response.status == 304) {
        sync_failures_ = 0;
        next_sync_ = now_ + config_.refresh_seconds;
        state_.synced_at = now_;
        state_.catalogue_from_cache = false;
        changed();
        return;
    }
    if (response.status != 200) {
        need_snapshot_ = true;  // e.g. a cursor the endpoint no longer accepts
        sync_failed();
        return;
    }
    StringSource small_body(response.body);
    TextSource& body = response.large_body ? *response.large_body : small_body;
    Result<Catalogue> decoded = delta ? decode_catalogue_delta(body) : decode_catalogue_snapshot(body);
    if (!decoded) {
        need_snapshot_ = true;
        if (!told_bad_catalogue_) {
            told_bad_catalogue_ = true;
            notify(Notice::Kind::warning, "线路更新失败，稍后重试（" + decoded.error().message_zh + "）",
                   "Updating the routes failed; retrying later (" + decoded.error().message_en + ")");
        }
        sync_failed();
        return;
    }
    told_bad_catalogue_ = false;
    sync_failures_ = 0;
    need_snapshot_ = false;
    next_sync_ = now_ + config_.refresh_seconds;
    std::string etag = header_value(response.headers, "ETag");
    std::string url = endpoint_url(config_.api_base,
                                   delta ? "catalogue?since=" + std::to_string(state_.catalogue.version) : "catalogue");
    bool modified = true;
    if (delta) {
        modified = merge_delta(state_.catalogue, std::move(decoded).value()) > 0;
    } else {
        state_.catalogue = std::move(decoded).value();
    }
    const bool etag_changed = etag != etag_ || url != etag_url_;
    etag_ = etag;
    etag_url_ = url;
    cache_from_endpoint_ = true;
    state_.catalogue_from_cache = false;
    state_.synced_at = now_;
    if (modified) rebuild_groups();
    if (modified || etag_changed) persist_catalogue();
    changed();
}

void SyncEngine::rebuild_groups() {
    state_.groups.clear();
    state_.groups.reserve(state_.catalogue.groups.size());
    for (const GroupTrip& trip : state_.catalogue.groups) {
        GroupCounts counts = count_places(trip);
        counts.units = std::vector<Id>();  // freed (`= {}` would keep its capacity): see GroupView::units_taking_part
        state_.groups.push_back(GroupView{&trip, std::move(counts)});
    }
}

// ---- session ---------------------------------------------------------------------

void SyncEngine::sign_in(const std::string& login, const std::string& password) {
    if (state_.signing_in) return;
    if (!configured_ || !config_.has_endpoint()) {
        notify(Notice::Kind::error, "未连接服务器，无法登录", "No server is configured: cannot sign in");
        return;
    }
    if (login.empty() || password.empty()) {
        notify(Notice::Kind::error, "请输入账号和密码", "Enter your login and password");
        return;
    }
    state_.signing_in = true;
    changed();
    json body = {{"login", login}, {"password", password}};
    send("POST", "sessions", body.dump(-1, ' ', false, json::error_handler_t::replace), false, {},
         &SyncEngine::on_sign_in, ++session_generation_);
}

void SyncEngine::on_sign_in(const HttpResponse& response, std::uint64_t tag) {
    if (tag != session_generation_) return;  // signed out (or in again) meanwhile
    state_.signing_in = false;
    changed();
    if (unreachable(response.status)) {
        endpoint_unreachable();
        notify(Notice::Kind::error, "网络不可用，无法登录，请联网后再试", "No network: cannot sign in, try again online");
        return;
    }
    reached_endpoint();
    if (response.status != 200 && response.status != 201) {
        DomainError error = decode_error_answer(response.status, response.body);
        notify(Notice::Kind::error, "登录失败：" + error.message_zh, "Sign-in failed: " + error.message_en);
        return;
    }
    auto answer = decode_sign_in_answer(response.body);
    if (!answer) {
        notify(Notice::Kind::error, "登录失败：" + answer.error().message_zh, "Sign-in failed: " + answer.error().message_en);
        return;
    }
    // A different account starts with an empty outbox: actions belong to whoever made them.
    if (state_.session && state_.session->id != answer.value().session.id) {
        state_.outbox.clear();
        persist_outbox();
    }
    token_ = answer.value().token;
    state_.session = answer.value().session;
    state_.my_trips.clear();
    state_.my_trips_loaded = false;
    verify_session_ = false;
    trips_wanted_ = state_.session->role == Role::worker;
    persist_session();
    notify(Notice::Kind::success, "登录成功，欢迎" + state_.session->display_name,
           "Signed in: welcome, " + state_.session->display_name);
    for (auto& action : state_.outbox) action.next_attempt = std::min(action.next_attempt, now_);
}

void SyncEngine::on_me(const HttpResponse& response, std::uint64_t tag) {
    me_in_flight_ = false;
    if (tag != session_generation_ || !state_.session) return;
    if (unreachable(response.status) || response.status >= 500) {
        if (unreachable(response.status)) endpoint_unreachable();
        next_me_ = now_ + backoff_delay(2, random_.unit(), options_.backoff);
        return;
    }
    reached_endpoint();
    if (response.status == 401) {
        end_session(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
        return;
    }
    verify_session_ = false;
    auto parsed = parse_json(response.body);
    if (response.status == 200 && parsed) {
        if (auto session = decode_account(*parsed)) {
            state_.session = std::move(session).value();
            persist_session();
        }
    }
    changed();
}

void SyncEngine::on_trips(const HttpResponse& response, std::uint64_t tag) {
    trips_in_flight_ = false;
    if (tag != session_generation_ || !state_.session) return;
    if (unreachable(response.status)) {
        endpoint_unreachable();
        trips_wanted_ = true;  // with the next catalogue sync
        return;
    }
    reached_endpoint();
    if (response.status == 401) {
        end_session(Notice::Kind::warning, "登录已失效，请重新登录", "Your session has expired: please sign in again");
        return;
    }
    if (response.status != 200) return;
    auto trips = decode_my_trips(response.body);
    if (!trips) return;
    state_.my_trips = std::move(trips).value();
    state_.my_trips_loaded = true;
    persist_session();
    changed();
}

void SyncEngine::end_session(const Notice::Kind kind, std::string zh, std::string en) {
    const std::size_t dropped = state_.outbox.size();
    ++session_generation_;
    token_.clear();
    state_.session.reset();
    state_.my_trips.clear();
    state_.my_trips_loaded = false;
    state_.outbox.clear();
    state_.signing_in = false;
    verify_session_ = false;
    trips_wanted_ = false;
    told_saved_.clear();
    persist_session();
    persist_outbox();
    if (dropped > 0) {
        zh += "（" + std::to_string(dropped) + " 项未提交的操作已取消）";
        en += " (" + std::to_string(dropped) + " unsent action(s) cancelled)";
    }
    notify(kind, std::move(zh), std::move(en));
}

void SyncEngine::sign_out() {
    if (!state_.session && token_.empty()) return;
    if (!token_.empty() && configured_ && config_.has_endpoint()) {
        // Fire and forget: the token is forgotten here whatever the endpoint answers.
        send("DELETE", "sessions/current", {}, true, {}, &SyncEngine::on_sign_out_answer);
    }
    end_session(Notice::Kind::info, "已退出登录", "Signed out");
}

void SyncEngine::on_sign_out_answer(const HttpResponse& response, std::uint64_t) {
    if (unreachable(response.status)) return;
    reached_endpoint();
}

// ---- intents: checks before anything is sent ----------------------------------------

const GroupTrip* SyncEngine::find_group(const Id& id) const {
    for (const auto& trip : state_.catalogue.groups) {
        if (trip.id == id) return &trip;
    }
    return nullptr;
}

const Route* SyncEngine::find_route(const Id& id) const {
    for (const auto& route : state_.catalogue.routes) {
        if (route.id == id) return &route;
    }
    return nullptr;
}

const MyTrip* SyncEngine::find_my_trip(const Id& group) const {
    for (const auto& trip : state_.my_trips) {
        if (trip.group == group) return &trip;
    }
    return nullptr;
}

bool SyncEngine::require_role(Role role, const char* verb_zh, const char* verb_en) {
    if (!state_.session) {
        notify(Notice::Kind::error, std::string("请先登录再") + verb_zh, std::string("Sign in first: ") + verb_en);
        return false;
    }
    if (state_.session->role != role) {
        static const char* kRoleZh[] = {"职工", "单位工会", "联盟秘书处"};
        notify(Notice::Kind::error, std::string("只有") + kRoleZh[static_cast<int>(role)] + "账号可以" + verb_zh,
               std::string("This account may not do this: ") + verb_en);
        return false;
    }
    return true;
}

bool SyncEngine::refused_locally(const DomainError& error, PendingAction::Kind kind) {
    Verb verb = verb_of(kind);
    notify(Notice::Kind::error, std::string(verb.zh) + "未提交：" + error.message_zh,
           std::string(verb.en) + " was not sent: " + error.message_en);
    return true;
}

bool SyncEngine::already_pending(PendingAction::Kind kind, const Id& group) const {
    return std::any_of(state_.outbox.begin(), state_.outbox.end(),
                       [&](const PendingAction& action) { return action.kind == kind && action.group == group; });
}

void SyncEngine::join(const Id& group) {
    if (!require_role(Role::worker, "报名", "only workers join group trips")) return;
    const GroupTrip* trip = find_group(group);
    const Route* route = trip ? find_route(trip->route) : nullptr;
    if (!trip || !route) {
        notify(Notice::Kind::error, "找不到该拼团，请刷新后再试", "This group trip is unknown: refresh and try again");
        return;
    }
    if (already_pending(PendingAction::Kind::join, group)) {
        notify(Notice::Kind::info, "该报名已在提交中", "This join is already on its way");
        return;
    }
    if (const MyTrip* mine = find_my_trip(group); mine && holds_place(mine->state)) {
        refused_locally({"already_joined", "您已在该团中（已报名或在候补名单上）",
                         "you already hold a place in this group (or are on its waiting list)", ""},
                        PendingAction::Kind::join);
        return;
    }
    // The other trips this worker holds a place on, for the overlap rule.
    std::vector<TripSpan> spans;
    for (const auto& mine : state_.my_trips) {
        if (mine.group == group || !holds_place(mine.state)) continue;
        const GroupTrip* other = find_group(mine.group);
        const Route* other_route = other ? find_route(other->route) : nullptr;
        if (!other || !other_route) continue;
        spans.push_back(trip_span(*other, *other_route));
    }
    std::int64_t seq = 1;
    for (const auto& place : trip->places) seq = std::max<std::int64_t>(seq, place.seq + 1);
    const Session& me = *state_.session;
    auto checked = liaoxiu::join(*trip, *route, Worker{me.id, me.unit}, spans, seq, now_);
    if (!checked) {
        refused_locally(checked.error(), PendingAction::Kind::join);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::join;
    action.group = group;
    enqueue(std::move(action));
}

// A copy of `trip` that shows the signed-in worker's own place (places arrive without
// workers' ids), so the core's rules can judge a withdrawal or an acceptance.
static GroupTrip with_my_place(const GroupTrip& trip, const Session& me, const MyTrip* mine, bool trips_known,
                               PlaceState assumed, Instant now) {
    GroupTrip copy = trip;
    if (mine || !trips_known) {
        Place place;
        place.worker = me.id;
        place.unit = me.unit;
        place.state = mine ? mine->state : assumed;
        place.offer_expires = mine ? mine->offer_expires : std::nullopt;
        if (place.state == PlaceState::offered && !place.offer_expires) place.offer_expires = now + kOfferWindowSeconds;
        std::int64_t seq = 0;
        for (const auto& other : copy.places) seq = std::max<std::int64_t>(seq, other.seq);
        place.seq = seq + 1;
        place.since = now;
        copy.places.push_back(place);
    }
    return copy;
}

void SyncEngine::withdraw(const Id& group) {
    if (!require_role(Role::worker, "退出拼团", "only workers withdraw their own place")) return;
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        notify(Notice::Kind::error, "找不到该拼团，请刷新后再试", "This group trip is unknown: refresh and try again");
        return;
    }
    if (already_pending(PendingAction::Kind::withdraw, group)) {
        notify(Notice::Kind::info, "该退出申请已在提交中", "This withdrawal is already on its way");
        return;
    }
    // A join still in the outbox is withdrawn after it lands: the order is kept.
    const bool join_pending = already_pending(PendingAction::Kind::join, group);
    const MyTrip* mine = join_pending ? nullptr : find_my_trip(group);
    GroupTrip copy = with_my_place(*trip, *state_.session, mine, state_.my_trips_loaded && !join_pending,
                                   PlaceState::confirmed, now_);
    auto checked = liaoxiu::withdraw(copy, state_.session->id, now_);
    if (!checked) {
        refused_locally(checked.error(), PendingAction::Kind::withdraw);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::withdraw;
    action.group = group;
    enqueue(std::move(action));
}

void SyncEngine::accept_offer(const Id& group) {
    if (!require_role(Role::worker, "接受名额", "only workers accept an offered place")) return;
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        notify(Notice::Kind::error, "找不到该拼团，请刷新后再试", "This group trip is unknown: refresh and try again");
        return;
    }
    if (already_pending(PendingAction::Kind::accept_offer, group)) {
        notify(Notice::Kind::info, "已在提交中", "Already on its way");
        return;
    }
    const MyTrip* mine = find_my_trip(group);
    GroupTrip copy = with_my_place(*trip, *state_.session, mine, state_.my_trips_loaded, PlaceState::offered, now_);
    auto checked = liaoxiu::accept_offer(copy, state_.session->id, now_);
    if (!checked) {
        refused_locally(checked.error(), PendingAction::Kind::accept_offer);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::accept_offer;
    action.group = group;
    enqueue(std::move(action));
}

void SyncEngine::open_group(const GroupDraft& requested) {
    if (!require_role(Role::organizer, "发起拼团", "only a unit's union opens group trips")) return;
    GroupDraft draft = requested;
    // The id is made here, once: a retry of a request whose answer was lost then finds
    // its own trip ("duplicate_id") instead of opening a second one.
    if (draft.id.empty()) draft.id = "g-" + random_.hex(12);
    if (draft.organizer_unit.empty()) draft.organizer_unit = state_.session->unit;
    const Session& me = *state_.session;
    if (auto forbidden = open_group_forbidden(Actor{me.role, me.id, me.unit}, draft.organizer_unit)) {
        refused_locally(*forbidden, PendingAction::Kind::open_group);
        return;
    }
    const Route* route = find_route(draft.route);
    if (!route) {
        refused_locally({"unknown_route", "线路不存在：" + draft.route, "unknown route " + draft.route, ""},
                        PendingAction::Kind::open_group);
        return;
    }
    auto checked = liaoxiu::open_group(draft, *route, state_.catalogue, now_);
    if (!checked) {
        refused_locally(checked.error(), PendingAction::Kind::open_group);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::open_group;
    action.group = draft.id;
    action.draft = draft;
    enqueue(std::move(action));
}

void SyncEngine::cancel_group(const Id& group, const std::string& reason) {
    if (!state_.session) {
        require_role(Role::organizer, "取消拼团", "only the organizing union cancels a group trip");  // "sign in first"
        return;
    }
    const Session& me = *state_.session;
    if (auto forbidden = cancel_forbidden(Actor{me.role, me.id, me.unit}, nullptr)) {
        refused_locally(*forbidden, PendingAction::Kind::cancel_group);
        return;
    }
    const GroupTrip* trip = find_group(group);
    if (!trip) {
        notify(Notice::Kind::error, "找不到该拼团，请刷新后再试", "This group trip is unknown: refresh and try again");
        return;
    }
    if (auto forbidden = cancel_forbidden(Actor{me.role, me.id, me.unit}, trip)) {
        refused_locally(*forbidden, PendingAction::Kind::cancel_group);
        return;
    }
    if (already_pending(PendingAction::Kind::cancel_group, group)) {
        notify(Notice::Kind::info, "取消申请已在提交中", "The cancellation is already on its way");
        return;
    }
    auto checked = liaoxiu::cancel(*trip, reason, now_);
    if (!checked) {
        refused_locally(checked.error(), PendingAction::Kind::cancel_group);
        return;
    }
    PendingAction action;
    action.kind = PendingAction::Kind::cancel_group;
    action.group = group;
    action.reason = reason;
    enqueue(std::move(action));
}

void SyncEngine::refresh() {
    next_sync_ = std::min(next_sync_, now_);
    sync_failures_ = 0;
    if (state_.session && state_.session->role == Role::worker) trips_wanted_ = true;
    for (auto& action : state_.outbox) action.next_attempt = std::min(action.next_attempt, now_);
    if (configured_ && !config_.has_endpoint()) {
        notify(Notice::Kind::info, "未连接服务器，正在显示内置线路", "No server: showing the routes shipped with the app");
    }
    changed();
}

// ---- the outbox --------------------------------------------------------------------

void SyncEngine::enqueue(PendingAction action) {
    action.idempotency_key = random_.new_key();  // once per action; every retry reuses it
    action.created = now_;
    action.next_attempt = now_;
    action.attempts = 0;
    const std::string key = action.idempotency_key;
    state_.outbox.push_back(std::move(action));
    persist_outbox();
    changed();
    if (state_.connection == Connection::offline || !configured_ || !config_.has_endpoint()) {
        told_saved_.insert(key);
        notify(Notice::Kind::warning, "网络不可用，已保存，联网后自动提交",
               "No network: saved, and sent automatically when you are back online");
    }
    send_next_action();
}

void SyncEngine::send_next_action() {
    if (action_in_flight_ || state_.outbox.empty() || !state_.session || token_.empty()) return;
    if (!configured_ || !config_.has_endpoint() || state_.signing_in) return;
    PendingAction& action = state_.outbox.front();
    if (action.next_attempt > now_) return;
    ++action.attempts;
    persist_outbox();
    action_in_flight_ = true;
    HttpHeaders headers = {{"Idempotency-Key", action.idempotency_key}};
    std::string path;
    std::string body = "{}";
    switch (action.kind) {
        case PendingAction::Kind::join: path = group_path(action.group, "join"); break;
        case PendingAction::Kind::withdraw: path = group_path(action.group, "withdraw"); break;
        case PendingAction::Kind::accept_offer: path = group_path(action.group, "accept"); break;
        case PendingAction::Kind::cancel_group:
            path = group_path(action.group, "cancel");
            body = json{{"reason", action.reason}}.dump(-1, ' ', false, json::error_handler_t::replace);
            break;
        case PendingAction::Kind::open_group: {
            path = "groups";
            json draft = *action.draft;
            body = draft.dump(-1, ' ', false, json::error_handler_t::replace);
            break;
        }
    }
    // One action is in flight at a time (the outbox keeps its order); its answer finds it by key.
    in_flight_key_ = action.idempotency_key;
    send("POST", path, std::move(body), true, std::move(headers), &SyncEngine::on_action, session_generation_);
    changed();
}

void SyncEngine::on_action(const HttpResponse& response, std::uint64_t tag) {
    action_in_flight_ = false;
    const std::string key = std::move(in_flight_key_);
    in_flight_key_.clear();
    if (tag != session_generation_) return;  // the session ended meanwhile; its outbox is gone
    auto found = std::find_if(state_.outbox.begin(), state_.outbox.end(),
                              [&](const PendingAction& action) { return action.idempotency_key == key; });
    if (found == state_.outbox.end()) return;
    PendingAction action = *found;
    const Verb verb = verb_of(action.kind);

    if (transient(response.status)) {
        if (unreachable(response.status)) endpoint_unreachable();
        else reached_endpoint();
        Instant wait = backoff_delay(action.attempts, random_.unit(), options_.backoff);
        found->next_attempt = now_ + std::max(wait, retry_after_seconds(response.headers));
        persist_outbox();
        if (told_saved_.insert(key).second) {
            if (response.status == 0 || unreachable(response.status)) {
                notify(Notice::Kind::warning, "网络不可用，已保存，联网后自动提交",
                       "No network: saved, and sent automatically when you are back online");
            } else {
                notify(Notice::Kind::warning, "服务器暂时繁忙，已保存，稍后自动重试",
                       "The server is busy: saved, and retried automatically");
            }
        }
        changed();
        return;
    }
    reached_endpoint();
    state_.outbox.erase(found);
    told_saved_.erase(key);
    persist_outbox();
    changed();

    if (response.status == 401) {
        end_session(Notice::Kind::error,
                    std::string("登录已失效，") + verb.zh + "未提交，请重新登录后再试",
                    std::string("Your session has expired: ") + verb.en + " was not sent; sign in and try again");
        return;
    }
    // Whatever happened, the endpoint's view is fresher than ours now.
    next_sync_ = std::min(next_sync_, now_);
    if (state_.session && state_.session->role == Role::worker) trips_wanted_ = true;

    if (response.status >= 200 && response.status < 300) {
        action_done(action, response);
    } else {
        DomainError error = decode_error_answer(response.status, response.body);
        if (action.attempts > 1 && already_done(action.kind, error.code)) {
            // An earlier attempt arrived though its answer was lost.
            action_done(action, HttpResponse{200, {}, {}});
            return;
        }
        notify(Notice::Kind::error, std::string(verb.zh) + "未成功：" + error.message_zh,
               std::string(verb.en) + " failed: " + error.message_en);
    }
    send_next_action();
}

void SyncEngine::action_done(const PendingAction& action, const HttpResponse& response) {
    auto set_my_trip = [this](const Id& group, PlaceState state, int position) {
        auto mine = std::find_if(state_.my_trips.begin(), state_.my_trips.end(),
                                 [&](const MyTrip& trip) { return trip.group == group; });
        if (mine == state_.my_trips.end()) {
            state_.my_trips.push_back(MyTrip{group, state, position, std::nullopt});
        } else {
            mine->state = state;
            mine->waitlist_position = position;
            mine->offer_expires.reset();
        }
        persist_session();
    };
    switch (action.kind) {
        case PendingAction::Kind::join: {
            auto answer = decode_join_answer(response.body);
            if (!answer) {
                notify(Notice::Kind::success, "报名已提交", "Your join was received");
                break;
            }
            if (answer.value().counts) {
                for (auto& view : state_.groups) {
                    if (view.trip().id == action.group) view.counts = *answer.value().counts;
                }
            }
            set_my_trip(action.group, answer.value().state, answer.value().waitlist_position);
            if (answer.value().state == PlaceState::waitlisted) {
                const std::string n = std::to_string(answer.value().waitlist_position);
                notify(Notice::Kind::info, "已满员，已为您加入候补第" + n + "位",
                       "The group is full: you are number " + n + " on the waiting list");
            } else {
                notify(Notice::Kind::success, "报名成功，已确认名额", "You're in: your place is confirmed");
            }
            break;
        }
        case PendingAction::Kind::withdraw:
            set_my_trip(action.group, PlaceState::withdrawn, 0);
            notify(Notice::Kind::success, "已退出该团，名额已释放", "You left the group trip; your place was released");
            break;
        case PendingAction::Kind::accept_offer:
            set_my_trip(action.group, PlaceState::confirmed, 0);
            notify(Notice::Kind::success, "已接受名额，报名成功", "Place accepted: you're in");
            break;
        case PendingAction::Kind::open_group:
            notify(Notice::Kind::success, "拼团已发起", "The group trip is open");
            break;
        case PendingAction::Kind::cancel_group:
            notify(Notice::Kind::success, "拼团已取消", "The group trip is cancelled");
            break;
    }
    changed();
}

}  // namespace liaoxiu::sync
