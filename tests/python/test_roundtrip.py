"""Lossless round trips of both files: a property test over random text.

Random cells are drawn (seeded, so a failure reproduces) from an alphabet of Chinese text, ASCII,
quotes (straight and curly), commas, semicolons, line breaks (LF, CRLF, a lone CR), tabs, the
ideographic space, a NUL, an emoji and full-width digits. Every target and observation built from
them is written to a file, read back and compared field by field, and the written text is a fixed
point (writing what was read gives the same bytes).

What is not kept, by design (docs/targets_csv.md): key cells (id, region, indicator, unit, vintage,
lead_unit and each responsible unit) are trimmed of surrounding blanks, and responsible units are
split on ';', and key cells may not hold control or invisible characters (tab, line breaks, NUL:
docs/robustness.md, "Invisible characters in keys"; the readers and writers refuse them). The
generator respects that; document, quote and source are kept exactly, with every character.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Literal

import pytest

import ontrack as ot

ALPHABET = [
    "研发", "投入", "强度", "昌吉", "“十四五”", "《规划》", "，", "。", "、", "％", "２０２５", "１．５",
    "a", "Z", "0", "9", " ", "  ", "\t", "\u3000", '"', '""', "'", ",", ";", "\n", "\r\n", "\r",
    "\x00", "😀", "—", "=", "#", "%",
]
BLANKS = " \t\r\n\f\v\u3000"
# Keys: the same alphabet without the control characters a key may not hold.
KEY_ALPHABET = [a for a in ALPHABET if not any(c in a for c in "\t\r\n\x00")]
CASES = 300


def text(rng: random.Random, longest: int = 12, alphabet: list[str] = ALPHABET) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def key(rng: random.Random, *, required: bool = False, forbid: str = "") -> str:
    """A cell the readers trim: no surrounding blanks; never empty when required."""
    while True:
        cell = text(rng, alphabet=KEY_ALPHABET).strip(BLANKS)
        for c in forbid:
            cell = cell.replace(c, "")
        cell = cell.strip(BLANKS)
        if cell or not required:
            return cell


@pytest.mark.parametrize("seed", range(CASES // 100))
def test_observations_round_trip(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    rows = []
    for k in range(100):
        rows.append(
            ot.Observation(
                region=key(rng),
                indicator=key(rng, required=True),
                period=ot.Period(1990 + k // 4).__str__() if k % 2 else f"{1990 + k // 4}-Q{k % 4 + 1}",
                value=rng.choice([float("nan"), 0.0, -1.5, 1e300, 1e-300, rng.uniform(-1e6, 1e6), float(rng.randint(0, 10**9))]),
                unit=key(rng),
                vintage=key(rng) + str(k),
                source=text(rng, 30),
            )
        )
    table = ot.ObservationTable(rows)
    path = tmp_path / "o.csv"
    written = ot.write_observations(table, path)
    back = ot.read_observations(path)
    assert len(back.rows) == len(rows)
    for a, b in zip(rows, back.rows):
        assert (a.region, a.indicator, str(a.period), a.unit, a.vintage, a.source) == (
            b.region, b.indicator, str(b.period), b.unit, b.vintage, b.source
        )
        assert (a.value == b.value) or (a.value != a.value and b.value != b.value)
    assert ot.write_observations(back) == written


@pytest.mark.parametrize("seed", range(CASES // 100))
def test_targets_round_trip(seed: int, tmp_path: Path) -> None:
    rng = random.Random(1000 + seed)
    targets = []
    for k in range(100):
        kind: Literal["level", "increment", "growth", "relative", "trend"] = rng.choice(["level", "increment", "growth", "relative", "trend"])
        value = {"level": rng.uniform(-1e6, 1e6), "increment": float(rng.randint(-5, 100)), "growth": rng.uniform(-0.5, 0.9),
                 "relative": rng.choice([2.0, 4.0, 1.5]), "trend": None}[kind]
        targets.append(
            ot.Target(
                id=f"t{k}" + key(rng),
                region=key(rng),
                indicator=key(rng, required=True),
                kind=kind,
                comparator=rng.choice([">=", ">", "<=", "<"]),
                value=value,
                period=2025,
                baseline_period=2020 if kind == "relative" else None,
                stretch=None,
                unit=key(rng),
                lead_unit=key(rng),
                responsible_units=[key(rng, required=True, forbid=";") for _ in range(rng.randint(0, 3))],
                document=text(rng, 20),
                quote=text(rng, 40),
            )
        )
    path = tmp_path / "t.csv"
    written = ot.write_targets(targets, path)
    back = ot.read_targets(path)
    assert back == targets
    for a, b in zip(targets, back):
        assert (a.id, a.region, a.indicator, a.unit, a.lead_unit, list(a.responsible_units), a.document, a.quote) == (
            b.id, b.region, b.indicator, b.unit, b.lead_unit, list(b.responsible_units), b.document, b.quote
        )
    assert ot.write_targets(back) == written
    assert path.read_bytes() == written.encode("utf-8")
