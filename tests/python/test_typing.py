"""Typing: python/ontrack/_core.pyi matches the compiled module, and mypy --strict accepts the package,
tests/python/typing_example.py (the public API used as a user would) and the examples and scripts users
read (examples/python/*.py, examples/distributed/*.py, examples/data/*.py, docs/*.py).

mypy runs twice per session, sharing a cache in pytest's cache folder: cold about 10 s, warm about 1 s.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

import pytest

import ontrack as ot
from ontrack import _core

REPO = Path(__file__).resolve().parents[2]
STUB = REPO / "python" / "ontrack" / "_core.pyi"
EXAMPLE = REPO / "tests" / "python" / "typing_example.py"
# Examples and scripts checked with the package: whatever is there when the tests run.
EXAMPLE_GLOBS = ("examples/python/*.py", "examples/distributed/*.py", "examples/data/*.py", "docs/*.py")


def example_files() -> list[str]:
    return sorted(p.relative_to(REPO).as_posix() for pattern in EXAMPLE_GLOBS for p in REPO.glob(pattern))


def public(names: Iterable[str]) -> set[str]:
    return {n for n in names if not n.startswith("_")}


def stub_names(body: list[ast.stmt]) -> set[str]:
    """Names a stub body defines: functions, classes, annotated and plain assignments."""
    found: set[str] = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
        elif isinstance(node, ast.Assign):
            found.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return found


@pytest.fixture(scope="module")
def stub() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def test_all_names_exist() -> None:
    assert len(ot.__all__) == len(set(ot.__all__))
    missing = [name for name in ot.__all__ if not hasattr(ot, name)]
    assert missing == []
    # Everything public in _core is either re-exported or one of the text/file primitives io.py wraps.
    wrapped = {n for n in public(dir(_core)) if re.fullmatch(r"(read|write)_(targets|observations)_(text|file)", n)}
    constants = {"TARGET_COLUMNS", "OBSERVATION_COLUMNS"}
    assert public(dir(_core)) - set(ot.__all__) == wrapped | constants


def test_stub_module_names_match(stub: ast.Module) -> None:
    in_stub = public(stub_names(stub.body)) | ({"__version__"} & stub_names(stub.body))
    at_runtime = public(dir(_core)) | {"__version__"}
    assert sorted(at_runtime - in_stub) == [], "missing from _core.pyi"
    assert sorted(in_stub - at_runtime) == [], "in _core.pyi but not in ontrack._core"


def runtime_members(cls: type) -> set[str]:
    if issubclass(cls, BaseException):
        # The attributes of an exception are set on each instance by the translator.
        instances = {
            _core.ParseError: lambda: ot.Period("abc"),
            _core.InvalidValueError: lambda: ot.Period.quarter(2025, 5),
        }
        members = public(dir(cls)) - public(dir(ValueError))
        if cls in instances:
            try:
                instances[cls]()
            except cls as error:
                members |= public(vars(error))
        return members
    return public(dir(cls))


def test_stub_class_members_match(stub: ast.Module) -> None:
    classes = {node.name: node for node in stub.body if isinstance(node, ast.ClassDef)}
    runtime_classes = {name for name in public(dir(_core)) if inspect.isclass(getattr(_core, name))}
    assert set(classes) == runtime_classes
    problems = {}
    for name, node in classes.items():
        in_stub = public(stub_names(node.body))
        at_runtime = runtime_members(getattr(_core, name))
        if in_stub != at_runtime:
            problems[name] = {"missing": sorted(at_runtime - in_stub), "extra": sorted(in_stub - at_runtime)}
    assert problems == {}


def stub_parameters(node: ast.FunctionDef) -> list[str]:
    arguments = node.args
    return [a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]


def runtime_parameters(function: object, name: str) -> list[str] | None:
    """Parameter names of a binding (from pybind11's signature line) or of a Python function."""
    doc = (getattr(function, "__doc__", None) or "").strip()
    if doc.startswith(f"{name}("):
        return re.findall(r"(\w+): ", doc.splitlines()[0][len(name) :])
    if inspect.isfunction(function):
        return list(inspect.signature(function).parameters)
    return None


def test_stub_parameter_names_match_the_bindings(stub: ast.Module) -> None:
    """Parameter names in the stub are the keywords the bindings accept, for functions and methods."""
    scopes: list[tuple[object, list[ast.stmt]]] = [(_core, stub.body)]
    scopes += [(getattr(_core, node.name), node.body) for node in stub.body if isinstance(node, ast.ClassDef)]
    compared = 0
    for owner, body in scopes:
        for node in body:
            if not isinstance(node, ast.FunctionDef):
                continue
            if any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list):
                continue
            if node.name.startswith("__") and node.name != "__init__":
                continue
            runtime = runtime_parameters(getattr(owner, node.name), node.name)
            if runtime is None:
                continue
            in_stub = stub_parameters(node)
            if in_stub[:1] == ["self"]:
                # pybind11 calls it self too; a Python function attached as a method names it freely.
                in_stub, runtime = in_stub[1:], runtime[1:]
            assert in_stub == runtime, f"{getattr(owner, '__name__', owner)}.{node.name}"
            compared += 1
    # Every module function, constructor and method with a signature was compared (not skipped).
    assert compared >= 40


# Differences mypy.stubtest reports that are how pybind11 works, not mistakes in the stub: compiled
# classes have pybind11's metaclass; a class without a constructor in the stub takes (*args, **kwargs) at
# runtime (and raises); to_pandas methods are Python functions attached at import, whose first
# parameter is not called self.
STUBTEST_ARTIFACTS = (
    re.compile(r"error: ontrack\._core\.\w+ is inconsistent, metaclass differs"),
    re.compile(r'error: ontrack\._core\.\w+\.__init__ is inconsistent, stub does not have \*args parameter "args"'),
    re.compile(r'error: ontrack\._core\.\w+\.to_pandas is inconsistent, stub parameter "self" differs from runtime parameter "\w+"'),
)


def test_stubtest_finds_nothing_but_pybind11_artifacts(tmp_path: Path) -> None:
    """`python -m mypy.stubtest ontrack._core`: the stub against the compiled module, name by name and
    signature by signature (defaults, positional-only, properties, missing and extra names)."""
    package_parent = str(Path(ot.__file__).absolute().parent.parent)  # not resolved: the stage links files
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([package_parent, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "ontrack._core"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    assert re.search(r"(Found \d+ errors? \(checked 1 module\)|Success: no issues found in 1 module)", output), output
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    real = [line for line in errors if not any(p.fullmatch(line) for p in STUBTEST_ARTIFACTS)]
    assert real == [], output


# ------------------------------------------------------------------------------------------------- mypy


def run_mypy(cache: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "--no-color-output", *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def mypy_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = getattr(request.config, "cache", None)
    return Path(cache.mkdir("mypy")) if cache is not None else tmp_path_factory.mktemp("mypy")


@pytest.fixture(scope="session")
def mypy_package(mypy_cache: Path) -> subprocess.CompletedProcess[str]:
    """`mypy --strict python/ontrack tests/python/typing_example.py <examples and docs scripts>`, run once."""
    return run_mypy(mypy_cache, "python/ontrack", EXAMPLE.relative_to(REPO).as_posix(), *example_files())


def source_file_count() -> int:
    package = REPO / "python" / "ontrack"
    # + typing_example.py + the examples and scripts
    return len([p for p in package.iterdir() if p.suffix in (".py", ".pyi")]) + 1 + len(example_files())


def test_the_examples_and_scripts_are_checked() -> None:
    files = example_files()
    # The ones there were when this check was written; more are picked up as they are added.
    for known in ("examples/python/backtest_coverage.py", "examples/data/build_observations.py", "docs/make_api_reference.py"):
        assert known in files


def test_mypy_checks_the_stub_and_example_cleanly(mypy_package: subprocess.CompletedProcess[str]) -> None:
    output = mypy_package.stdout + mypy_package.stderr
    # mypy really ran over every file (not a configuration error) ...
    assert re.search(rf"(in|checked) {source_file_count()} source files\)?$", output.strip()), output
    # ... and found nothing wrong in the stub or in the example of use.
    ours_prefixes = ("python/ontrack/_core.pyi", EXAMPLE.relative_to(REPO).as_posix(), "examples/", "docs/")
    ours = [line for line in output.splitlines() if line.startswith(ours_prefixes)]
    assert ours == [], output


def test_mypy_strict_passes(mypy_package: subprocess.CompletedProcess[str]) -> None:
    # Regression (fixed): errors are in python/ontrack/io.py and _pandas.py, not in the stub (see the test above).
    assert mypy_package.returncode == 0, mypy_package.stdout + mypy_package.stderr


def test_mypy_rejects_misuse(mypy_package: subprocess.CompletedProcess[str], mypy_cache: Path, tmp_path: Path) -> None:
    """The stub is really in force: wrong uses of the API are type errors, not Any."""
    misuse = tmp_path / "misuse.py"
    misuse.write_text(
        textwrap.dedent(
            """\
            import ontrack as ot

            year: str = ot.Period(2025).year
            target = ot.Target(id="a", kind="levle", value=1, period=2025)
            verdict: int = ot.evaluate(target, ot.Series(2025, [1.0])).verdict
            start: ot.Period = ot.Series(2025, [1.0]).start
            ot.Target("a", value=1, period=2025)
            """
        ),
        encoding="utf-8",
    )
    # Same options and cache as the package run (which ran first), so only misuse.py is new work.
    done = run_mypy(mypy_cache, "python/ontrack", str(misuse))
    assert done.returncode == 1, done.stdout + done.stderr
    lines_with_errors = sorted({int(m) for m in re.findall(r"misuse\.py:(\d+): error", done.stdout)})
    assert lines_with_errors == [3, 4, 5, 6, 7], done.stdout
