#include "core/union_rules.hpp"

#include "core/dates.hpp"
#include "core/group_trip.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace liaoxiu {
namespace {

template <class T>
std::optional<T> either(const std::optional<T>& own, const std::optional<T>& fallback) {
    return own ? own : fallback;
}

std::string n(std::int64_t value) { return std::to_string(value); }

constexpr int kMaxDecisionHours = 720;  // 30 days

void check_limit(std::vector<DomainError>& out, const std::optional<std::int64_t>& value, int minimum,
                 const char* field, const char* zh) {
    if (!value || *value >= minimum) return;
    out.push_back(make_error("invalid_rule",
                             std::string(zh) + "不能小于" + n(minimum),
                             std::string(field) + " must be at least " + n(minimum), field));
}

std::optional<std::int64_t> widen(const std::optional<int>& v) {
    return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}

}  // namespace

Allowance effective_allowance(const Allowance& alliance, const Allowance& unit) {
    Allowance a;
    a.trips_per_year = either(unit.trips_per_year, alliance.trips_per_year);
    a.days_per_year = either(unit.days_per_year, alliance.days_per_year);
    a.out_of_province_every_years = either(unit.out_of_province_every_years, alliance.out_of_province_every_years);
    a.cost_standard = either(unit.cost_standard, alliance.cost_standard);
    return a;
}

UnionRules effective_rules(const UnionRules& alliance, const UnionRules& unit) {
    UnionRules r;
    r.allowance = effective_allowance(alliance.allowance, unit.allowance);
    r.unit_share_percent = either(unit.unit_share_percent, alliance.unit_share_percent);
    r.approval_required = either(unit.approval_required, alliance.approval_required);
    r.decision_hours = either(unit.decision_hours, alliance.decision_hours);
    return r;
}

ApprovalTerms approval_terms(const UnionRules& effective) {
    return ApprovalTerms{effective.approval_required.value_or(false),
                         effective.decision_hours.value_or(kDefaultDecisionHours)};
}

std::vector<DomainError> validate_rules(const UnionRules& rules) {
    std::vector<DomainError> out;
    const Allowance& a = rules.allowance;
    check_limit(out, widen(a.trips_per_year), 0, "trips_per_year", "每年次数");
    check_limit(out, widen(a.days_per_year), 0, "days_per_year", "每年天数");
    check_limit(out, widen(a.out_of_province_every_years), 1, "out_of_province_every_years", "省外间隔年数");
    check_limit(out, a.cost_standard, 0, "cost_standard", "费用标准");
    check_limit(out, widen(rules.unit_share_percent), 0, "unit_share_percent", "单位承担比例");
    if (rules.unit_share_percent && *rules.unit_share_percent > 100)
        out.push_back(make_error("invalid_rule", "单位承担比例不能超过100%", "unit_share_percent must be at most 100",
                                 "unit_share_percent"));
    check_limit(out, widen(rules.decision_hours), 1, "decision_hours", "审批时限（小时）");
    if (rules.decision_hours && *rules.decision_hours > kMaxDecisionHours)
        out.push_back(make_error("invalid_rule", "审批时限不能超过" + n(kMaxDecisionHours) + "小时",
                                 "decision_hours must be at most " + n(kMaxDecisionHours), "decision_hours"));
    return out;
}

CostSplit cost_split(const Route& route, const UnionRules& unit_rules) {
    CostSplit split;
    const Fen price = std::max<Fen>(route.price, 0);
    split.union_subsidy = std::clamp<Fen>(route.subsidy, 0, price);
    const Fen remaining = price - split.union_subsidy;
    const int percent = std::clamp(unit_rules.unit_share_percent.value_or(0), 0, 100);
    split.unit_share = remaining / 100 * percent + remaining % 100 * percent / 100;  // floor, no overflow
    split.worker_share = remaining - split.unit_share;
    return split;
}

std::string province_of(std::string_view region) {
    constexpr std::string_view kDot = "\xC2\xB7";  // U+00B7 MIDDLE DOT, as in "浙江·衢州"
    const auto at = region.find(kDot);
    return std::string(at == std::string_view::npos ? region : region.substr(0, at));
}

HeldTrip held_trip(const GroupTrip& trip, const Route& route, std::string_view home_province) {
    return HeldTrip{trip.id, trip.departure, std::max(route.days, 1),
                    !home_province.empty() && province_of(route.region) != home_province};
}

int allowance_year(Day departure) { return civil_from_day(departure).year; }

AllowanceUse allowance_use(const std::vector<HeldTrip>& held, int year) {
    AllowanceUse use;
    use.year = year;
    for (const HeldTrip& t : held) {
        const int y = allowance_year(t.departure);
        if (y == year) {
            ++use.trips;
            use.days += std::max(t.days, 1);
        }
        if (t.out_of_province &&
            (!use.nearest_out_of_province_year ||
             std::abs(y - year) < std::abs(*use.nearest_out_of_province_year - year)))
            use.nearest_out_of_province_year = y;
    }
    return use;
}

std::optional<DomainError> allowance_refused(const Allowance& allowance, const std::vector<HeldTrip>& held,
                                             const Id& group, const Route& route, Day departure,
                                             std::string_view home_province) {
    std::vector<HeldTrip> others;
    for (const HeldTrip& t : held)
        if (t.group != group) others.push_back(t);
    const int year = allowance_year(departure);
    const AllowanceUse use = allowance_use(others, year);
    const int days = std::max(route.days, 1);

    if (allowance.trips_per_year && use.trips + 1 > *allowance.trips_per_year) {
        const std::string used = n(use.trips) + "/" + n(*allowance.trips_per_year);
        return make_error("allowance_trips_used", n(year) + "年疗休养次数已用完（" + used + "）",
                          "no trips left in " + n(year) + " (" + n(use.trips) + " of " +
                              n(*allowance.trips_per_year) + " used)");
    }
    if (allowance.days_per_year && use.days + days > *allowance.days_per_year) {
        return make_error("allowance_days_exceeded",
                          n(year) + "年疗休养天数不足：已用" + n(use.days) + "天，共" + n(*allowance.days_per_year) +
                              "天，本次需" + n(days) + "天",
                          "not enough days left in " + n(year) + ": " + n(use.days) + " of " +
                              n(*allowance.days_per_year) + " days used, this trip needs " + n(days));
    }
    const bool out_of_province = held_trip(GroupTrip{}, route, home_province).out_of_province;
    if (out_of_province && allowance.out_of_province_every_years) {
        const int every = *allowance.out_of_province_every_years;
        std::vector<HeldTrip> outside;
        for (const HeldTrip& t : others)
            if (t.out_of_province) outside.push_back(t);
        const AllowanceUse near = allowance_use(outside, year);
        if (near.nearest_out_of_province_year && std::abs(*near.nearest_out_of_province_year - year) < every) {
            const std::string last = n(*near.nearest_out_of_province_year);
            return make_error("out_of_province_too_soon",
                              "省外疗休养每" + n(every) + "年1次：已有" + last + "年的省外疗休养",
                              "out-of-province trips once every " + n(every) + " years: you already have one in " +
                                  last);
        }
    }
    if (allowance.cost_standard) {
        const Fen after_subsidy = std::max<Fen>(route.price, 0) - std::clamp<Fen>(route.subsidy, 0, std::max<Fen>(route.price, 0));
        if (after_subsidy > *allowance.cost_standard)
            return make_error("over_cost_standard",
                              "本次费用超出单位标准（补贴后" + format_yuan(after_subsidy) + "，标准" +
                                  format_yuan(*allowance.cost_standard) + "）",
                              "this trip costs more than your unit's standard (" + format_yuan(after_subsidy) +
                                  " after subsidy, standard " + format_yuan(*allowance.cost_standard) + ")");
    }
    return std::nullopt;
}

std::string format_yuan(Fen fen) {
    const bool negative = fen < 0;
    const std::uint64_t v = negative ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : static_cast<std::uint64_t>(fen);
    std::string digits = std::to_string(v / 100);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    std::string out = std::string(negative ? "-" : "") + "\xC2\xA5" + grouped;  // ¥
    if (const auto cents = v % 100; cents != 0) out += "." + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
    return out;
}

const char* rules_scope_name(RulesScope scope) { return scope == RulesScope::alliance ? "alliance" : "unit"; }

RulesText cost_split_text(const CostSplit& s) {
    RulesText text{"本次自付" + format_yuan(s.worker_share) + "（工会补贴" + format_yuan(s.union_subsidy),
                   "you pay " + format_yuan(s.worker_share) + " (union subsidy " + format_yuan(s.union_subsidy)};
    if (s.unit_share > 0) {
        text.zh += "，单位承担" + format_yuan(s.unit_share);
        text.en += ", your unit " + format_yuan(s.unit_share);
    }
    text.zh += "）";
    text.en += ")";
    return text;
}

RulesText rules_summary(const UnionRules& effective, const std::vector<HeldTrip>& held, int year,
                        const Route* route, std::string_view home_province) {
    std::vector<std::string> zh;
    std::vector<std::string> en;
    const Allowance& a = effective.allowance;
    const AllowanceUse use = allowance_use(held, year);
    const std::string y = n(year);
    if (effective.approval_required.value_or(false)) {
        zh.push_back("本单位需工会审批");
        en.push_back("your union approves each place");
    }
    if (a.trips_per_year) {
        const int left = std::max(0, *a.trips_per_year - use.trips);
        zh.push_back(y + "年还可参加" + n(left) + "次（共" + n(*a.trips_per_year) + "次）");
        en.push_back(n(left) + " of " + n(*a.trips_per_year) + (*a.trips_per_year == 1 ? " trip" : " trips") +
                     " left in " + y);
    }
    if (a.days_per_year) {
        const int left = std::max(0, *a.days_per_year - use.days);
        zh.push_back("还剩" + n(left) + "天（共" + n(*a.days_per_year) + "天）");
        en.push_back(n(left) + " of " + n(*a.days_per_year) + " days left");
    }
    if (a.out_of_province_every_years) {
        const int every = *a.out_of_province_every_years;
        zh.push_back(every == 1 ? std::string("省外每年1次") : "省外每" + n(every) + "年1次");
        en.push_back(every == 1 ? std::string("out of province once a year")
                                : "out of province once every " + n(every) + " years");
        if (route && !home_province.empty() && province_of(route->region) != home_province) {
            zh.back() += "（本线路在省外）";
            en.back() += " (this route is out of province)";
        }
    }
    if (a.cost_standard) {
        zh.push_back("费用标准" + format_yuan(*a.cost_standard) + "/次");
        en.push_back("cost standard " + format_yuan(*a.cost_standard) + " a trip");
    }
    if (route) {
        RulesText cost = cost_split_text(cost_split(*route, effective));
        zh.push_back(std::move(cost.zh));
        en.push_back(std::move(cost.en));
    }
    RulesText text;
    for (std::size_t i = 0; i < zh.size(); ++i) {
        if (i) {
            text.zh += "；";
            text.en += "; ";
        }
        text.zh += zh[i];
        text.en += en[i];
    }
    return text;
}

bool open_to_unit(const GroupTrip& trip, const Id& unit) {
    return trip.visibility == Visibility::alliance || unit == trip.organizer_unit;
}

std::optional<DomainError> approval_forbidden(const Actor& by, const Id& worker_unit) {
    if (by.role != Role::organizer)
        return make_error("forbidden", "只有职工所在单位的工会可以审批", "only the worker's own union decides on approval");
    if (by.unit != worker_unit)
        return make_error("not_own_unit_worker", "该职工不是本单位职工，由其所在单位工会审批",
                          "this worker is not of your unit: their own union decides");
    return std::nullopt;
}

std::optional<DomainError> approval_queue_forbidden(const Actor& by, const Id& unit) {
    if (by.role != Role::organizer || by.unit != unit)
        return make_error("forbidden", "只有本单位工会可以查看本单位的待审批名单",
                          "only the unit's own union reads its approval queue");
    return std::nullopt;
}

std::optional<DomainError> alliance_rules_forbidden(const Actor& by) {
    if (by.role == Role::secretariat) return std::nullopt;
    return make_error("forbidden", "只有联盟秘书处可以设置联盟的疗休养规则",
                      "only the alliance's secretariat sets the alliance's rules");
}

std::optional<DomainError> unit_rules_forbidden(const Actor& by, const Id& unit) {
    if (by.role == Role::secretariat) return std::nullopt;
    if (by.role == Role::organizer && by.unit == unit) return std::nullopt;
    return make_error("forbidden", "只有本单位工会或联盟秘书处可以设置单位的疗休养规则",
                      "only the unit's own union or the secretariat sets a unit's rules");
}

std::optional<DomainError> open_to_all_forbidden(const Actor& by, const GroupTrip& trip) {
    if (by.role == Role::secretariat) return std::nullopt;
    if (by.role == Role::organizer && by.unit == trip.organizer_unit) return std::nullopt;
    return make_error("forbidden", "只有组团单位工会或联盟秘书处可以向所有单位开放该团",
                      "only the organizing unit's union or the secretariat opens the group to all units");
}

}  // namespace liaoxiu
