#include "core/wire_rules.hpp"

#include "core/dates.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace liaoxiu::wire {
namespace {

using nlohmann::json;

template <class T>
void put(json& j, const char* key, const std::optional<T>& value) {
    if (value) j[key] = *value;
}

// An optional integer field; the first problem wins.
template <class T>
void read(const json& j, const char* key, std::optional<T>& out, std::optional<DomainError>& problem) {
    if (problem) return;
    out.reset();
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if (!it->is_number_integer()) {
        problem = make_error("wrong_type", std::string(key) + " 必须是整数", std::string(key) + " must be an integer",
                             key);
        return;
    }
    if (it->is_number_unsigned() ? it->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                                 : (it->get<std::int64_t>() < std::numeric_limits<T>::min() ||
                                    it->get<std::int64_t>() > std::numeric_limits<T>::max())) {
        problem = make_error("bad_value", std::string(key) + " 超出范围", std::string(key) + " is out of range", key);
        return;
    }
    out = static_cast<T>(it->is_number_unsigned() ? static_cast<std::int64_t>(it->get<std::uint64_t>())
                                                  : it->get<std::int64_t>());
}

// An optional boolean field; the first problem wins.
void read_flag(const json& j, const char* key, std::optional<bool>& out, std::optional<DomainError>& problem) {
    if (problem) return;
    out.reset();
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if (!it->is_boolean()) {
        problem = make_error("wrong_type", std::string(key) + " 必须是 true 或 false",
                             std::string(key) + " must be true or false", key);
        return;
    }
    out = it->get<bool>();
}

DomainError bad_answer(const char* what) {
    return make_error("bad_answer", std::string("无法读取服务器的回答：") + what,
                      std::string("could not read the server's answer: ") + what);
}

}  // namespace

json encode_rules(const UnionRules& rules) {
    json j = json::object();
    put(j, "trips_per_year", rules.allowance.trips_per_year);
    put(j, "days_per_year", rules.allowance.days_per_year);
    put(j, "out_of_province_every_years", rules.allowance.out_of_province_every_years);
    put(j, "cost_standard", rules.allowance.cost_standard);
    put(j, "unit_share_percent", rules.unit_share_percent);
    put(j, "approval_required", rules.approval_required);
    put(j, "decision_hours", rules.decision_hours);
    return j;
}

Result<UnionRules> decode_rules(const json& j) {
    if (!j.is_object()) return make_error("wrong_type", "规则必须是对象", "the rules must be an object");
    UnionRules rules;
    std::optional<DomainError> problem;
    read(j, "trips_per_year", rules.allowance.trips_per_year, problem);
    read(j, "days_per_year", rules.allowance.days_per_year, problem);
    read(j, "out_of_province_every_years", rules.allowance.out_of_province_every_years, problem);
    read(j, "cost_standard", rules.allowance.cost_standard, problem);
    read(j, "unit_share_percent", rules.unit_share_percent, problem);
    read_flag(j, "approval_required", rules.approval_required, problem);
    read(j, "decision_hours", rules.decision_hours, problem);
    if (problem) return *problem;
    return rules;
}

json encode_rules_answer(const RulesAnswer& answer) {
    json j{{"scope", rules_scope_name(answer.scope)}, {"id", answer.id}, {"rules", encode_rules(answer.rules)}};
    if (answer.alliance_rules) j["alliance_rules"] = encode_rules(*answer.alliance_rules);
    if (answer.effective) j["effective"] = encode_rules(*answer.effective);
    return j;
}

Result<RulesAnswer> decode_rules_answer(const json& j) {
    if (!j.is_object()) return bad_answer("rules");
    RulesAnswer answer;
    const auto scope = j.find("scope");
    const auto id = j.find("id");
    const auto rules = j.find("rules");
    if (scope == j.end() || !scope->is_string() || id == j.end() || !id->is_string() || rules == j.end())
        return bad_answer("rules");
    if (*scope == "alliance")
        answer.scope = RulesScope::alliance;
    else if (*scope == "unit")
        answer.scope = RulesScope::unit;
    else
        return bad_answer("rules.scope");
    answer.id = id->get<std::string>();
    auto own = decode_rules(*rules);
    if (!own) return bad_answer("rules.rules");
    answer.rules = own.value();
    for (auto [name, field] : {std::pair{"alliance_rules", &answer.alliance_rules}, std::pair{"effective", &answer.effective}}) {
        const auto found = j.find(name);
        if (found == j.end()) continue;
        auto decoded = decode_rules(*found);
        if (!decoded) return bad_answer(name);
        *field = decoded.value();
    }
    return answer;
}

json encode_cost_split(const CostSplit& s) {
    return json{{"union_subsidy", s.union_subsidy}, {"unit_share", s.unit_share}, {"worker_share", s.worker_share}};
}

json encode_allowance_view(const AllowanceView& v) {
    json j{{"year", v.year},
           {"rules", encode_rules(v.rules)},
           {"used", {{"trips", v.used.trips}, {"days", v.used.days}}}};
    json left = json::object();
    if (v.rules.allowance.trips_per_year) left["trips"] = std::max(0, *v.rules.allowance.trips_per_year - v.used.trips);
    if (v.rules.allowance.days_per_year) left["days"] = std::max(0, *v.rules.allowance.days_per_year - v.used.days);
    j["left"] = left;
    if (v.used.nearest_out_of_province_year) j["used"]["out_of_province_year"] = *v.used.nearest_out_of_province_year;
    if (v.split) j["cost_split"] = encode_cost_split(*v.split);
    j["summary_zh"] = v.summary.zh;
    j["summary_en"] = v.summary.en;
    return j;
}

Result<AllowanceView> decode_allowance_view(const json& j) {
    if (!j.is_object()) return bad_answer("allowance");
    AllowanceView v;
    try {
        v.year = j.at("year").get<int>();
        auto rules = decode_rules(j.at("rules"));
        if (!rules) return bad_answer("rules");
        v.rules = rules.value();
        v.used.year = v.year;
        v.used.trips = j.at("used").at("trips").get<int>();
        v.used.days = j.at("used").at("days").get<int>();
        if (auto it = j["used"].find("out_of_province_year"); it != j["used"].end())
            v.used.nearest_out_of_province_year = it->get<int>();
        if (auto it = j.find("cost_split"); it != j.end())
            v.split = CostSplit{it->at("union_subsidy").get<Fen>(), it->at("unit_share").get<Fen>(),
                                it->at("worker_share").get<Fen>()};
        v.summary.zh = j.at("summary_zh").get<std::string>();
        v.summary.en = j.at("summary_en").get<std::string>();
    } catch (const json::exception&) {
        return bad_answer("allowance");
    }
    return v;
}

json encode_approval_queue(const ApprovalQueue& queue) {
    json entries = json::array();
    for (const ApprovalEntry& e : queue.approvals) {
        json j{{"group", e.group},
               {"route", e.route},
               {"route_title", e.route_title},
               {"departure", format_day(e.departure)},
               {"last_day", format_day(e.last_day)},
               {"worker", e.worker},
               {"worker_name", e.worker_name},
               {"since", format_instant(e.since)},
               {"decision_due", format_instant(e.decision_due)},
               {"price", e.price},
               {"cost_split", encode_cost_split(e.split)}};
        if (!e.member_number.empty()) j["member_number"] = e.member_number;
        json left = json::object();
        if (e.trips_left) left["trips"] = *e.trips_left;
        if (e.days_left) left["days"] = *e.days_left;
        j["left"] = left;
        entries.push_back(std::move(j));
    }
    return json{{"unit", queue.unit}, {"approval_required", queue.approval_required}, {"approvals", std::move(entries)}};
}

Result<ApprovalQueue> decode_approval_queue(const json& j) {
    if (!j.is_object()) return bad_answer("approvals");
    ApprovalQueue queue;
    try {
        queue.unit = j.at("unit").get<std::string>();
        queue.approval_required = j.value("approval_required", false);
        for (const json& item : j.at("approvals")) {
            ApprovalEntry e;
            e.group = item.at("group").get<std::string>();
            e.route = item.at("route").get<std::string>();
            e.route_title = item.at("route_title").get<std::string>();
            auto departure = parse_day(item.at("departure").get<std::string>());
            auto last = parse_day(item.at("last_day").get<std::string>());
            auto since = parse_instant(item.at("since").get<std::string>());
            auto due = parse_instant(item.at("decision_due").get<std::string>());
            if (!departure || !last || !since || !due) return bad_answer("approvals");
            e.departure = *departure;
            e.last_day = *last;
            e.since = *since;
            e.decision_due = *due;
            e.worker = item.at("worker").get<std::string>();
            e.worker_name = item.at("worker_name").get<std::string>();
            e.member_number = item.value("member_number", std::string());
            e.price = item.at("price").get<Fen>();
            const json& split = item.at("cost_split");
            e.split = CostSplit{split.at("union_subsidy").get<Fen>(), split.at("unit_share").get<Fen>(),
                                split.at("worker_share").get<Fen>()};
            const json& left = item.at("left");
            if (auto it = left.find("trips"); it != left.end()) e.trips_left = it->get<int>();
            if (auto it = left.find("days"); it != left.end()) e.days_left = it->get<int>();
            queue.approvals.push_back(std::move(e));
        }
    } catch (const json::exception&) {
        return bad_answer("approvals");
    }
    return queue;
}

}  // namespace liaoxiu::wire
