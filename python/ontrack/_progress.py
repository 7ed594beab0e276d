"""Progress bars for long batch work (assess_table, backtest_many).

``progress=None`` (the default) shows a tqdm bar only when someone is watching: stderr is a terminal,
or the code runs in a Jupyter kernel; and then only once the work has taken longer than
``AUTO_DELAY`` seconds, so that quick calls stay quiet. ``progress=True`` always shows one (on stderr),
``progress=False`` never does.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any, Optional

from tqdm import tqdm

# Seconds before an automatic bar appears (forced bars appear at once).
AUTO_DELAY = 0.5


def in_jupyter() -> bool:
    """Whether this runs in a Jupyter kernel (an IPython ZMQ shell)."""
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None) if ipython is not None else None
    shell = get_ipython() if callable(get_ipython) else None
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def interactive() -> bool:
    """Whether someone is watching: stderr is a terminal, or a Jupyter kernel runs this."""
    stream = sys.stderr
    try:
        if stream is not None and stream.isatty():
            return True
    except (AttributeError, ValueError):  # a replaced or closed stream
        pass
    return in_jupyter()


def progress_bar(total: int, description: str, progress: Optional[bool], unit: str = "it") -> Optional[Any]:
    """A tqdm bar over ``total`` items, or None when it should stay quiet (see the module docstring)."""
    if progress is None:
        if not interactive():
            return None
        delay = AUTO_DELAY
    elif progress:
        delay = 0.0
    else:
        return None
    # The widget bar needs ipywidgets; without it tqdm.notebook fails half-constructed and its
    # destructor prints a traceback, so check first. The text bar works in a notebook too.
    if in_jupyter() and importlib.util.find_spec("ipywidgets") is not None:
        from tqdm.notebook import tqdm as notebook_tqdm

        return notebook_tqdm(total=total, desc=description, unit=unit, delay=delay)
    return tqdm(total=total, desc=description, unit=unit, delay=delay, file=sys.stderr, dynamic_ncols=True)
