"""The example notebook runs top to bottom against the installed package, so it never rots.

Executed with nbclient in a fresh kernel (the interpreter running the tests). Beyond "no cell raised",
the checks are on what a reader sees: the charts are there as PNG images, the verdict table is HTML,
and nothing was written to stderr (a warning or a traceback printed by a destructor would show up there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "tracking_2025_targets.ipynb"


def _outputs(notebook: Any) -> list[dict[str, Any]]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]


def test_notebook_runs_top_to_bottom(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), "commit the notebook without outputs"
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError naming the cell when one fails

    outputs = _outputs(notebook)
    stderr = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
    assert stderr == "", f"the notebook wrote to stderr:\n{stderr[:2000]}"
    assert not [o for o in outputs if o.get("output_type") == "error"]

    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3, "expected the plan's small multiples, the target chart (zh) and the scenario chart"
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("off track" in h or "on track" in h for h in html), "the verdict table shows status badges in words"

    printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    # Changji's R&D intensity target: (1.5 / 0.17) ** (1 / 5) - 1 = 0.5457 (54.6% a year), and with GDP
    # +5% a year R&D spending must grow 1.05 * 1.5457 - 1 = 0.6230 (62.3%): by hand from the target.
    assert "54.6%" in printed and "62.3%" in printed
    assert "P(literacy > 15% in 2025)" in printed and "P(literacy >= 16% in 2025, the stretch)" in printed

