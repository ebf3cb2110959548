#!/usr/bin/env python3
"""Build the public demo corpus (data/demo/*.jsonl) from the shared reference data.

Converts each source record to the canonical JSONL format (docs/canonical-format.md), keeping only fields the
source really has: no applicants, dates or IPC codes are invented. Values are copied verbatim (claims included);
the indexer repairs the known PDF-extraction defects, so the demo shows those repairs instead of hiding them.

Deterministic: source order, fixed key order, UTF-8 without BOM, LF line endings, Chinese stored as-is.
The CNIPA export sample is deliberately not converted: its licence forbids the public demo.

Usage: python3 tools/demo/build_demo.py [--source ../shared/data] [--out data/demo]
"""

import argparse
import csv
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def record(pairs):
    """An ordered canonical record without members the source does not have (None, empty string or empty list)."""
    return {key: value for key, value in pairs if value not in (None, "", [])}


def kppatent_tac(source):
    # Fields: id (publication number or KP-TAC-NNNN), pub_no, title, abstract, claims (verbatim), keyphrases.
    for row in read_jsonl(source):
        yield record([
            ("id", row["id"]),
            ("publicationNumber", row.get("pub_no")),
            ("title", row.get("title")),
            ("abstract", row.get("abstract")),
            ("claims", row.get("claims")),
            ("keyphrases", row.get("keyphrases")),
        ])


def kppatent_abstracts(source):
    # Fields: id (KP-A-NNNN), abstract, keyphrases. No titles or numbers exist for this split.
    for row in read_jsonl(source):
        yield record([
            ("id", row["id"]),
            ("abstract", row.get("abstract")),
            ("keyphrases", row.get("keyphrases")),
        ])


def cn_titles_ipc(source):
    # Columns: pub_no, title, ipc_subclasses ('|'-joined true IPC subclasses, not full symbols).
    with source.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield record([
                ("id", row["pub_no"]),
                ("publicationNumber", row["pub_no"]),
                ("title", row["title"]),
                ("ipc", [s for s in row["ipc_subclasses"].split("|") if s]),
            ])


def read_jsonl(path):
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{number}: {e}")


def write_jsonl(path, records):
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared" / "data", help="the shared data folder")
    parser.add_argument("--out", type=Path, default=REPO / "data" / "demo", help="output folder")
    args = parser.parse_args()

    patents = args.source / "patents"
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [
        ("kppatent-tac.jsonl", kppatent_tac(patents / "kppatent-tac.jsonl")),
        ("kppatent-abstracts.jsonl", kppatent_abstracts(patents / "kppatent-abstracts.jsonl")),
        ("cn-titles-ipc.jsonl", cn_titles_ipc(patents / "cn-titles-ipc.csv")),
    ]
    for name, records in jobs:
        print(f"{name}: {write_jsonl(args.out / name, records)} records")


if __name__ == "__main__":
    main()
