// Catalogue sync: the cached copy (or the bundled file) at once; then a snapshot, then
// deltas (?since=version) every refresh_seconds, with If-None-Match. Failures back off
// with jitter, never longer than refresh_seconds.
#pragma once

#include "core/text_stream.hpp"
#include "sync/engine_context.hpp"

#include <string>

namespace liaoxiu::sync {

class CatalogueSync {
public:
    explicit CatalogueSync(EngineContext& context) : ctx_(context) {}

    void load();                       // the copy Storage holds, if it can be read
    void offer_bundled(TextSource& text, Instant now);
    void restart();                    // another endpoint: ask it at once
    void poll();                       // starts a request when one is due
    void sync_soon();                  // the endpoint's view is fresher now: ask at the next poll
    void refresh();                    // the user asked: at once, backoff forgotten
    bool busy() const { return asking_ != Request::none; }

private:
    // What the catalogue held is based on, and so what the next request asks for.
    enum class Basis {
        bundled,          // the bundled file, or nothing: its version is no cursor; ask for a snapshot
        endpoint,         // an answer of the endpoint: ask for what changed since its version
        endpoint_refused, // the endpoint's, but the last answer was refused or unreadable: a snapshot
    };
    enum class Request { none, snapshot, delta };  // what is on its way

    std::string path_of(Request request) const;
    void on_answer(const HttpResponse& response, Request asked);
    void failed();
    void rebuild_groups();
    void persist();

    EngineContext& ctx_;
    Basis basis_ = Basis::bundled;
    Request asking_ = Request::none;
    std::string etag_;        // of the last 200 answer, valid for etag_url_ only
    std::string etag_url_;
    Instant next_ = 0;        // when the next request is due
    int failures_ = 0;        // in a row, for the backoff
    bool told_bad_answer_ = false;  // "updating failed" is said once until an update succeeds
};

}  // namespace liaoxiu::sync
