#!/usr/bin/env python3
"""Writes assets/demo/catalogue.json, the demo catalogue served to the app.

Usage: python3 tools/demo/make_catalogue.py [output path]

The data lives in the modules next to this script (members, routes, policies,
groups). Before writing, the script checks the rules the C++ core enforces
(rules.hpp, group_trip.hpp) plus the demo's own promises (subsidy standards,
seasons, no worker on two overlapping trips), and refuses to write a file that
breaks them. The output is deterministic: same inputs, same bytes.
"""

import json
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.dont_write_bytecode = True   # keep tools/demo free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

from groups import NOW, _iso, build_groups, build_units  # noqa: E402
from members import ALLIANCES, HENAN, QUZHOU, build_members  # noqa: E402
from policies import build_policies  # noqa: E402
from routes import build_routes  # noqa: E402

KIND_CATEGORY = {"eat": "reception", "stay": "reception", "travel": "support",
                 "tour": "experience", "wellness": "wellness"}
SEASON_OF_MONTH = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
                   6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
# Yuan per person per day (policies p-qz-subsidy, p-hn-one-line); model-worker routes may go 20% higher.
DAILY_SUBSIDY_CAP = {QUZHOU: 400_00, HENAN: 500_00}


class Problems(list):
    def add(self, where, what):
        self.append(f"{where}: {what}")


def _utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_unique(problems, name, items):
    for item_id, n in Counter(item["id"] for item in items).items():
        if n > 1:
            problems.add(name, f"id {item_id} used {n} times")


def check_members(problems, members):
    for i, m in enumerate(members):
        where = f"members[{i}] {m['id']}"
        if m["status"] == "active" and "status_since" in m:
            problems.add(where, "active member with status_since")
        if m["status"] != "active" and m.get("status_since", "") < m["admitted"]:
            problems.add(where, "status_since missing or before admitted")
        if not m["services"]:
            problems.add(where, "no services")


def check_routes(problems, routes, members_by_id):
    for i, r in enumerate(routes):
        where = f"routes[{i}] {r['id']}"
        if not 2 <= r["days"] <= 6:
            problems.add(where, "days outside 2..6")
        if not 0 <= r["nights"] <= r["days"]:
            problems.add(where, "nights outside 0..days")
        if not 0 <= r["subsidy"] <= r["price"]:
            problems.add(where, "subsidy outside 0..price")
        cap = DAILY_SUBSIDY_CAP[r["alliance"]] * r["days"]
        if "劳模疗休养" in r["themes"]:
            cap = cap * 120 // 100
        if r["subsidy"] > cap:
            problems.add(where, f"subsidy {r['subsidy']} above the policy cap {cap}")
        if [d["day"] for d in r["itinerary"]] != list(range(1, r["days"] + 1)):
            problems.add(where, "itinerary days are not 1..days")
        categories, kinds = set(), set()
        for d in r["itinerary"]:
            for s in d["stops"]:
                member = members_by_id.get(s["member"])
                if member is None:
                    problems.add(where, f"unknown member {s['member']}")
                    continue
                if member["status"] != "active":
                    problems.add(where, f"member {s['member']} is {member['status']}")
                if member["alliance"] != r["alliance"]:
                    problems.add(where, f"member {s['member']} belongs to another alliance")
                if KIND_CATEGORY[s["kind"]] != member["category"]:
                    problems.add(where, f"{s['kind']} stop at {member['category']} member {s['member']}")
                categories.add(member["category"])
                kinds.add(s["kind"])
        if len(categories) < 3:
            problems.add(where, f"only {len(categories)} member categories")
        for needed in ("stay", "wellness"):
            if needed not in kinds:
                problems.add(where, f"no {needed} stop")


def check_groups(problems, groups, routes_by_id, unit_ids):
    held = defaultdict(list)   # worker -> [(first, last, group)]
    worker_unit = {}
    for i, g in enumerate(groups):
        where = f"groups[{i}] {g['id']}"
        route = routes_by_id[g["route"]]
        departure = date.fromisoformat(g["departure"])
        last_day = departure + timedelta(days=route["days"] - 1)
        deadline = _utc(g["join_deadline"])
        if SEASON_OF_MONTH[departure.month] not in route["seasons"]:
            problems.add(where, "departs outside the route's seasons")
        # The deadline must fall before departure day begins in China (UTC+8).
        if deadline >= datetime(departure.year, departure.month, departure.day, tzinfo=timezone.utc) - timedelta(hours=8):
            problems.add(where, "join deadline not before departure")
        if not _utc(g["created"]) < deadline:
            problems.add(where, "created after deadline")
        if not 1 <= g["min_size"] <= g["max_size"]:
            problems.add(where, "bad sizes")
        if g["organizer_unit"] not in unit_ids:
            problems.add(where, "unknown organizer unit")
        seqs = [p["seq"] for p in g["places"]]
        if seqs != sorted(set(seqs)):
            problems.add(where, "seq not strictly increasing")
        states = Counter(p["state"] for p in g["places"])
        confirmed = states["confirmed"]
        # The cap counts every place a unit holds (group_trip.cpp join()).
        per_unit = Counter(p["unit"] for p in g["places"] if p["state"] in ("confirmed", "waitlisted", "offered"))
        if g.get("per_unit_cap") and max(per_unit.values(), default=0) > g["per_unit_cap"]:
            problems.add(where, "a unit exceeds per_unit_cap")
        if g["places"] and g["places"][0]["unit"] != g["organizer_unit"]:
            problems.add(where, "first place is not the organizer's")
        for p in g["places"]:
            if p["unit"] not in unit_ids:
                problems.add(where, f"unknown unit {p['unit']}")
            if worker_unit.setdefault(p["worker"], p["unit"]) != p["unit"]:
                problems.add(where, f"worker {p['worker']} in two units")
            if _utc(p["since"]) > NOW:
                problems.add(where, f"place {p['seq']} since is in the future")
            if (p["state"] == "offered") != ("offer_expires" in p) or \
                    (p["state"] == "offered" and _utc(p["offer_expires"]) <= NOW):
                problems.add(where, f"place {p['seq']}: an offer needs an expiry still ahead")
            if p["state"] in ("confirmed", "waitlisted", "offered"):
                held[p["worker"]].append((departure, last_day, g["id"]))
        expected = {
            "open": lambda: NOW < deadline and confirmed < g["min_size"] and not states["waitlisted"],
            "formed": lambda: NOW < deadline and g["min_size"] <= confirmed < g["max_size"] and not states["waitlisted"],
            "full": lambda: NOW < deadline and confirmed + states["offered"] == g["max_size"]
            and states["waitlisted"] + states["offered"] > 0,
            "locked": lambda: deadline <= NOW and g["min_size"] <= confirmed <= g["max_size"] and not states["waitlisted"],
            "expired": lambda: deadline <= NOW and set(states) == {"released"},
            "cancelled": lambda: bool(g["cancel_reason"]) and set(states) <= {"released", "withdrawn"},
        }[g["state"]]
        if not expected():
            problems.add(where, f"places {dict(states)} inconsistent with state {g['state']}")
        if g["state"] != "cancelled" and g["cancel_reason"]:
            problems.add(where, "cancel_reason on a group that is not cancelled")
    for worker, spans in held.items():
        spans.sort()
        for (a_first, a_last, a_group), (b_first, _, b_group) in zip(spans, spans[1:]):
            if b_first <= a_last:
                problems.add(worker, f"overlapping trips {a_group} and {b_group}")


def build_catalogue():
    members = build_members()
    routes = build_routes()
    units = build_units()
    groups = build_groups({r["id"]: r["days"] for r in routes})
    return {
        # Written as of NOW; whoever loads it moves every date to its own now (core rebase_dates).
        "format_version": 1, "version": 1, "dates_as_of": _iso(NOW), "alliances": ALLIANCES, "members": members,
        "routes": routes, "policies": build_policies(), "units": units, "groups": groups,
    }


def check(catalogue):
    problems = Problems()
    for name in ("alliances", "members", "routes", "policies", "units", "groups"):
        check_unique(problems, name, catalogue[name])
    members_by_id = {m["id"]: m for m in catalogue["members"]}
    check_members(problems, catalogue["members"])
    check_routes(problems, catalogue["routes"], members_by_id)
    check_groups(problems, catalogue["groups"], {r["id"]: r for r in catalogue["routes"]},
                 {u["id"] for u in catalogue["units"]})
    states = {g["state"] for g in catalogue["groups"]}
    for state in ("open", "formed", "full", "locked", "expired", "cancelled"):
        if state not in states:
            problems.add("groups", f"no group in state {state}")
    return problems


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[2] / "assets" / "demo" / "catalogue.json"
    catalogue = build_catalogue()
    problems = check(catalogue)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    # The pinyin readings of its characters, as the server adds them (the web build has no table).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pinyin"))
    import catalogue_readings
    catalogue_readings.add_readings(catalogue, catalogue_readings.load_readings())
    text = json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n"
    out.write_text(text, encoding="utf-8")
    counts = {k: len(v) for k, v in catalogue.items() if isinstance(v, list)}
    print(f"wrote {out} ({len(text.encode('utf-8'))} bytes): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
