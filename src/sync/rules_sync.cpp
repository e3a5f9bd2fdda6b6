#include "sync/rules_sync.hpp"

#include "core/permissions.hpp"
#include "core/query_params.hpp"
#include "core/wire.hpp"
#include "core/wire_rules.hpp"
#include "sync/review_sync.hpp"
#include "sync/view_read.hpp"

namespace liaoxiu::sync {

void RulesSync::want() {
    if (ctx_.state.my_rules.status != ReadStatus::loading) ctx_.state.my_rules.status = ReadStatus::none;
}

void RulesSync::poll() {
    const ClientState& state = ctx_.state;
    if (!ctx_.has_endpoint() || !state.session || state.session->role != Role::worker) return;
    if (state.my_rules.status != ReadStatus::none) return;
    read_view(
        ctx_, requests_, ctx_.state.my_rules, request_, "me/allowance",
        [](const std::string& body) {
            auto json = wire::parse_json(body);
            return json ? wire::decode_allowance_view(*json) : Result<wire::AllowanceView>(wire::bad_answer("allowance"));
        },
        [](MyRulesView& view, wire::AllowanceView allowance) { view.rules = std::move(allowance.rules); });
}

namespace {

std::string rules_path(RulesScope scope, const Id& id) {
    return std::string(scope == RulesScope::alliance ? "alliances/" : "units/") + query_params::percent_escaped(id) +
           "/rules";
}

Result<wire::RulesAnswer> decode_answer(const std::string& body) {
    auto json = wire::parse_json(body);
    return json ? wire::decode_rules_answer(*json) : Result<wire::RulesAnswer>(wire::bad_answer("rules"));
}

}  // namespace

bool RulesSync::refused(RulesScope scope, const Id& id, const char* verb_zh, const char* verb_en) {
    if (!ctx_.state.session) {
        ctx_.require_role(Role::organizer, verb_zh, verb_en);  // "sign in first"
        return true;
    }
    const Session& session = *ctx_.state.session;
    const Actor me{session.role, session.id, session.unit};
    if (auto forbidden = scope == RulesScope::alliance ? alliance_rules_forbidden(me) : unit_rules_forbidden(me, id)) {
        ctx_.notifier.notify(Notice::Kind::error, std::string(verb_zh) + "未完成：" + forbidden->message_zh,
                             std::string(verb_en) + ": not done: " + forbidden->message_en);
        return true;
    }
    if (!ctx_.has_endpoint()) {
        ctx_.notifier.notify(Notice::Kind::error, std::string("未连接服务器，") + verb_zh + "未完成",
                             std::string("No server: ") + verb_en + " not done");
        return true;
    }
    return false;
}

void RulesSync::load_rules_settings(RulesScope scope, const Id& id) {
    if (refused(scope, id, "读取规则", "reading the rules")) return;
    read_view(ctx_, requests_, ctx_.state.rules_settings, settings_request_, rules_path(scope, id), decode_answer,
              [](RulesSettingsView& view, wire::RulesAnswer answer) { view.answer = std::move(answer); });
}

void RulesSync::save_rules_settings(RulesScope scope, const Id& id, const UnionRules& rules) {
    RulesSettingsView& view = ctx_.state.rules_settings;
    if (view.saving || refused(scope, id, "保存规则", "saving the rules")) return;
    if (auto problems = validate_rules(rules); !problems.empty()) {
        view.save_error_zh = problems.front().message_zh;
        view.save_error_en = problems.front().message_en;
        ctx_.notifier.notify(Notice::Kind::error, "规则未保存：" + view.save_error_zh,
                             "The rules were not saved: " + view.save_error_en);
        return;
    }
    view.saving = true;
    view.save_error_zh.clear();
    view.save_error_en.clear();
    ++settings_request_;  // a read on its way would bring the rules from before the save
    requests_.send("PUT", rules_path(scope, id), wire::dump(wire::encode_rules(rules)),
                   [this](const HttpResponse* ok, const std::string& why_zh, const std::string& why_en) {
                       RulesSettingsView& view = ctx_.state.rules_settings;
                       view.saving = false;
                       auto answer = ok ? decode_answer(ok->body) : Result<wire::RulesAnswer>(DomainError{});
                       if (ok && answer) {
                           view.answer = std::move(answer).value();
                           view.status = ReadStatus::loaded;
                           ++view.saved;
                           ctx_.notifier.notify(Notice::Kind::success, "规则已保存，此后的报名按新规则办理",
                                                "The rules are saved: joins from now on follow them");
                       } else {
                           view.save_error_zh = ok ? answer.error().message_zh : why_zh;
                           view.save_error_en = ok ? answer.error().message_en : why_en;
                           ctx_.notifier.notify(Notice::Kind::error, "规则未保存：" + view.save_error_zh,
                                                "The rules were not saved: " + view.save_error_en);
                       }
                       ctx_.notifier.changed();
                   });
    ctx_.notifier.changed();
}

}  // namespace liaoxiu::sync
