// One read of a list the UI shows, for the engine's parts that keep one (a worker's wishes and
// reviews, a member's reviews, a union's approval queue, the messages, the secretariat's scores):
// the view's status goes loading → loaded, or failed with the words why (the endpoint's refusal,
// no network, an answer that could not be read); only the latest read of a view counts. A View
// has `status`, `error_zh` and `error_en`.
#pragma once

#include "sync/engine_context.hpp"
#include "sync/review_sync.hpp"

#include <cstdint>
#include <string>
#include <utility>

namespace liaoxiu::sync {

// GET `path`; a 2xx body goes to `decode` (a Result), whose value `keep(view, value)` stores.
// `view` and `latest` (the view's request counter) must live as long as the engine: the answer
// comes in a later poll, and not at all once the engine is gone.
template <class View, class Decode, class Keep>
void read_view(EngineContext& ctx, ReviewSync& requests, View& view, std::uint64_t& latest, const std::string& path,
               Decode decode, Keep keep) {
    view.status = ReadStatus::loading;
    const std::uint64_t request = ++latest;
    requests.send("GET", path, {},
                  [&ctx, &view, &latest, request, decode = std::move(decode), keep = std::move(keep)](
                      const HttpResponse* ok, const std::string& why_zh, const std::string& why_en) {
                      if (request != latest) return;  // a newer read is on its way
                      if (ok) {
                          auto answer = decode(ok->body);
                          if (answer) {
                              keep(view, std::move(answer).value());
                              view.status = ReadStatus::loaded;
                              view.error_zh.clear();
                              view.error_en.clear();
                              ctx.notifier.changed();
                              return;
                          }
                          view.error_zh = answer.error().message_zh;
                          view.error_en = answer.error().message_en;
                      } else {
                          view.error_zh = why_zh;
                          view.error_en = why_en;
                      }
                      view.status = ReadStatus::failed;
                      ctx.notifier.changed();
                  });
    ctx.notifier.changed();
}

}  // namespace liaoxiu::sync
