#include "sync/wish_sync.hpp"

#include "core/query_params.hpp"
#include "core/wire.hpp"
#include "core/wire_wishes.hpp"
#include "core/wish.hpp"
#include "sync/review_sync.hpp"
#include "sync/session_sync.hpp"
#include "sync/view_read.hpp"

#include <algorithm>

namespace liaoxiu::sync {

void WishSync::want() {
    if (ctx_.state.my_wishes.status != ReadStatus::loading) ctx_.state.my_wishes.status = ReadStatus::none;
    if (ctx_.state.unit_wishes.status != ReadStatus::loading) ctx_.state.unit_wishes.status = ReadStatus::none;
}

void WishSync::poll() {
    const ClientState& state = ctx_.state;
    if (state.kiosk || !state.session || !ctx_.has_endpoint()) return;
    if (state.session->role == Role::worker && state.my_wishes.status == ReadStatus::none) load_my_wishes();
    if (state.session->role == Role::organizer && state.unit_wishes.status == ReadStatus::none) load_unit_wishes();
}

void WishSync::load_my_wishes() {
    read_view(ctx_, requests_, ctx_.state.my_wishes, my_request_, "me/wishes",
              [](const std::string& body) { return wire::decode_my_wishes(body); },
              [](MyWishesView& view, std::vector<wire::MyWish> wishes) { view.wishes = std::move(wishes); });
}

void WishSync::load_unit_wishes() {
    ctx_.state.unit_wishes.status = ReadStatus::loading;
    const std::uint64_t request = ++unit_request_;
    const Id unit = ctx_.state.session->unit;
    requests_.send("GET", "units/" + query_params::percent_escaped(unit) + "/wishes", {},
                   [this, request](const HttpResponse* ok, const std::string&, const std::string&) {
                       if (request != unit_request_) return;
                       UnitWishesView& view = ctx_.state.unit_wishes;
                       auto answer = ok ? wire::decode_unit_wishes(ok->body) : Result<wire::UnitWishes>(DomainError{});
                       if (ok && answer) {
                           view.answer = std::move(answer).value();
                           view.status = ReadStatus::loaded;
                       } else {
                           view.status = ReadStatus::failed;  // the count is left out, nothing else
                       }
                       ctx_.notifier.changed();
                   });
    ctx_.notifier.changed();
}

void WishSync::wish(const Id& route) { write(route, true); }
void WishSync::unwish(const Id& route) { write(route, false); }

void WishSync::write(const Id& route, bool wished) {
    if (!ctx_.require_role(Role::worker, wished ? "点想去" : "取消想去", wished ? "say you would go" : "take back 想去")) return;
    if (!ctx_.has_endpoint()) {
        ctx_.notifier.notify(Notice::Kind::error, "未连接服务器，想去未能告诉工会", "No server: your union could not be told");
        return;
    }
    std::vector<Id>& sending = ctx_.state.wishes_sending;
    if (std::find(sending.begin(), sending.end(), route) != sending.end()) return;  // a tap while it is on its way
    sending.push_back(route);
    ctx_.notifier.changed();
    const std::string path = "routes/" + query_params::percent_escaped(route) + "/wish";
    requests_.send(wished ? "POST" : "DELETE", path, wished ? "{}" : "",
                   [this, route, wished](const HttpResponse* ok, const std::string& why_zh, const std::string& why_en) {
                       std::erase(ctx_.state.wishes_sending, route);
                       std::vector<wire::MyWish>& wishes = ctx_.state.my_wishes.wishes;
                       if (!ok) {
                           ctx_.notifier.notify(Notice::Kind::error, (wished ? "想去未能告诉工会：" : "未能取消想去：") + why_zh,
                                                (wished ? "Your union could not be told: " : "Could not take back 想去: ") + why_en);
                           ctx_.notifier.changed();
                           return;
                       }
                       std::erase_if(wishes, [&](const wire::MyWish& w) { return w.wish.route == route; });
                       if (wished) {
                           auto json = wire::parse_json(ok->body);
                           auto mine = json ? wire::decode_my_wish(*json) : Result<wire::MyWish>(wire::bad_answer("wish"));
                           if (mine) wishes.insert(wishes.begin(), std::move(mine).value());
                           else ctx_.state.my_wishes.status = ReadStatus::none;  // read the list again
                       }
                       ctx_.notifier.changed();
                   });
}

}  // namespace liaoxiu::sync
