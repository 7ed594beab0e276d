"""ontrack._files: the one atomic file writer, shared by the command line and the HTML report (so the
report does not import the command line)."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from ontrack import _files, cli, report


def test_writes_the_text_exactly_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    _files.write_atomically(str(path), "a,b\r\n1,2\n中文\n")
    assert path.read_bytes() == "a,b\r\n1,2\n中文\n".encode("utf-8")
    os.chmod(path, 0o640)
    _files.write_atomically(str(path), "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        _files.write_atomically(str(path), "\ud800")  # a lone surrogate cannot be encoded
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_report_and_cli_share_the_writer_without_importing_each_other() -> None:
    assert cli._write_atomically is _files.write_atomically
    assert report.write_atomically is _files.write_atomically
    tree = ast.parse(Path(report.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert "ontrack.cli" not in imported
