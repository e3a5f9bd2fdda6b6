// The scale generator's alliances, members and routes, and generate_catalogue, which
// assembles the whole (policies, units and group trips: generate_groups.cpp).
#include "core/generate.hpp"
#include "core/generate_detail.hpp"

#include "core/dates.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace liaoxiu {
namespace generate_detail {

const std::vector<AllianceSeed>& alliance_seeds() {
    static const std::vector<AllianceSeed> seeds = {
        {"a-quzhou", "qz", "衢州市职工疗休养联盟", "浙江·衢州", "浙江省",
         {{"衢州市", "衢州", "柯城区", "0570", 7}, {"衢州市", "衢州", "衢江区", "0570", 7}, {"衢州市", "龙游", "龙游县", "0570", 7},
          {"衢州市", "江山", "江山市", "0570", 7}, {"衢州市", "常山", "常山县", "0570", 7}, {"衢州市", "开化", "开化县", "0570", 7}},
         {"衢江", "江郎", "廿八都", "乌溪江", "钱江源", "三衢", "灵鹫", "仙霞", "石梁", "九华", "沐尘", "芹阳", "龙顶", "信安"}},
        {"a-henan", "hn", "河南省工会系统疗休养机构联盟", "河南", "河南省",
         {{"郑州市", "郑州", "金水区", "0371", 8}, {"开封市", "开封", "龙亭区", "0371", 8}, {"洛阳市", "洛阳", "洛龙区", "0379", 8},
          {"平顶山市", "平顶山", "汝州市", "0375", 8}, {"南阳市", "南阳", "卧龙区", "0377", 8}, {"安阳市", "安阳", "林州市", "0372", 8}},
         {"嵩山", "龙门", "伊河", "汴梁", "宋都", "汝河", "尧山", "伏牛", "太行", "红旗渠", "白马", "邙山"}},
        {"a-weifang", "wf", "潍坊市职工疗休养联盟", "山东·潍坊", "山东省",
         {{"潍坊市", "潍坊", "潍城区", "0536", 8}, {"潍坊市", "潍坊", "奎文区", "0536", 8}, {"潍坊市", "寿光", "寿光市", "0536", 8},
          {"潍坊市", "青州", "青州市", "0536", 8}, {"潍坊市", "临朐", "临朐县", "0536", 8}, {"潍坊市", "诸城", "诸城市", "0536", 8}},
         {"潍河", "白浪河", "云门山", "沂山", "杨家埠", "弥河", "仰天山", "驼山", "十笏园", "浮烟山"}},
        {"a-jinhua", "jh", "金华市（婺州）职工疗休养联盟", "浙江·金华", "浙江省",
         {{"金华市", "金华", "婺城区", "0579", 8}, {"金华市", "金华", "金东区", "0579", 8}, {"金华市", "义乌", "义乌市", "0579", 8},
          {"金华市", "东阳", "东阳市", "0579", 8}, {"金华市", "兰溪", "兰溪市", "0579", 8}, {"金华市", "武义", "武义县", "0579", 8}},
         {"婺江", "婺州", "双龙", "诸葛", "八咏", "横店", "牛头山", "芝堰", "寿仙谷", "郭洞", "北山"}},
        {"a-lishui", "ls", "丽水市职工疗休养联盟", "浙江·丽水", "浙江省",
         {{"丽水市", "丽水", "莲都区", "0578", 8}, {"丽水市", "缙云", "缙云县", "0578", 8}, {"丽水市", "龙泉", "龙泉市", "0578", 8},
          {"丽水市", "遂昌", "遂昌县", "0578", 8}, {"丽水市", "松阳", "松阳县", "0578", 8}, {"丽水市", "云和", "云和县", "0578", 8}},
         {"仙都", "缙云", "古堰", "瓯江", "鼎湖", "好溪", "凤阳山", "南尖岩", "独山", "大木山", "梯田"}},
        {"a-huangshan", "hs", "黄山市职工疗休养联盟", "安徽·黄山", "安徽省",
         {{"黄山市", "黄山", "屯溪区", "0559", 8}, {"黄山市", "歙县", "歙县", "0559", 8}, {"黄山市", "黟县", "黟县", "0559", 8},
          {"黄山市", "休宁", "休宁县", "0559", 8}, {"黄山市", "祁门", "祁门县", "0559", 8}},
         {"新安江", "歙砚", "徽州", "西递", "宏村", "渔梁", "齐云山", "牯牛降", "呈坎", "练江", "棠樾"}},
        {"a-bozhou", "bz", "亳州市职工疗休养联盟", "安徽·亳州", "安徽省",
         {{"亳州市", "亳州", "谯城区", "0558", 8}, {"亳州市", "涡阳", "涡阳县", "0558", 8}, {"亳州市", "蒙城", "蒙城县", "0558", 8},
          {"亳州市", "利辛", "利辛县", "0558", 8}},
         {"亳州", "涡河", "华祖", "药都", "花戏楼", "庄子", "北冶", "芍花", "天静宫", "尉迟寺", "古井"}},
        {"a-shaoxing", "sx", "绍兴市职工疗休养联盟", "浙江·绍兴", "浙江省",
         {{"绍兴市", "绍兴", "越城区", "0575", 8}, {"绍兴市", "嵊州", "嵊州市", "0575", 8}, {"绍兴市", "新昌", "新昌县", "0575", 8},
          {"绍兴市", "诸暨", "诸暨市", "0575", 8}, {"绍兴市", "绍兴", "柯桥区", "0575", 8}},
         {"嵊州", "鉴湖", "兰亭", "沈园", "剡溪", "越剧", "天姥", "五泄", "曹娥江", "穿岩", "会稽山", "大佛"}},
    };
    return seeds;
}

std::string padded(int number, int width) {
    std::string digits = std::to_string(number);
    if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return digits;
}

namespace {

constexpr std::array<std::string_view, 8> kRoads = {"路", "街", "大道", "中路", "东路", "西路", "巷", "北路"};

// ---- Members ------------------------------------------------------------------------

enum class Kind { hotel, resort, homestay, restaurant, scenic, heritage, red, rural,
                  tcm, spa, sanatorium, forest, checkup, coach, agency, insurance, guide };

struct MemberType {
    Category category;
    Kind kind;
    std::string_view suffix;
};

constexpr std::array<MemberType, 9> kReceptionTypes = {{
    {Category::reception, Kind::hotel, "大酒店"}, {Category::reception, Kind::hotel, "宾馆"},
    {Category::reception, Kind::resort, "度假酒店"}, {Category::reception, Kind::homestay, "民宿"},
    {Category::reception, Kind::homestay, "山居"}, {Category::reception, Kind::homestay, "客栈"},
    {Category::reception, Kind::restaurant, "农家乐"}, {Category::reception, Kind::restaurant, "食府"},
    {Category::reception, Kind::restaurant, "职工餐厅"},
}};
constexpr std::array<MemberType, 12> kExperienceTypes = {{
    {Category::experience, Kind::heritage, "古镇"}, {Category::experience, Kind::scenic, "国家森林公园"},
    {Category::experience, Kind::scenic, "湿地公园"}, {Category::experience, Kind::scenic, "石窟"},
    {Category::experience, Kind::heritage, "非遗传习所"}, {Category::experience, Kind::red, "红色教育基地"},
    {Category::experience, Kind::red, "革命历史纪念馆"}, {Category::experience, Kind::heritage, "博物馆"},
    {Category::experience, Kind::rural, "茶园"}, {Category::experience, Kind::rural, "梯田"},
    {Category::experience, Kind::rural, "采摘园"}, {Category::experience, Kind::scenic, "峡谷"},
}};
constexpr std::array<MemberType, 8> kWellnessTypes = {{
    {Category::wellness, Kind::tcm, "中医馆"}, {Category::wellness, Kind::tcm, "治未病中心"},
    {Category::wellness, Kind::spa, "温泉疗养院"}, {Category::wellness, Kind::spa, "汤泉"},
    {Category::wellness, Kind::sanatorium, "职工疗养院"}, {Category::wellness, Kind::forest, "森林康养基地"},
    {Category::wellness, Kind::sanatorium, "康复中心"}, {Category::wellness, Kind::checkup, "健康管理中心"},
}};
constexpr std::array<MemberType, 5> kSupportTypes = {{
    {Category::support, Kind::coach, "旅游客运公司"}, {Category::support, Kind::agency, "旅行社"},
    {Category::support, Kind::agency, "疗休养服务中心"}, {Category::support, Kind::insurance, "保险服务部"},
    {Category::support, Kind::guide, "导游服务中心"},
}};

struct ServiceTemplate {
    std::string_view name;
    Fen base;
    std::string_view unit;
};

std::vector<ServiceTemplate> service_templates(Kind kind) {
    switch (kind) {
        case Kind::hotel: return {{"标准间（双人）", 32000, "人/晚"}, {"单人间", 46000, "间/晚"}, {"自助早餐", 4000, "人/次"}};
        case Kind::resort: return {{"山景标准间", 38000, "人/晚"}, {"自助早餐", 4800, "人/次"}};
        case Kind::homestay: return {{"民宿标间", 18000, "人/晚"}, {"农家早餐", 2000, "人/次"}};
        case Kind::restaurant: return {{"职工团餐（十人桌）", 60000, "桌"}, {"简餐", 3500, "人/餐"}};
        case Kind::scenic: return {{"团队门票", 7000, "人/次"}, {"讲解服务", 20000, "团/次"}};
        case Kind::heritage: return {{"参观讲解", 15000, "团/次"}, {"非遗手作体验", 6000, "人/次"}};
        case Kind::red: return {{"免费参观", 0, "人/次"}, {"现场教学（含讲解）", 5000, "人/次"}};
        case Kind::rural: return {{"采摘体验", 5000, "人/次"}, {"农事体验课", 4000, "人/次"}};
        case Kind::tcm: return {{"中医体质辨识", 8000, "人/次"}, {"艾灸理疗", 12000, "人/次"}, {"推拿按摩", 15000, "人/次"}};
        case Kind::spa: return {{"温泉理疗", 16800, "人/次"}, {"药浴", 12000, "人/次"}};
        case Kind::sanatorium: return {{"疗养床位（含三餐）", 36000, "人/天"}, {"康复评估", 20000, "人/次"}};
        case Kind::forest: return {{"森林康养课程", 9000, "人/次"}, {"太极拳教学", 3000, "人/次"}};
        case Kind::checkup: return {{"职工健康体检套餐", 52000, "人/次"}, {"体检报告解读", 5000, "人/次"}};
        case Kind::coach: return {{"49座旅游大巴", 160000, "车/天"}, {"33座中巴", 110000, "车/天"}};
        case Kind::agency: return {{"线路组织服务", 3000, "人/天"}, {"全程导游", 50000, "团/天"}};
        case Kind::insurance: return {{"疗休养团队意外险", 600, "人/天"}};
        case Kind::guide: return {{"持证讲解员", 40000, "人/天"}};
    }
    return {};
}

bool is_lodging(Kind kind) { return kind == Kind::hotel || kind == Kind::resort || kind == Kind::homestay; }

// A price within ±15% of `base`, rounded to whole yuan.
Fen vary_price(SplitMix64& rng, Fen base) {
    const Fen varied = base * (85 + rng.between(0, 30)) / 100;
    return varied / 100 * 100;
}

std::string phone_number(SplitMix64& rng, const Locale& locale) {
    std::string digits = std::to_string(rng.between(2, 8));
    while (static_cast<int>(digits.size()) < locale.phone_digits) digits += static_cast<char>('0' + rng.below(10));
    return std::string(locale.area_code) + "-" + digits;
}

// Which alliance-local members exist, by what a route needs from them (active members only).
struct AllianceMembers {
    std::vector<std::size_t> lodging;      // reception members one can stay at
    std::vector<std::size_t> reception;    // reception members one can eat at (all of them)
    std::vector<std::size_t> experience;
    std::vector<std::size_t> wellness;
    std::vector<std::size_t> support;
};

const MemberType& member_type_for(SplitMix64& rng, int local_index) {
    // The first four members of an alliance cover what every route needs (a lodging,
    // an experience, a wellness and a support member); the rest follow the mix of a
    // real alliance: roughly 40% reception, 30% experience, 15% wellness, 15% support.
    switch (local_index) {
        case 0: return kReceptionTypes[0];
        case 1: return kExperienceTypes[0];
        case 2: return kWellnessTypes[0];
        case 3: return kSupportTypes[0];
        default: break;
    }
    const int roll = rng.between(0, 99);
    if (roll < 40) return rng.pick(kReceptionTypes);
    if (roll < 70) return rng.pick(kExperienceTypes);
    if (roll < 85) return rng.pick(kWellnessTypes);
    return rng.pick(kSupportTypes);
}

// `landmarks` receives, per member, the landmark its name starts with (routes are titled after them).
void generate_members(SplitMix64& rng, int alliance_count, int member_count, Catalogue& out,
                      std::vector<AllianceMembers>& by_alliance, std::vector<std::string_view>& landmarks) {
    const Day first_admission = day_from_civil(2024, 1, 1);
    const Day today = day_of(kScaleReferenceNow);
    by_alliance.assign(static_cast<std::size_t>(alliance_count), {});
    out.members.reserve(static_cast<std::size_t>(member_count));
    for (int i = 0; i < member_count; ++i) {
        const int a = i % alliance_count;
        const int local = i / alliance_count;
        const AllianceSeed& seed = alliance_seeds()[static_cast<std::size_t>(a)];
        const MemberType& type = member_type_for(rng, local);
        const Locale& locale = rng.pick(seed.locales);
        const std::string_view landmark = rng.pick(seed.landmarks);

        Member m;
        m.id = "m-" + std::string(seed.short_name) + "-" + padded(local + 1, 5);
        m.alliance = std::string(seed.id);
        m.category = type.category;
        m.name = std::string(landmark) + (rng.percent(60) ? std::string(rng.pick(kSyllables)) : "") + std::string(type.suffix);
        m.city = std::string(locale.city);
        m.county = std::string(locale.county);
        // One draw per statement: the operands of + are evaluated in an unspecified order,
        // and GCC and Clang (so native and wasm) do pick different ones.
        const std::string_view street = rng.pick(seed.landmarks);
        const std::string_view road = rng.pick(kRoads);
        const int number = rng.between(1, 399);
        m.address = std::string(seed.province) + std::string(locale.prefecture) + std::string(locale.county) +
                    std::string(street) + std::string(road) + std::to_string(number) + "号";
        m.phone = phone_number(rng, locale);
        for (const ServiceTemplate& t : service_templates(type.kind))
            m.services.push_back(Service{std::string(t.name), vary_price(rng, t.base), std::string(t.unit)});
        m.admitted = first_admission + rng.between(0, today - 30 - first_admission);
        // The secretariat suspends or removes a few members (never one of the first four).
        const int status_roll = local < 4 ? 100 : rng.between(0, 99);
        if (status_roll < 3) m.status = MemberStatus::suspended;
        else if (status_roll < 5) m.status = MemberStatus::exited;
        if (m.status != MemberStatus::active) m.status_since = m.admitted + rng.between(1, today - m.admitted);

        if (m.status == MemberStatus::active) {
            AllianceMembers& lists = by_alliance[static_cast<std::size_t>(a)];
            const std::size_t index = out.members.size();
            switch (type.category) {
                case Category::reception:
                    lists.reception.push_back(index);
                    if (is_lodging(type.kind)) lists.lodging.push_back(index);
                    break;
                case Category::experience: lists.experience.push_back(index); break;
                case Category::wellness: lists.wellness.push_back(index); break;
                case Category::support: lists.support.push_back(index); break;
            }
        }
        out.members.push_back(std::move(m));
        landmarks.push_back(landmark);
    }
}

// ---- Routes -------------------------------------------------------------------------

constexpr std::array<std::string_view, 14> kThemes = {
    "红色教育", "生态康养", "非遗体验", "乡村休闲", "中医康养", "红色研学", "温泉康养",
    "古城文化", "劳模疗休养", "避暑度假", "茶文化", "文化研学", "森林康养", "一条线",
};
constexpr std::array<std::string_view, 7> kDayCount = {"", "一日", "两日", "三日", "四日", "五日", "六日"};
constexpr std::array<std::string_view, 7> kNumerals = {"", "一", "二", "三", "四", "五", "六"};

std::vector<std::string> pick_themes(SplitMix64& rng) {
    std::vector<std::string> themes;
    const int count = rng.between(1, 3);
    while (static_cast<int>(themes.size()) < count) {
        std::string theme(rng.pick(kThemes));
        if (std::find(themes.begin(), themes.end(), theme) == themes.end()) themes.push_back(std::move(theme));
    }
    return themes;
}

std::vector<Season> pick_seasons(SplitMix64& rng) {
    const int mask = rng.between(1, 15);
    std::vector<Season> seasons;
    for (int s = 0; s < 4; ++s)
        if (mask & (1 << s)) seasons.push_back(static_cast<Season>(s));
    return seasons;
}

Route generate_route(SplitMix64& rng, int index, int alliance, const AllianceMembers& lists, const Catalogue& catalogue,
                     const std::vector<std::string_view>& landmarks) {
    const AllianceSeed& seed = alliance_seeds()[static_cast<std::size_t>(alliance)];
    std::size_t last_pick = 0;
    auto member = [&](const std::vector<std::size_t>& from) -> const Member& {
        last_pick = rng.pick(from);
        return catalogue.members[last_pick];
    };
    std::string_view landmark;  // of the first sight: the route is named after it

    Route r;
    r.id = "r-" + std::string(seed.short_name) + "-" + padded(index + 1, 5);
    r.alliance = std::string(seed.id);
    r.themes = pick_themes(rng);
    r.seasons = pick_seasons(rng);
    r.region = std::string(seed.region);
    r.days = rng.between(2, 6);
    r.nights = r.days - 1;

    const int wellness_day = rng.between(1, r.days);
    std::vector<std::string> tours;
    std::string wellness_name;
    for (int d = 1; d <= r.days; ++d) {
        ItineraryDay day;
        day.day = d;
        auto add = [&](StopKind kind, const Member& m, std::string note) {
            if (std::find(r.cities.begin(), r.cities.end(), m.city) == r.cities.end()) r.cities.push_back(m.city);
            day.stops.push_back(Stop{kind, m.id, std::move(note)});
        };
        if (d == 1) add(StopKind::travel, member(lists.support), "集合出发");
        const int tour_count = rng.between(1, 2);
        for (int t = 0; t < tour_count; ++t) {
            const Member& m = member(lists.experience);
            add(StopKind::tour, m, "游览" + m.name);
            if (landmark.empty()) landmark = landmarks[last_pick];
            if (std::find(tours.begin(), tours.end(), m.name) == tours.end()) tours.push_back(m.name);
        }
        if (d == wellness_day || rng.percent(40)) {
            const Member& m = member(lists.wellness);
            add(StopKind::wellness, m, std::string(m.services.front().name));
            if (wellness_name.empty()) wellness_name = m.name;
        }
        if (rng.percent(70)) add(StopKind::eat, member(lists.reception), "团队用餐");
        if (d < r.days) add(StopKind::stay, member(lists.lodging), "入住");
        if (d == r.days) add(StopKind::travel, member(lists.support), "返程");
        day.title = "第" + std::string(kNumerals[static_cast<std::size_t>(d)]) + "天";
        r.itinerary.push_back(std::move(day));
    }

    r.title = r.themes.front() + (r.themes.size() > 1 ? "+" + r.themes[1] : "") + "·" + std::string(landmark) +
              std::string(kDayCount[static_cast<std::size_t>(r.days)]);
    r.summary = std::to_string(r.days) + "天" + std::to_string(r.nights) + "晚：" + tours.front() +
                (tours.size() > 1 ? "、" + tours[1] : "") + "，在" + wellness_name + "康养。";
    for (std::size_t t = 0; t < tours.size() && t < 3; ++t) r.highlights.push_back(tours[t]);
    r.highlights.push_back(wellness_name);
    r.service_notes = {"执行《" + std::string(seed.name) + "服务规范》，吃住行游康养各环节专人对接。",
                       "已含疗休养团队意外险；行程调整提前一天告知组团单位工会。"};
    r.price = static_cast<Fen>(r.days) * rng.between(450, 900) * 100 / 1000 * 1000;
    r.subsidy = r.price * rng.between(50, 95) / 100 / 100 * 100;
    return r;
}

}  // namespace
}  // namespace generate_detail

using namespace generate_detail;

Catalogue generate_catalogue(const ScaleSpec& spec, std::uint64_t seed) {
    SplitMix64 rng(seed);
    const int requested_members = std::max(spec.members, 0);
    const int alliance_count = std::clamp(requested_members / 4, 1, static_cast<int>(alliance_seeds().size()));
    const int member_count = std::max(requested_members, 4 * alliance_count);
    const int route_count = std::max(spec.routes, 0);
    const int group_count = route_count > 0 ? std::max(spec.groups, 0) : 0;

    Catalogue c;
    c.version = 1;
    for (int a = 0; a < alliance_count; ++a) {
        const AllianceSeed& s = alliance_seeds()[static_cast<std::size_t>(a)];
        c.alliances.push_back(Alliance{std::string(s.id), std::string(s.name), std::string(s.region)});
    }

    std::vector<AllianceMembers> by_alliance;
    std::vector<std::string_view> landmarks;
    generate_members(rng, alliance_count, member_count, c, by_alliance, landmarks);

    c.routes.reserve(static_cast<std::size_t>(route_count));
    for (int r = 0; r < route_count; ++r) {
        const int a = r % alliance_count;
        c.routes.push_back(generate_route(rng, r / alliance_count, a, by_alliance[static_cast<std::size_t>(a)], c, landmarks));
    }

    generate_policies(alliance_count, c);
    generate_units(rng, alliance_count, std::max(8, group_count / 10), c);

    generate_groups(rng, group_count, c);
    return c;
}

}  // namespace liaoxiu
