#!/usr/bin/python3
"""Generates the compact pinyin table that src/core/pinyin.cpp includes.

Input: Unihan from Debian's `unicode-data` package (Unihan_Readings.txt and
Unihan_Variants.txt, plain or .bz2, or the same files inside Unihan.zip).
Output: a C++ include file (build tree only, never committed) holding

  - the tone-less syllables ("a", "ai", ..., "zuo"), slot 0 meaning "no reading";
  - sorted codepoint ranges, each with the index of its first slot;
  - one syllable number (the first reading) per codepoint of every range, bit-packed;
  - the few characters with several readings (855 in Unicode 15), sorted, each with its
    other syllables: a list costs less than widening every slot to a reading-set number.

Which readings a codepoint gets (all of them, the most common first):
  1. kMandarin (Unihan lists the most common reading first; 衢 -> qu); it is the first
     reading, the one titles are sorted by;
  2. then every other reading of kTGHZ2013 (通用规范汉字字典, 2013) and kXHC1983
     (现代汉语词典, 1983), in that order: the two dictionaries of today's standard
     Mandarin, which give the readings place names are read with (重庆 chóng, 珲春 hún,
     长兴 cháng, 厦门 xià, 六安 lù) and no reading only classical texts use;
  3. kHanyuPinyin (汉语大字典) only for a codepoint that has none of the above (two in
     Unicode 15): it also lists archaic readings (重 tóng, 大 tài) that would make search
     find what nobody meant, so it is a last resort, its first reading only;
  4. the readings of a variant, trying kZVariant, kSemanticVariant,
     kSpecializedSemanticVariant, kTraditionalVariant, kSimplifiedVariant and last
     kSpoofingVariant (e.g. 𠮷 U+20BB7 has no reading of its own; its listed variant
     is 吉, so a user who sees 𠮷 and types "ji" finds it).
Readings that differ only in tone are one tone-less reading.

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


def dictionary_readings(value):
    """'0149.100:chóng 1502.040:zhòng' (kXHC1983) or '047.150:chóng' (kTGHZ2013) -> readings."""
    return [entry.split(":", 1)[1] for entry in value.split()]


def add_reading(readings, reading):
    plain = toneless(reading)
    if plain not in readings:
        readings.append(plain)


def collect_readings(readings_path, variants_path):
    with open_unihan_text(readings_path, "Unihan_Readings.txt") as stream:
        fields = read_fields(stream, ["kMandarin", "kTGHZ2013", "kXHC1983", "kHanyuPinyin"])
    readings = {}
    counts = {"kMandarin": 0, "kTGHZ2013": 0, "kXHC1983": 0, "kHanyuPinyin": 0}
    for cp, value in fields["kMandarin"].items():
        readings[cp] = []
        for reading in value.split():
            add_reading(readings[cp], reading)
        counts["kMandarin"] += 1
    for field in ("kTGHZ2013", "kXHC1983"):
        for cp, value in fields[field].items():
            own = readings.setdefault(cp, [])
            before = len(own)
            for reading in dictionary_readings(value):
                add_reading(own, reading)
            counts[field] += len(own) - before
    for cp, value in fields["kHanyuPinyin"].items():
        if cp not in readings:
            # "10019.020:tiàn,diàn 10020.030:..." -> first reading of the first entry
            readings[cp] = [toneless(value.split()[0].split(":", 1)[1].split(",")[0])]
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
    return {cp: tuple(r) for cp, r in readings.items() if r}, counts


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
    syllables = [""] + sorted({syllable for set_ in readings.values() for syllable in set_})
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
            value = number[readings[cp][0]] if cp in readings else 0
            bit = slot * bits
            word = value << (bit & 7)
            for k in range(3):
                packed[(bit >> 3) + k] |= (word >> (8 * k)) & 0xFF
            slot += 1
    # Characters with several readings: their first is in the slots; the others are listed
    # here, by codepoint.
    polyphonic = [cp for cp in codepoints if len(readings[cp]) > 1]
    other_starts = [0]
    other_syllables = []
    for cp in polyphonic:
        other_syllables.extend(number[s] for s in readings[cp][1:])
        other_starts.append(len(other_syllables))
    return syllables, bits, records, packed, max_gap, polyphonic, other_starts, other_syllables


def emit(out, syllables, bits, records, packed, counts, max_gap, polyphonic, other_starts, other_syllables, readings):
    text = "".join(syllables)
    offsets = []
    position = 0
    for s in syllables:
        offsets.append(position)
        position += len(s)
    offsets.append(position)
    table_bytes = (len(text) + 2 * len(offsets) + RANGE_RECORD_BYTES * len(records) + len(packed) +
                   4 * len(polyphonic) + 2 * len(other_starts) + 2 * len(other_syllables))
    most = max(len(r) for r in readings.values())

    w = out.write
    w("// Generated by tools/pinyin/gen_pinyin_table.py from Unihan (Debian unicode-data). Do not edit.\n")
    w("// Readings added by source: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    w(f"// {len(readings)} codepoints, {len(syllables) - 1} syllables, {len(polyphonic)} with several "
      f"readings, {len(records)} ranges (gap limit {max_gap}), {bits} bits per slot.\n")
    w("#pragma once\n#include <cstddef>\n#include <cstdint>\n\n")
    w("namespace liaoxiu::pinyin_table {\n\n")
    w(f"inline constexpr std::size_t kTableBytes = {table_bytes};\n")
    w(f"inline constexpr std::size_t kCodepointsWithReading = {len(readings)};\n")
    w(f"inline constexpr std::size_t kMostReadings = {most};  // of one codepoint\n")
    w(f"inline constexpr unsigned kBitsPerSlot = {bits};\n")
    w(f"inline constexpr std::size_t kSyllableCount = {len(syllables)};  // including slot 0 = none\n")
    w(f"inline constexpr char kSyllableText[] = \"{text}\";\n")
    w(f"inline constexpr std::uint16_t kSyllableOffsets[{len(offsets)}] = {{")
    for i, value in enumerate(offsets):
        w(("\n    " if i % 16 == 0 else " ") + f"{value},")
    w("\n};\n\n")
    w(f"inline constexpr std::size_t kPolyphonicCount = {len(polyphonic)};\n")
    w(f"inline constexpr std::uint32_t kPolyphonic[{len(polyphonic)}] = {{")
    for i, value in enumerate(polyphonic):
        w(("\n    " if i % 8 == 0 else " ") + f"0x{value:X},")
    w("\n};\n\n")
    w("// The other readings of kPolyphonic[i]: kOtherSyllables[kOtherStarts[i] .. kOtherStarts[i + 1]).\n")
    w(f"inline constexpr std::uint16_t kOtherStarts[{len(other_starts)}] = {{")
    for i, value in enumerate(other_starts):
        w(("\n    " if i % 16 == 0 else " ") + f"{value},")
    w("\n};\n\n")
    w(f"inline constexpr std::uint16_t kOtherSyllables[{len(other_syllables)}] = {{")
    for i, value in enumerate(other_syllables):
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
    syllables, bits, records, packed, max_gap, polyphonic, other_starts, other_syllables = build(readings)
    temporary = args.output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        table_bytes = emit(out, syllables, bits, records, packed, counts, max_gap, polyphonic, other_starts,
                           other_syllables,
                           readings)
    os.replace(temporary, args.output)
    print(f"pinyin table: {len(readings)} codepoints, {len(syllables) - 1} syllables, "
          f"{len(records)} ranges, {table_bytes} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
