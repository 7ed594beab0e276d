"""docs/api.md is the reference docs/make_api_reference.py generates from the docstrings of this build."""

from __future__ import annotations

import importlib.util
import re
import types
from pathlib import Path

import pytest

import ontrack as ot

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "docs" / "make_api_reference.py"
API = REPO / "docs" / "api.md"
REGENERATE = (
    "docs/api.md is out of date (a public name or a docstring changed). Regenerate it with\n"
    "    scripts/dev-python docs && PYTHONPATH=build/dev-docs/stage .venv/bin/python docs/make_api_reference.py\n"
    "(or `python docs/make_api_reference.py` with the package installed) and commit docs/api.md."
)


@pytest.fixture(scope="module")
def script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("make_api_reference", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(script: types.ModuleType) -> tuple[str, list[str]]:
    text, missing = script.render()
    return text, missing


def test_api_md_is_up_to_date(generated: tuple[str, list[str]]) -> None:
    text, _ = generated
    current = API.read_text(encoding="utf-8")
    assert current == text, REGENERATE


def test_every_public_name_is_documented_under_its_module(generated: tuple[str, list[str]]) -> None:
    text, _ = generated
    headings = re.findall(r"^### (?:class )?`([^`]+)`$", text, flags=re.MULTILINE)
    assert set(ot.__all__) <= set(headings)
    assert set(ot.datasets.__all__) <= set(headings)
    sections = re.findall(r"^## `([^`]+)`$", text, flags=re.MULTILINE)
    assert sections[:1] == ["ontrack.io"] and "ontrack._core" in sections and "ontrack.datasets" in sections
    # Core classes come with their members and the docstrings the bindings carry.
    core = text.split("## `ontrack._core`")[1]
    assert "### class `Series`" in core and "- `cagr(start: object, end: object) -> float`" in core


def test_python_modules_owned_here_have_every_docstring(generated: tuple[str, list[str]]) -> None:
    _, missing = generated
    ours = ("ontrack.io.", "ontrack._pandas.", "ontrack.datasets.")
    assert [name for name in missing if name.startswith(ours)] == []


def test_the_check_mode_reports_a_stale_file(script: types.ModuleType, tmp_path: Path) -> None:
    stale = tmp_path / "api.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert script.main(["--check", "--output", str(stale)]) == 1
    assert script.main(["--output", str(stale)]) == 0
    assert script.main(["--check", "--output", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == API.read_text(encoding="utf-8"), REGENERATE
