#!/usr/bin/env python3
"""Speed of the plan-text extractor (``ontrack.extract_rows``) on ordinary and adversarial text.

    PYTHONPATH=build/dev-NAME/stage .venv/bin/python bench/extraction_speed.py [--repeats 3] [--mb 4]

Ordinary text: the seed plans and the development corpus documents (tests/data/extraction/corpus/docs),
concatenated and repeated to about ``--mb`` MB. Adversarial texts, each at 1, 2 and 4 times a base size, to
show whether time grows linearly: a run-on list of counts without a full stop ("1家1家…"), digits without
end, an unclosed quotation, thousands of 、-separated items before one predicate, time words only.

Peer, measured in the same run on the same text: a regular-expression scan for numbers with units (Python
``re``, the floor of any number-reading extractor) and ``str.encode`` (the cost of crossing into C++ as
UTF-8). Wall time, alternated repeats, minimum and median. Prints MB/s (UTF-8 megabytes) and the ratios.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import ontrack as ot

REPO = Path(__file__).resolve().parents[1]
UNIT_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|亿元|万元|家|个|项|人|名|件)")


def ordinary_text(megabytes: float) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "data" / "seeds").glob("*.txt"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "data" / "extraction" / "corpus" / "docs").glob("*.txt"))]
    one = "\n".join(parts)
    size = len(one.encode("utf-8"))
    return "\n".join([one] * max(1, int(megabytes * 1e6 / size + 0.5)))


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "run-on counts 1家…": lambda n: "1家" * (n // 4),
    "digits without end": lambda n: "到2025年达到" + "1234567890" * (n // 10),
    "unclosed quotation": lambda n: "“" + "到2025年高新技术企业达到60家," * (n // 45),
    "list before one predicate": lambda n: "、".join(["高新技术企业"] * (n // 21)) + "数量翻一番。",
    "time words only": lambda n: "到2025年" * (n // 10),
    "targets without full stop": lambda n: "到2025年研发投入强度达到2.5%," * (n // 40),
}


def timed(function: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def measure(text: str, repeats: int) -> dict[str, list[float]]:
    """Alternates the extractor and its peers, ``repeats`` rounds."""
    out: dict[str, list[float]] = {"extract_rows": [], "re scan": [], "encode": []}
    for _ in range(repeats):
        out["extract_rows"] += timed(lambda: ot.extract_rows(text, "bench"), 1)
        out["re scan"] += timed(lambda: UNIT_NUMBER.findall(text), 1)
        out["encode"] += timed(lambda: text.encode("utf-8"), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mb", type=float, default=4.0, help="size of the ordinary text in MB")
    parser.add_argument("--base", type=float, default=1.0, help="base size of the adversarial texts in MB")
    arguments = parser.parse_args()

    text = ordinary_text(arguments.mb)
    mb = len(text.encode("utf-8")) / 1e6
    times = measure(text, arguments.repeats)
    best = {name: min(values) for name, values in times.items()}
    print(f"ordinary text: {mb:.1f} MB (seed plans and corpus documents, repeated), {len(ot.extract_rows(text, 'bench'))} rows")
    for name, values in times.items():
        print(f"  {name:<14} min {min(values):7.3f} s  median {statistics.median(values):7.3f} s  {mb / min(values):8.1f} MB/s")
    print(f"  extract_rows / re scan: {best['extract_rows'] / best['re scan']:.1f}x   extract_rows / encode: {best['extract_rows'] / best['encode']:.0f}x")
    print()
    print("adversarial texts: time at 1x, 2x, 4x the base size (linear: ratios near 2 and 4)")
    for name, make in ADVERSARIAL.items():
        row = []
        for factor in (1, 2, 4):
            sample = make(int(arguments.base * 1e6 * factor / 3))  # about base MB of 3-byte characters
            size = len(sample.encode("utf-8")) / 1e6
            seconds = min(timed(lambda: ot.extract_rows(sample, "bench"), arguments.repeats))
            row.append((size, seconds))
        first = row[0][1]
        ratios = "  ".join(f"{size:4.1f} MB {seconds:6.3f} s (x{seconds / first:4.2f})" for size, seconds in row)
        print(f"  {name:<26} {ratios}   {row[-1][0] / row[-1][1]:6.1f} MB/s at 4x")


if __name__ == "__main__":
    main()
