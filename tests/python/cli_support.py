"""Running the command line as a user does, shared by the CLI test files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_module(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m ontrack ARGUMENTS`` in ``cwd``, capturing its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "ontrack", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
        check=False,
    )
