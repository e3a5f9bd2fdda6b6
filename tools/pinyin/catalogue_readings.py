#!/usr/bin/python3
"""Adds (or refreshes) the "readings" of a catalogue JSON file, as the server writes them.

A catalogue document carries the pinyin readings of every character in the text of its
alliances, members, routes and units (core/json.hpp, catalogue_readings; docs/api.md), in
the dense form "庆qing重zhong chong" (each character, then its readings separated by
spaces, characters in codepoint order). The web build links no pinyin table and learns
them from the catalogue, so the static catalogue (assets/demo/catalogue.json, bundled as
dist/catalogue.<hash>.json) must carry them too. The readings come from the same Unihan
selection as the native table (gen_pinyin_table.collect_readings), and the unit test
"the demo catalogue carries its readings" checks the file against the C++ table.

Usage: catalogue_readings.py [CATALOGUE.json]   (default assets/demo/catalogue.json)
The file is rewritten as tools/demo/make_catalogue.py writes it (indent 1, UTF-8).
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_pinyin_table  # noqa: E402

SPELLED_KINDS = ("alliances", "members", "routes", "units")
UNIHAN_READINGS = "/usr/share/unicode/Unihan_Readings.txt.bz2"
UNIHAN_VARIANTS = "/usr/share/unicode/Unihan_Variants.txt.bz2"


def readings_text(catalogue, readings):
    text = "".join(json.dumps(catalogue.get(kind, []), ensure_ascii=False) for kind in SPELLED_KINDS)
    codepoints = sorted({ord(ch) for ch in text if ord(ch) >= 0x80 and ord(ch) in readings})
    return "".join(chr(cp) + " ".join(readings[cp]) for cp in codepoints)


def add_readings(catalogue, readings):
    """The catalogue (a dict) with "readings" set, its other keys in their order."""
    catalogue.pop("readings", None)
    text = readings_text(catalogue, readings)
    if text:
        catalogue["readings"] = text
    return catalogue


def load_readings():
    readings, _ = gen_pinyin_table.collect_readings(UNIHAN_READINGS, UNIHAN_VARIANTS)
    return readings


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[2] / "assets" / "demo" / "catalogue.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    add_readings(catalogue, load_readings())
    path.write_text(json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path}: readings of {sum(1 for ch in catalogue.get('readings', '') if ord(ch) >= 0x80)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
