#include "sync/catalogue_sync.hpp"

#include "core/catalogue_dates.hpp"
#include "core/group_trip.hpp"
#include "core/json.hpp"
#include "sync/answers.hpp"
#include "sync/catalogue_merge.hpp"
#include "sync/persist.hpp"

#include <algorithm>

namespace liaoxiu::sync {

void CatalogueSync::load() {
    auto text = ctx_.storage.get(kCatalogueKey);
    if (!text) return;
    auto cached = decode_cached_catalogue(*text);
    if (!cached) {
        ctx_.storage.remove(kCatalogueKey);  // damaged or from an incompatible version
        return;
    }
    ctx_.state.catalogue = std::move(cached->catalogue);
    ctx_.state.catalogue_from_cache = true;
    ctx_.state.synced_at = cached->stamp.synced_at;
    basis_ = cached->stamp.from_endpoint ? Basis::endpoint : Basis::bundled;
    etag_ = cached->stamp.etag;
    etag_url_ = cached->stamp.etag_url;
    rebuild_groups();
}

void CatalogueSync::offer_bundled(TextSource& text, Instant now) {
    ClientState& state = ctx_.state;
    const bool have_fresher = basis_ != Basis::bundled && !state.catalogue.routes.empty();
    if (have_fresher) return;
    auto parsed = parse_catalogue(text);
    if (!parsed) {
        if (state.catalogue.routes.empty()) {
            ctx_.notifier.notify(Notice::Kind::error, "内置线路数据无法读取：" + parsed.error().message_zh,
                                 "The bundled catalogue could not be read: " + parsed.error().message_en);
        }
        return;
    }
    if (!state.catalogue.routes.empty() && parsed.value().version <= state.catalogue.version) return;
    rebase_dates(parsed.value(), now);  // a demo catalogue tells its story as of today
    drop_unpublished(parsed.value());   // an exported catalogue may hold the secretariat's drafts
    state.catalogue = std::move(parsed).value();
    state.catalogue_from_cache = true;
    basis_ = Basis::bundled;
    rebuild_groups();
    ctx_.notifier.changed();
}

void CatalogueSync::restart() {
    next_ = 0;
    failures_ = 0;
}

void CatalogueSync::sync_soon() { next_ = std::min(next_, ctx_.now); }

void CatalogueSync::refresh() {
    sync_soon();
    failures_ = 0;
}

std::string CatalogueSync::path_of(Request request) const {
    return request == Request::delta ? "catalogue?since=" + std::to_string(ctx_.state.catalogue.version) : "catalogue";
}

void CatalogueSync::poll() {
    if (asking_ != Request::none || ctx_.now < next_) return;
    asking_ = basis_ == Basis::endpoint ? Request::delta : Request::snapshot;
    const Request asked = asking_;
    const std::string path = path_of(asked);
    HttpHeaders headers;
    if (!etag_.empty() && etag_url_ == endpoint_url(ctx_.config->api_base, path)) {
        headers.emplace_back("If-None-Match", etag_);
    }
    ctx_.send("GET", path, {}, {}, std::move(headers),
              [this, asked](const HttpResponse& response) { on_answer(response, asked); });
}

void CatalogueSync::failed() {
    ++failures_;
    next_ = ctx_.now + std::min(backoff_delay(failures_, ctx_.random.unit(), ctx_.options.backoff),
                                std::max<Instant>(ctx_.config->refresh_seconds, 1));
}

void CatalogueSync::on_answer(const HttpResponse& response, Request asked) {
    asking_ = Request::none;
    ClientState& state = ctx_.state;
    if (unreachable(response.status)) {
        ctx_.endpoint_unreachable();
        failed();
        return;
    }
    ctx_.reached_endpoint();
    if (response.status == 304) {
        failures_ = 0;
        next_ = ctx_.now + ctx_.config->refresh_seconds;
        state.synced_at = ctx_.now;
        state.catalogue_from_cache = false;
        ctx_.notifier.changed();
        return;
    }
    if (response.status != 200) {
        if (basis_ == Basis::endpoint) basis_ = Basis::endpoint_refused;  // e.g. a cursor no longer accepted
        failed();
        return;
    }
    StringSource small_body(response.body);
    TextSource& body = response.large_body ? *response.large_body : small_body;
    Result<Catalogue> decoded =
        asked == Request::delta ? decode_catalogue_delta(body) : decode_catalogue_snapshot(body);
    if (!decoded) {
        if (basis_ == Basis::endpoint) basis_ = Basis::endpoint_refused;
        if (!told_bad_answer_) {
            told_bad_answer_ = true;
            ctx_.notifier.notify(Notice::Kind::warning,
                                 "线路更新失败，稍后重试（" + decoded.error().message_zh + "）",
                                 "Updating the routes failed; retrying later (" + decoded.error().message_en + ")");
        }
        failed();
        return;
    }
    told_bad_answer_ = false;
    failures_ = 0;
    next_ = ctx_.now + ctx_.config->refresh_seconds;
    std::string etag = header_value(response.headers, "ETag");
    std::string url = endpoint_url(ctx_.config->api_base, path_of(asked));  // before a delta moves the version
    bool modified = true;
    if (asked == Request::delta) {
        modified = merge_delta(state.catalogue, std::move(decoded).value()) > 0;
    } else {
        state.catalogue = std::move(decoded).value();
        drop_unpublished(state.catalogue);
    }
    const bool etag_changed = etag != etag_ || url != etag_url_;
    etag_ = etag;
    etag_url_ = url;
    basis_ = Basis::endpoint;
    state.catalogue_from_cache = false;
    state.synced_at = ctx_.now;
    if (modified) rebuild_groups();
    if (modified || etag_changed) persist();
    ctx_.notifier.changed();
}

void CatalogueSync::rebuild_groups() {
    ClientState& state = ctx_.state;
    state.groups.clear();
    state.groups.reserve(state.catalogue.groups.size());
    for (const GroupTrip& trip : state.catalogue.groups) {
        GroupCounts counts = count_places(trip);
        counts.units = std::vector<Id>();  // freed (`= {}` would keep its capacity): see GroupView::units_taking_part
        state.groups.push_back(GroupView{&trip, std::move(counts)});
    }
}

void CatalogueSync::persist() {
    const CacheStamp stamp{basis_ != Basis::bundled, etag_, etag_url_, ctx_.state.synced_at};
    // Written in pieces: a 10k catalogue is never copied, nor held as one text. A full quota
    // only costs the cache.
    ctx_.storage.put_streamed(kCatalogueKey,
                              [&](TextSink& out) { return write_cached_catalogue(ctx_.state.catalogue, stamp, out); });
}

}  // namespace liaoxiu::sync
