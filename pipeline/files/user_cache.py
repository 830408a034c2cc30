"""The user's cache folder for things that are costly to make and cheap to check: compiled templates,
parsed language files. `~/.cache/study-guide-pipeline/<kind>` (or under `$XDG_CACHE_HOME`), readable
by its user only; `STUDY_GUIDE_TEMPLATE_CACHE=0` turns every such cache off."""

from __future__ import annotations

import os
from pathlib import Path

# Set to 0 to make everything afresh in every process (the name predates the language cache).
CACHE_SWITCH = "STUDY_GUIDE_TEMPLATE_CACHE"


def user_cache_folder(kind: str) -> Path | None:
    """The folder for one kind of cached thing, made if need be; None when caching is off or the
    folder cannot be written (the caller then makes the thing afresh, as it would the first time)."""
    if os.environ.get(CACHE_SWITCH, "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "study-guide-pipeline" / kind
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    return folder
