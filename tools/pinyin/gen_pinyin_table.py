#!/usr/bin/python3
"""Generates the compact pinyin table that src/core/pinyin.cpp includes.

Input: Unihan from Debian's `unicode-data` package (Unihan_Readings.txt and
Unihan_Variants.txt, plain or .bz2, or the same files inside Unihan.zip).
Output: a C++ include file (build tree only, never committed) holding

  - the tone-less syllables ("a", "ai", ..., "zuo"), slot 0 meaning "no reading";
  - sorted codepoint ranges, each with the index of its first slot;
  - one syllable number per codepoint of every range, bit-packed.

Which reading a codepoint gets, in this order:
  1. kMandarin, first value (Unihan lists the most common reading first; 衢 -> qu);
  2. kHanyuPinyin, first reading (two codepoints in Unicode 15 have only this);
  3. the kMandarin reading of a variant, trying kZVariant, kSemanticVariant,
     kSpecializedSemanticVariant, kTraditionalVariant, kSimplifiedVariant and last
     kSpoofingVariant (e.g. 𠮷 U+20BB7 has no reading of its own; its listed variant
     is 吉, so a user who sees 𠮷 and types "ji" finds it).

Spelling: tone marks removed, ü written "v" (as every pinyin IME types it),
ê written "e", all lower case.

Ranges: codepoints with readings are grouped into ranges; a gap of codepoints
without a reading inside a range costs one slot each, a new range costs one
range record, so the generator picks the gap limit that makes the table smallest.
"""
import argparse
import bz2
import io
import os
import re
import sys
import unicodedata
import zipfile

VARIANT_FIELDS = [
    "kZVariant",
    "kSemanticVariant",
    "kSpecializedSemanticVariant",
    "kTraditionalVariant",
    "kSimplifiedVariant",
    "kSpoofingVariant",
]
RANGE_RECORD_BYTES = 12  # three uint32 per range


def open_unihan_text(path, member):
    """Opens `member` (e.g. Unihan_Readings.txt) given a directory, a .txt, .txt.bz2 or a .zip."""
    if os.path.isdir(path):
        for candidate in (member, member + ".bz2"):
            full = os.path.join(path, candidate)
            if os.path.exists(full):
                return open_unihan_text(full, member)
        raise FileNotFoundError(f"{member} not found in {path}")
    if path.endswith(".zip"):
        archive = zipfile.ZipFile(path)
        return io.TextIOWrapper(archive.open(member), encoding="utf-8")
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_fields(stream, wanted):
    fields = {name: {} for name in wanted}
    for line in stream:
        if not line.startswith("U+"):
            continue
        codepoint, field, value = line.rstrip("\n").split("\t", 2)
        if field in fields:
            fields[field][int(codepoint[2:], 16)] = value
    return fields


def toneless(reading):
    decomposed = unicodedata.normalize("NFD", reading.lower())
    decomposed = decomposed.replace("u\u0308", "v")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if not re.fullmatch(r"[a-z]+", plain):
        raise ValueError(f"unexpected pinyin spelling {reading!r}")
    return plain


def collect_readings(readings_path, variants_path):
    with open_unihan_text(readings_path, "Unihan_Readings.txt") as stream:
        fields = read_fields(stream, ["kMandarin", "kHanyuPinyin"])
    readings = {cp: toneless(value.split()[0]) for cp, value in fields["kMandarin"].items()}
    counts = {"kMandarin": len(readings), "kHanyuPinyin": 0}
    for cp, value in fields["kHanyuPinyin"].items():
        if cp not in readings:
            # "10019.020:tiàn,diàn 10020.030:..." -> first reading of the first entry
            readings[cp] = toneless(value.split()[0].split(":", 1)[1].split(",")[0])
            counts["kHanyuPinyin"] += 1
    if variants_path:
        with open_unihan_text(variants_path, "Unihan_Variants.txt") as stream:
            variants = read_fields(stream, VARIANT_FIELDS)
        direct = dict(readings)  # one hop only: borrow from characters with their own reading
        for field in VARIANT_FIELDS:
            counts[field] = 0
            for cp, value in sorted(variants[field].items()):
                if cp in readings:
                    continue
                for target in re.findall(r"U\+([0-9A-F]+)", value):
                    reading = direct.get(int(target, 16))
                    if reading:
                        readings[cp] = reading
                        counts[field] += 1
                        break
    return readings, counts


def plan_ranges(codepoints, max_gap):
    ranges = []
    start = previous = codepoints[0]
    for cp in codepoints[1:]:
        if cp - previous > max_gap + 1:
            ranges.append((start, previous))
            start = cp
        previous = cp
    ranges.append((start, previous))
    return ranges


def build(readings):
    syllables = [""] + sorted(set(readings.values()))
    number = {s: i for i, s in enumerate(syllables)}
    bits = max(1, (len(syllables) - 1).bit_length())
    codepoints = sorted(readings)

    best = None
    for max_gap in range(0, 129):
        ranges = plan_ranges(codepoints, max_gap)
        slots = sum(last - first + 1 for first, last in ranges)
        size = len(ranges) * RANGE_RECORD_BYTES + (slots * bits + 7) // 8
        if best is None or size < best[0]:
            best = (size, max_gap, ranges, slots)
    _, max_gap, ranges, slots = best

    packed = bytearray((slots * bits + 7) // 8 + 3)  # +3: the reader always loads 3 bytes
    records = []
    slot = 0
    for first, last in ranges:
        records.append((first, last - first + 1, slot))
        for cp in range(first, last + 1):
            value = number.get(readings.get(cp, ""), 0)
            bit = slot * bits
            word = value << (bit & 7)
            for k in range(3):
                packed[(bit >> 3) + k] |= (word >> (8 * k)) & 0xFF
            slot += 1
    return syllables, bits, records, packed, max_gap


def emit(out, syllables, bits, records, packed, counts, max_gap):
    text = "".join(syllables)
    offsets = []
    position = 0
    for s in syllables:
        offsets.append(position)
        position += len(s)
    offsets.append(position)
    table_bytes = len(text) + 2 * len(offsets) + RANGE_RECORD_BYTES * len(records) + len(packed)

    w = out.write
    w("// Generated by tools/pinyin/gen_pinyin_table.py from Unihan (Debian unicode-data). Do not edit.\n")
    w("// Readings by source: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    w(f"// {sum(counts.values())} codepoints, {len(syllables) - 1} syllables, {len(records)} ranges "
      f"(gap limit {max_gap}), {bits} bits per slot.\n")
    w("#pragma once\n#include <cstddef>\n#include <cstdint>\n\n")
    w("namespace liaoxiu::pinyin_table {\n\n")
    w(f"inline constexpr std::size_t kTableBytes = {table_bytes};\n")
    w(f"inline constexpr std::size_t kCodepointsWithReading = {sum(counts.values())};\n")
    w(f"inline constexpr unsigned kBitsPerSlot = {bits};\n")
    w(f"inline constexpr std::size_t kSyllableCount = {len(syllables)};  // including slot 0 = none\n")
    w(f"inline constexpr char kSyllableText[] = \"{text}\";\n")
    w(f"inline constexpr std::uint16_t kSyllableOffsets[{len(offsets)}] = {{")
    for i, value in enumerate(offsets):
        w(("\n    " if i % 16 == 0 else " ") + f"{value},")
    w("\n};\n\n")
    w("struct CodepointRange {\n    std::uint32_t first;\n    std::uint32_t count;\n    std::uint32_t first_slot;\n};\n")
    w(f"inline constexpr CodepointRange kRanges[{len(records)}] = {{")
    for i, (first, count, slot) in enumerate(records):
        w(("\n    " if i % 4 == 0 else " ") + f"{{0x{first:X}, {count}, {slot}}},")
    w("\n};\n\n")
    w(f"inline constexpr std::uint8_t kPackedSlots[{len(packed)}] = {{")
    for i, value in enumerate(packed):
        w(("\n    " if i % 24 == 0 else "") + f"{value},")
    w("\n};\n\n}  // namespace liaoxiu::pinyin_table\n")
    return table_bytes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readings", required=True, help="Unihan_Readings.txt[.bz2], Unihan.zip or a directory")
    parser.add_argument("--variants", help="Unihan_Variants.txt[.bz2], Unihan.zip or a directory")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    readings, counts = collect_readings(args.readings, args.variants)
    syllables, bits, records, packed, max_gap = build(readings)
    temporary = args.output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        table_bytes = emit(out, syllables, bits, records, packed, counts, max_gap)
    os.replace(temporary, args.output)
    print(f"pinyin table: {len(readings)} codepoints, {len(syllables) - 1} syllables, "
          f"{len(records)} ranges, {table_bytes} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
