"""Work units and demo group trips (拼团) in every state, written as of NOW (2026-11-29)
and moved to the day they are loaded (the catalogue's dates_as_of; core rebase_dates).

Each group is described by who joined in which order; the script turns that
into places with worker ids, increasing seq numbers and timestamps, choosing
for each place a worker of the unit who holds no overlapping trip.
"""

import zlib
from datetime import date, datetime, timedelta, timezone

from members import HENAN, QUZHOU

UNITS = [
    ("u-qz-hospital", "衢州市人民医院", "衢州"),
    ("u-qz-juhua", "巨化集团有限公司", "衢州"),
    ("u-qz-power", "国网衢州供电公司", "衢州"),
    ("u-qz-school2", "衢州市第二中学", "衢州"),
    ("u-qz-sanitation", "柯城区环境卫生管理中心", "衢州"),
    ("u-qz-community", "府山街道社区卫生服务中心", "衢州"),
    ("u-js-water", "江山市自来水有限公司", "江山"),
    ("u-ly-school", "龙游县实验小学", "龙游"),
    ("u-kh-forest", "开化县钱江源林场", "开化"),
    ("u-zz-yutong", "郑州宇通客车股份有限公司", "郑州"),
    ("u-zz-metro", "郑州地铁集团有限公司", "郑州"),
    ("u-kf-hospital", "开封市第一人民医院", "开封"),
    ("u-ly-yituo", "中国一拖集团有限公司", "洛阳"),
    ("u-pds-coal", "中国平煤神马集团", "平顶山"),
]

WORKERS_PER_UNIT = 60
NOW = datetime(2026, 11, 29, 2, 0, tzinfo=timezone.utc)   # 10:00 China time


def _hash(text):
    return zlib.crc32(text.encode("utf-8"))


# Union members (工会会员) per unit: the statistics call a unit with fewer than 50 small
# (the secretariat's default threshold), so the pooling chart shows small units travelling
# in groups other units opened.
UNION_MEMBERS = {
    "u-qz-hospital": 1860, "u-qz-juhua": 9200, "u-qz-power": 1340, "u-qz-school2": 46,
    "u-qz-sanitation": 38, "u-qz-community": 27, "u-js-water": 85, "u-ly-school": 41,
    "u-kh-forest": 33, "u-zz-yutong": 15600, "u-zz-metro": 7400, "u-kf-hospital": 2100,
    "u-ly-yituo": 12800, "u-pds-coal": 21000,
}


# The alliance each unit's union takes part in: its workers see it first in the app.
QUZHOU_CITIES = {"衢州", "江山", "龙游", "开化"}


def build_units():
    return [{"id": uid, "name": name, "city": city, "union_members": UNION_MEMBERS[uid],
             "alliance": QUZHOU if city in QUZHOU_CITIES else HENAN} for uid, name, city in UNITS]


def _worker_pool(unit_id):
    index = [u[0] for u in UNITS].index(unit_id)
    first = 1001 + index * WORKERS_PER_UNIT
    return [f"w-{first + k}" for k in range(WORKERS_PER_UNIT)]


def _utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# Each group: id, route, organizer, departure, min, max, deadline (UTC), cap, state,
# created, batches of (unit, count, final place state), cancel (reason, when) or None.
# Batches are listed in arrival order; `withdrawn` places are people who joined and left.
GROUPS = [
    ("g-qz-001", "r-qz-red-eco-3d", "u-qz-school2", "2027-04-10", 15, 30, "2027-03-20T10:00:00Z", 12, "open",
     "2026-11-10T01:30:00Z", [("u-qz-school2", 4, "confirmed"), ("u-qz-sanitation", 3, "confirmed"),
                              ("u-qz-school2", 1, "withdrawn"), ("u-qz-school2", 2, "confirmed")], None),
    ("g-qz-002", "r-qz-heritage-rural-2d", "u-qz-community", "2027-02-04", 12, 25, "2027-01-20T10:00:00Z", None, "open",
     "2026-11-18T02:00:00Z", [("u-qz-community", 4, "confirmed"), ("u-js-water", 2, "confirmed"),
                              ("u-ly-school", 1, "confirmed")], None),
    ("g-qz-003", "r-qz-tcm-3d", "u-qz-hospital", "2027-03-06", 12, 30, "2027-02-20T10:00:00Z", None, "formed",
     "2026-11-02T00:40:00Z", [("u-qz-hospital", 10, "confirmed"), ("u-qz-power", 5, "confirmed"),
                              ("u-qz-school2", 3, "confirmed")], None),
    ("g-qz-004", "r-qz-qianjiangyuan-4d", "u-qz-juhua", "2027-07-12", 15, 35, "2027-06-25T10:00:00Z", None, "formed",
     "2026-11-05T03:00:00Z", [("u-qz-juhua", 14, "confirmed"), ("u-qz-power", 4, "confirmed"),
                              ("u-kh-forest", 2, "confirmed")], None),
    ("g-qz-005", "r-qz-changshan-3d", "u-qz-power", "2027-01-08", 10, 20, "2027-01-03T10:00:00Z", 10, "full",
     "2026-10-28T06:00:00Z", [("u-qz-power", 10, "confirmed"), ("u-qz-sanitation", 6, "confirmed"),
                              ("u-qz-community", 4, "confirmed"), ("u-qz-hospital", 2, "waitlisted"),
                              ("u-qz-school2", 1, "waitlisted")], None),
    ("g-qz-006", "r-qz-model-worker-5d", "u-qz-juhua", "2027-04-19", 20, 30, "2027-03-31T10:00:00Z", None, "full",
     "2026-10-20T01:00:00Z", [("u-qz-juhua", 12, "confirmed"), ("u-qz-hospital", 8, "confirmed"),
                              ("u-qz-power", 6, "confirmed"), ("u-js-water", 4, "confirmed"),
                              ("u-qz-juhua", 2, "waitlisted"), ("u-ly-school", 1, "waitlisted")], None),
    ("g-qz-007", "r-qz-winter-spa-2d", "u-qz-sanitation", "2026-12-12", 12, 24, "2026-11-28T10:00:00Z", None, "locked",
     "2026-11-01T02:00:00Z", [("u-qz-sanitation", 8, "confirmed"), ("u-qz-community", 1, "withdrawn"),
                              ("u-qz-community", 4, "confirmed"), ("u-js-water", 4, "confirmed")], None),
    ("g-qz-008", "r-qz-kaihua-red-3d", "u-qz-school2", "2026-12-03", 15, 30, "2026-11-25T10:00:00Z", 12, "locked",
     "2026-10-15T01:00:00Z", [("u-qz-school2", 12, "confirmed"), ("u-ly-school", 6, "confirmed"),
                              ("u-kh-forest", 5, "confirmed")], None),
    ("g-qz-009", "r-qz-opera-2d", "u-qz-hospital", "2026-12-19", 15, 30, "2026-11-26T10:00:00Z", None, "expired",
     "2026-11-06T01:00:00Z", [("u-qz-hospital", 3, "released"), ("u-qz-power", 4, "released")], None),
    ("g-qz-010", "r-qz-six-county-6d", "u-qz-juhua", "2027-05-10", 20, 40, "2027-04-15T10:00:00Z", None, "cancelled",
     "2026-10-30T01:00:00Z", [("u-qz-juhua", 10, "released"), ("u-qz-power", 3, "released")],
     ("受年度装置大修计划调整影响，原定出行时间与检修冲突，组团单位取消本团；已另开2027年秋季团，欢迎改报。",
      "2026-11-20T07:30:00Z")),
    ("g-qz-011", "r-qz-qili-summer-3d", "u-ly-school", "2027-07-20", 15, 30, "2027-07-01T10:00:00Z", None, "open",
     "2026-11-27T08:00:00Z", [("u-ly-school", 2, "confirmed")], None),
    ("g-qz-012", "r-qz-longyou-2d", "u-js-water", "2027-03-27", 10, 20, "2027-03-10T10:00:00Z", None, "formed",
     "2026-11-12T02:00:00Z", [("u-js-water", 5, "confirmed"), ("u-kh-forest", 3, "confirmed"),
                              ("u-ly-school", 4, "confirmed")], None),
    ("g-hn-001", "r-hn-one-line-5d", "u-zz-yutong", "2027-04-12", 20, 40, "2027-03-22T10:00:00Z", 15, "formed",
     "2026-11-03T02:00:00Z", [("u-zz-yutong", 15, "confirmed"), ("u-zz-metro", 8, "confirmed"),
                              ("u-kf-hospital", 3, "confirmed")], None),
    ("g-hn-002", "r-hn-tcm-red-4d", "u-zz-metro", "2027-05-17", 12, 24, "2027-04-26T10:00:00Z", None, "full",
     "2026-10-25T02:00:00Z", [("u-zz-metro", 12, "confirmed"), ("u-zz-yutong", 6, "confirmed"),
                              ("u-ly-yituo", 6, "confirmed"), ("u-pds-coal", 2, "waitlisted"),
                              ("u-kf-hospital", 1, "waitlisted")], None),
    ("g-hn-003", "r-hn-hotspring-3d", "u-pds-coal", "2027-01-15", 15, 30, "2027-01-05T10:00:00Z", None, "open",
     "2026-11-28T01:00:00Z", [("u-pds-coal", 8, "confirmed"), ("u-ly-yituo", 2, "confirmed")], None),
    ("g-hn-004", "r-hn-kaifeng-2d", "u-kf-hospital", "2026-12-05", 10, 25, "2026-11-25T10:00:00Z", None, "locked",
     "2026-10-30T02:00:00Z", [("u-kf-hospital", 14, "confirmed"), ("u-zz-metro", 4, "confirmed")], None),
    ("g-hn-005", "r-hn-hotspring-3d", "u-ly-yituo", "2026-12-15", 15, 30, "2026-11-27T10:00:00Z", None, "expired",
     "2026-11-08T02:00:00Z", [("u-ly-yituo", 6, "released"), ("u-pds-coal", 3, "released")], None),
    ("g-hn-006", "r-hn-zhongjing-red-4d", "u-ly-yituo", "2027-04-20", 12, 30, "2027-04-01T10:00:00Z", None, "cancelled",
     "2026-11-04T02:00:00Z", [("u-ly-yituo", 5, "released")],
     ("医圣祠2027年春季闭馆修缮，组团单位取消本团，待重新开放后再组团。", "2026-11-18T03:00:00Z")),
]


# Full groups where a confirmed worker has just withdrawn and the freed place is on offer
# to the first waiting worker (24 hours to accept): group -> hours since the withdrawal.
OFFERS = {"g-hn-002": 5}

# Where some groups gather and whom to call (the organizing union's words); the others leave
# it to the route's first stop, as many real groups do until the day is near.
MEETINGS = {
    "g-qz-001": ("衢州市第二中学东门，出发日 7:30", "李老师（校工会）", "0570-3021234"),
    "g-qz-003": ("衢州市人民医院门诊楼前广场，出发日 8:00", "周护士长", "13805701234"),
    "g-qz-004": ("巨化集团总部南门班车点，出发日 7:00", "巨化工会 陈科长", "0570-3096001"),
}
OFFER_WINDOW = timedelta(hours=24)


def _offer_freed_place(places, hours_ago):
    """The last confirmed worker withdrew; the first waiting worker is offered the place."""
    left_at = _iso(NOW - timedelta(hours=hours_ago))
    leaving = [p for p in places if p["state"] == "confirmed"][-1]
    leaving.update(state="withdrawn", since=left_at)
    waiting = [p for p in places if p["state"] == "waitlisted"][0]
    waiting.update(state="offered", since=left_at,
                   offer_expires=_iso(NOW - timedelta(hours=hours_ago) + OFFER_WINDOW))


def _span(departure, days):
    first = date.fromisoformat(departure)
    return first, first + timedelta(days=days - 1)


def build_groups(route_days):
    """route_days: route id -> days. Returns group JSON objects."""
    busy = {}          # worker -> list of (first, last) of trips they hold
    seq = 1000
    groups = []
    for (gid, route, organizer, departure, min_size, max_size, deadline, cap, state, created,
         batches, cancel) in GROUPS:
        first, last = _span(departure, route_days[route])
        created_at = _utc(created)
        deadline_at = _utc(deadline)
        end = min(NOW, deadline_at, _utc(cancel[1]) if cancel else NOW)
        total = sum(count for _, count, _ in batches)
        step = (end - created_at) / (total + 1)
        places = []
        arrival = 0
        in_group = set()
        # Each group starts at its own point of each unit's pool, so some workers
        # travel twice a year (on trips that do not overlap) and most once.
        start = {unit: _hash(gid + unit) % WORKERS_PER_UNIT for unit, _, _ in batches}
        for unit, count, final_state in batches:
            pool = _worker_pool(unit)
            for _ in range(count):
                arrival += 1
                joined_at = created_at + step * arrival
                joined_at = joined_at.replace(microsecond=0)
                # Holds a trip in the end (so it may not overlap another one)?
                holds = final_state in ("confirmed", "waitlisted")
                i = start[unit]
                while True:
                    worker = pool[i % len(pool)]
                    i += 1
                    spans = busy.get(worker, [])
                    free = all(last < s_first or s_last < first for s_first, s_last in spans)
                    if worker not in in_group and (free or not holds):
                        break
                start[unit] = i
                in_group.add(worker)
                if holds:
                    busy.setdefault(worker, []).append((first, last))
                if final_state == "released":
                    since = _utc(cancel[1]) if cancel else deadline_at
                elif final_state == "withdrawn":
                    since = joined_at + timedelta(days=2)
                else:
                    since = joined_at
                seq += 1
                places.append({"worker": worker, "unit": unit, "state": final_state,
                               "seq": seq, "since": _iso(since)})
        if gid in OFFERS:
            _offer_freed_place(places, OFFERS[gid])
        group = {
            "id": gid, "route": route, "organizer_unit": organizer, "departure": departure,
            "min_size": min_size, "max_size": max_size, "join_deadline": deadline,
        }
        if cap is not None:
            group["per_unit_cap"] = cap
        group.update({"state": state, "cancel_reason": cancel[0] if cancel else "",
                      "created": created, "places": places})
        if gid in MEETINGS:
            point, name, phone = MEETINGS[gid]
            group.update({"meeting_point": point, "contact_name": name, "contact_phone": phone})
        groups.append(group)
    return groups
