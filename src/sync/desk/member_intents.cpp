// The secretariat desk's member writes: admit, edit, suspend, reinstate, remove. Each is
// checked with the core's rules first (validate_member, a reason where one is required),
// then sent at once with an idempotency key. Unlike a worker's join they are not queued
// for later: the desk works online, and the secretariat must see at once whether a
// suspension happened. The outcome is a Notice and ClientState::member_write.
#include "sync/desk/desk_engine.hpp"

#include "core/identifiers.hpp"
#include "core/json.hpp"
#include "core/wire.hpp"

#include <algorithm>

namespace liaoxiu::sync {
namespace {

struct Words {
    const char* zh;
    const char* en;
};

Words words_of(MemberWrite::Kind kind) {
    switch (kind) {
        case MemberWrite::Kind::admit: return {"准入成员单位", "Admitting the member"};
        case MemberWrite::Kind::update: return {"保存成员单位", "Saving the member"};
        case MemberWrite::Kind::suspend: return {"暂停成员单位", "Suspending the member"};
        case MemberWrite::Kind::reinstate: return {"恢复成员单位", "Reinstating the member"};
        case MemberWrite::Kind::remove: return {"移除成员单位", "Removing the member"};
    }
    return {"操作", "The action"};
}

MemberWrite::Kind kind_of(MemberStatus status) {
    switch (status) {
        case MemberStatus::suspended: return MemberWrite::Kind::suspend;
        case MemberStatus::active: return MemberWrite::Kind::reinstate;
        case MemberStatus::exited: return MemberWrite::Kind::remove;
    }
    return MemberWrite::Kind::suspend;
}

MemberWrite make_write(MemberWrite::Kind kind, const Id& member) {
    MemberWrite write;
    write.kind = kind;
    write.member = member;
    return write;
}

}  // namespace

void DeskEngine::admit_member(const Member& member) {
    if (!ctx_.require_role(Role::secretariat, "准入成员单位", "only the alliance's secretariat admits members")) return;
    MemberWrite write = make_write(MemberWrite::Kind::admit, member.id);
    write.problems = validate_member(member);
    if (std::any_of(ctx_.state.catalogue.members.begin(), ctx_.state.catalogue.members.end(),
                    [&](const Member& m) { return m.id == member.id; })) {
        write.problems.push_back(make_error("duplicate_id", "成员单位编号已存在：" + member.id,
                                            "a member with id " + member.id + " exists", "id"));
    }
    Member admitted = member;
    admitted.status = MemberStatus::active;
    admitted.status_since.reset();
    admitted.status_reason.clear();
    send_member_write(std::move(write), "POST", "members", wire::dump(nlohmann::json(admitted)));
}

void DeskEngine::update_member(const Member& member) {
    if (!ctx_.require_role(Role::secretariat, "修改成员单位", "only the alliance's secretariat edits members")) return;
    MemberWrite write = make_write(MemberWrite::Kind::update, member.id);
    write.problems = validate_member(member);
    send_member_write(std::move(write), "PUT", "members/" + member.id, wire::dump(nlohmann::json(member)));
}

void DeskEngine::change_member_status(const Id& member, MemberStatus status, const std::string& reason) {
    const MemberWrite::Kind kind = kind_of(status);
    const Words words = words_of(kind);
    if (!ctx_.require_role(Role::secretariat, words.zh, "only the alliance's secretariat changes a member's status")) return;
    MemberWrite write = make_write(kind, member);
    const auto& members = ctx_.state.catalogue.members;
    auto found = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.id == member; });
    if (found == members.end()) {
        write.problems.push_back(make_error("not_found", "成员单位不存在：" + member, "no member " + member));
    } else if (found->status == MemberStatus::exited && status != MemberStatus::exited) {
        write.problems.push_back(make_error("member_exited", "已退出的成员单位不能恢复", "a member that exited cannot come back"));
    }
    if (status != MemberStatus::active && !reason_given(reason)) {
        write.problems.push_back(make_error("reason_required", "暂停或移除成员单位须说明原因",
                                            "suspending or removing a member needs a reason", "reason"));
    }
    const char* action = kind == MemberWrite::Kind::suspend ? "/suspend" : kind == MemberWrite::Kind::remove ? "/remove" : "/reinstate";
    nlohmann::json body = nlohmann::json::object();
    if (reason_given(reason)) body["reason"] = reason;
    send_member_write(std::move(write), "POST", "members/" + member + action, wire::dump(body));
}

void DeskEngine::send_member_write(MemberWrite write, std::string method, std::string path, std::string body) {
    ClientState& state = ctx_.state;
    const Words words = words_of(write.kind);
    if (write.problems.empty() && !is_valid_id(write.member)) {
        write.problems.push_back(make_error("bad_value", "编号格式不正确：" + write.member, "not a valid id: " + write.member, "id"));
    }
    if (write.problems.empty() && state.member_write && state.member_write->stage == MemberWrite::Stage::sending) {
        write.problems.push_back(make_error("busy", "上一项操作仍在提交中，请稍候", "the last change is still on its way: wait a moment"));
    }
    if (write.problems.empty() && (!ctx_.has_endpoint() || state.connection == Connection::offline)) {
        write.problems.push_back(make_error("refused", "离线时不能修改成员单位，请联网后再试",
                                            "members cannot be changed offline: try again when online"));
    }
    if (!write.problems.empty()) {
        const DomainError& first = write.problems.front();
        ctx_.notifier.notify(Notice::Kind::error, std::string(words.zh) + "未提交：" + first.message_zh,
                             std::string(words.en) + " was not sent: " + first.message_en);
        write.stage = MemberWrite::Stage::failed;
        state.member_write = std::move(write);
        ctx_.notifier.changed();
        return;
    }
    write.stage = MemberWrite::Stage::sending;
    state.member_write = std::move(write);
    const std::uint64_t generation = session_.generation();
    ctx_.send(std::move(method), path, std::move(body), session_.token(), {{"Idempotency-Key", ctx_.random.new_key()}},
              [this, generation](const HttpResponse& response) { on_member_answer(response, generation); });
    ctx_.notifier.changed();
}

void DeskEngine::on_member_answer(const HttpResponse& response, std::uint64_t generation) {
    ClientState& state = ctx_.state;
    if (generation != session_.generation() || !state.member_write) return;  // signed out meanwhile
    MemberWrite& write = *state.member_write;
    const Words words = words_of(write.kind);
    if (transient(response.status)) {
        if (unreachable(response.status)) ctx_.endpoint_unreachable();
    } else {
        ctx_.reached_endpoint();
    }
    if (response.status == 401) {
        write.stage = MemberWrite::Stage::failed;
        write.problems = {wire::decode_error(response.status, response.body)};
        session_.end(Notice::Kind::error, std::string("登录已失效，") + words.zh + "未完成，请重新登录后再试",
                     std::string("Your session has expired: ") + words.en + " did not happen; sign in and try again");
        return;
    }
    if (response.status >= 200 && response.status < 300) {
        auto change = wire::decode_member_change(response.body);
        write.stage = MemberWrite::Stage::done;
        write.problems.clear();
        if (change) {
            write.impact = change.value().impact;
            // Shown at once; the catalogue's next delta brings the same member.
            auto& members = state.catalogue.members;
            const Member& member = change.value().member;
            auto found = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.id == member.id; });
            if (found != members.end()) {
                *found = member;
            } else {
                members.push_back(member);
            }
        }
        ctx_.notifier.notify(Notice::Kind::success, std::string(words.zh) + "：已完成", std::string(words.en) + ": done");
        catalogue_.sync_soon();
    } else {
        write.stage = MemberWrite::Stage::failed;
        DomainError error = wire::decode_error(response.status, response.body);
        write.problems = {error};
        if (auto parsed = wire::parse_json(response.body); parsed && parsed->is_object() && parsed->contains("problems")) {
            const auto& problems = (*parsed)["problems"];
            if (problems.is_array() && !problems.empty()) {
                write.problems.clear();
                for (const auto& p : problems) write.problems.push_back(wire::decode_error(response.status, p.dump()));
            }
        }
        const bool network = transient(response.status);
        ctx_.notifier.notify(Notice::Kind::error,
                             std::string(words.zh) + "未成功：" + (network ? "网络或服务器暂时不可用，请稍后再试" : error.message_zh),
                             std::string(words.en) + " failed: " + (network ? "the network or server is unavailable; try again" : error.message_en));
    }
    ctx_.notifier.changed();
}

}  // namespace liaoxiu::sync
