#!/usr/bin/env python3
"""Deterministic selection of the token-parity sentences (python3 stdlib only).

Reads the real patent texts under ../shared/data/patents, splits them into sentences at 。 and ；
(and at line breaks), and picks evenly spaced sentences: first a quota per "hard case" feature
(Latin words, numbers with units, full-width forms, chemical formulas, claim numbering, page footers...),
then a quota per source. No randomness, so the same data always gives the same file.

Usage: python3 tools/token-parity/select_sentences.py [DATA_DIR] [OUT_FILE]
"""

import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "patents"
DEFAULT_OUT = REPO / "tests" / "Core.Tests" / "Analysis" / "Fixtures" / "parity-sentences.txt"

MIN_CHARS = 4
MAX_CHARS = 400  # long enough for the one >255-character number run in the data

# Hard cases for the tokenizers, each with how many sentences to take. Order matters only for dedup.
FEATURES = [
    ("page_footer", 8, re.compile(r"CN\d{9}[AB](?:说明书|权利要求书)\d+/\d+页")),
    ("cover_page", 4, re.compile(r"权利要求书\d+页")),
    ("claim_numbering", 16, re.compile(r"^\d{1,2}\s*[.．、]")),
    ("dependent_claim", 8, re.compile(r"(?:根据|如)权利要求\d+")),
    ("latin_word", 16, re.compile(r"[A-Za-z]{3,}")),
    ("alnum_mix", 12, re.compile(r"[A-Za-z]+\d|\d+[A-Za-z]")),
    ("number_unit", 16, re.compile(
        r"\d+(?:\.\d+)?\s*(?:mm|cm|nm|μm|µm|km|kg|mg|mL|ml|MPa|kPa|Pa|kV|kW|Hz|kHz|MHz|GHz|rpm|mol|min|℃|°C|%|％|m|g|L|V|W|h|s)(?![A-Za-z])")),
    ("decimal", 10, re.compile(r"\d+\.\d+")),
    ("range_tilde", 10, re.compile(r"\d\s*[～~]\s*\d")),
    ("fullwidth_form", 14, re.compile(r"[\uFF05\uFF0B\uFF0D\uFF0E\uFF0F\uFF10-\uFF19\uFF1C-\uFF1E\uFF21-\uFF3A\uFF41-\uFF5A]")),
    ("chemical_formula", 14, re.compile(r"(?:[A-Z][a-z]?[0-9₀-₉]*){2,}|[A-Z][a-z]?[₀-₉]")),
    ("sub_superscript", 10, re.compile(r"[\u00B2\u00B3\u00B9\u2070-\u209F]")),
    ("greek_symbol", 12, re.compile(r"[\u0391-\u03C9μµ℃°±≤≥≦≧×→∶︰‰㎡Å′]")),
    ("roman_circled", 8, re.compile(r"[\u2160-\u217F\u2460-\u2473]")),
    ("hyphen_dash", 10, re.compile(r"[A-Za-z0-9][\-\u2010-\u2015][A-Za-z0-9\u4e00-\u9fff]|[\u2011\u2013\u2014]")),
    ("reference_numeral", 10, re.compile(r"[（(]\d{1,3}[)）]")),
    ("quotes", 6, re.compile(r"[“”‘’「」《》【】〔〕]")),
    ("ascii_symbol", 8, re.compile(r"[/@+=<>&*#]")),
    ("label_debris", 6, re.compile(r"^(?:-?\d{2,4}|S\d+)\s*[\u4e00-\u9fff]")),
    # Emoji-property symbols (®, ©, ™) and supplementary characters: Unicode/UTS#51 version sensitive.
    ("emoji_or_astral", 4, re.compile(r"[©®™]|[\U00010000-\U0010FFFF]")),
    # A letter/digit run longer than StandardTokenizer's 255-character maximum token length.
    ("over_long_token", 2, re.compile(r"[0-9A-Za-z.]{256,}")),
]

# Plain sentences per source, on top of the features.
SOURCE_QUOTAS = [
    ("tac.title", 24),
    ("tac.abstract", 40),
    ("tac.claims", 40),
    ("abstracts", 40),
    ("titles", 40),
]

SPLIT = re.compile(r"(?<=[。；])")


def sentences(text):
    """Split at 。 and ；, keeping the mark with its sentence, and at every line break Python knows."""
    for line in (text or "").splitlines():
        for part in SPLIT.split(line):
            part = part.strip()
            if MIN_CHARS <= len(part) <= MAX_CHARS:
                yield part


def load_pool(data):
    pool = []  # (source, sentence) in file order
    with open(data / "kppatent-tac.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for field in ("title", "abstract", "claims"):
                pool.extend(("tac." + field, s) for s in sentences(rec.get(field)))
    with open(data / "kppatent-abstracts.jsonl", encoding="utf-8") as f:
        for line in f:
            pool.extend(("abstracts", s) for s in sentences(json.loads(line).get("abstract")))
    with open(data / "cn-titles-ipc.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            pool.extend(("titles", s) for s in sentences(row["title"]))
    return pool


def spaced(items, count):
    """`count` evenly spaced items (every Nth), deterministic."""
    if len(items) <= count:
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def main():
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    pool = load_pool(data)
    chosen, seen = [], set()

    def take(candidates, count):
        fresh = [s for s in candidates if s not in seen]
        for s in spaced(fresh, count):
            seen.add(s)
            chosen.append(s)

    for _, count, pattern in FEATURES:
        take([s for _, s in pool if pattern.search(s)], count)
    for source, count in SOURCE_QUOTAS:
        take([s for src, s in pool if src == source], count)

    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for s in chosen:
            f.write(s + "\n")
    print(f"{len(chosen)} sentences from a pool of {len(pool)} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
