"""Writing output files: the whole text or nothing, for the command line and the HTML report alike."""

from __future__ import annotations

import os
import tempfile


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``path`` through a unique temporary file in the
    same folder, synced and renamed over ``path`` once complete: an interrupted write leaves the old
    file as it was."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".ontrack-", suffix=".tmp")
    try:
        # mkstemp creates the file readable by its owner only; give the result the permissions any
        # new file gets here (0666 less the umask), or those of the file it replaces.
        umask = os.umask(0)
        os.umask(umask)
        mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o666 & ~umask
        os.chmod(temporary, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before the rename makes it the file
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
