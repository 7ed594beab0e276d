"""Shared fixtures: where the repository's bundled data live, and a writer for small CSV files.

Tests depend only on files in this repository (examples/data, docs), never on ../shared.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Union

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"


@pytest.fixture(scope="session")
def seed_targets_path() -> Path:
    return DATA / "seed_targets.csv"


@pytest.fixture(scope="session")
def national_targets_path() -> Path:
    return DATA / "national_targets.csv"


@pytest.fixture(scope="session")
def observations_path() -> Path:
    return DATA / "observations.csv"


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, Union[str, bytes]], Path]:
    """Writes text (UTF-8, line ends exactly as given) or raw bytes to tmp_path/name."""

    def write(name: str, content: Union[str, bytes]) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


def csv_records(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file read with the standard library, independently of ontrack's reader."""
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="session")
def read_csv_records() -> Callable[[Path], list[dict[str, str]]]:
    return csv_records
