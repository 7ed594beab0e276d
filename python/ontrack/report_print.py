"""Printing the HTML report with headless Chromium: a PDF on A4, or a screenshot."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from typing import Optional

#: Browser commands tried, in order.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> Optional[str]:
    """The path of a Chromium or Chrome executable ($ONTRACK_CHROMIUM first), or None."""
    explicit = os.environ.get("ONTRACK_CHROMIUM")
    if explicit:
        return shutil.which(explicit) or (explicit if os.path.exists(explicit) else None)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(arguments: list[str], html: str, timeout: float) -> None:
    browser = find_chromium()
    if browser is None:
        raise ImportError(
            "printing the report needs Chromium or Chrome (none of " + ", ".join(CHROMIUM_NAMES) + " is on PATH; "
            "set ONTRACK_CHROMIUM to its path, or write --format html and print it from a browser)"
        )
    with tempfile.TemporaryDirectory(prefix="ontrack-print-") as folder:
        page = os.path.join(folder, "report.html")
        with open(page, "w", encoding="utf-8") as stream:
            stream.write(html)
        command = [
            browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
            f"--user-data-dir={os.path.join(folder, 'profile')}", *arguments, "file://" + page,
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise OSError(f"{browser} did not finish printing within {timeout:.0f} s") from exc
        if done.returncode != 0:
            tail = " ".join((done.stderr or "").strip().splitlines()[-2:])
            raise OSError(f"{browser} failed to print the report (exit {done.returncode}): {tail}")


def print_pdf(html: str, path: "str | os.PathLike[str]", timeout: float = 120.0) -> None:
    """The report as a PDF at ``path`` (the page's @media print rules lay it out on A4)."""
    target = os.path.abspath(os.fspath(path))
    partial = target + ".partial"
    try:
        _run([f"--print-to-pdf={partial}", "--no-pdf-header-footer", "--print-to-pdf-no-header"], html, timeout)
        if not os.path.exists(partial) or os.path.getsize(partial) == 0:
            raise OSError("the browser wrote no PDF")
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def screenshot(html: str, path: "str | os.PathLike[str]", width: int = 1280, height: int = 2000, timeout: float = 120.0) -> None:
    """A PNG screenshot of the report, ``width`` × ``height`` pixels."""
    _run([f"--screenshot={os.path.abspath(os.fspath(path))}", f"--window-size={width},{height}"], html, timeout)
