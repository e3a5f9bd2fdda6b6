#include "core/wire_rules.hpp"

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
    if (problem) return *problem;
    return rules;
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

}  // namespace liaoxiu::wire
