#!/usr/bin/env python3
"""Check examples/data/seed_targets.csv against the seed policy texts.

Standalone, standard library only. Asserts that
  * the header is exactly the targets-file columns (docs/targets_csv.md),
  * every row has one field per column and no field has leading/trailing spaces,
  * ids are unique,
  * every quote is an exact substring of one seed file in examples/data/seeds,
    and all quotes of one document come from the same seed file,
  * writing the rows back with the canonical csv writer settings reproduces
    the file byte for byte (UTF-8, no BOM, LF, minimal quoting, final newline).

Run: python3 tests/data/check_seed_quotes.py
"""
import csv
import io
import sys
from pathlib import Path

COLUMNS = [
    "id", "region", "indicator", "kind", "comparator", "value", "value_high",
    "tolerance", "period_start", "period", "baseline_period", "baseline_value",
    "stretch", "commitment", "unit", "lead_unit", "responsible_units",
    "document", "quote",
]

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
SEEDS = HERE.parents[2] / "examples" / "data" / "seeds"
CSV_PATH = REPO / "examples" / "data" / "seed_targets.csv"


def main() -> int:
    raw = CSV_PATH.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "file must not start with a BOM"
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "empty file"
    header, body = rows[0], rows[1:]
    assert header == COLUMNS, f"header mismatch: {header}"
    assert body, "no data rows"

    seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    assert seeds, f"no seed files in {SEEDS}"

    ids = set()
    doc_files = {}
    for line_no, row in enumerate(body, start=2):
        assert len(row) == len(COLUMNS), f"line {line_no}: {len(row)} fields"
        rec = dict(zip(COLUMNS, row))
        for col, val in rec.items():
            assert val == val.strip(), f"line {line_no}: column {col} has surrounding spaces"
        rid = rec["id"]
        assert rid, f"line {line_no}: empty id"
        assert rid not in ids, f"line {line_no}: duplicate id {rid}"
        ids.add(rid)
        quote = rec["quote"]
        assert quote, f"line {line_no} ({rid}): empty quote"
        hits = {name for name, body_text in seeds.items() if quote in body_text}
        assert hits, f"line {line_no} ({rid}): quote not found in any seed file: {quote!r}"
        doc = rec["document"]
        common = doc_files.get(doc, hits) & hits
        assert common, f"line {line_no} ({rid}): quotes of document {doc!r} span several seed files"
        doc_files[doc] = common

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(row)
    assert out.getvalue().encode("utf-8") == raw, "file is not in canonical csv form"

    print(f"ok: {len(body)} rows, {len(doc_files)} documents, quotes found in {CSV_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
