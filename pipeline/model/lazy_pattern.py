"""A regular expression compiled on first use: a module's patterns cost start-up time only in the
runs that need them (most runs read one dialect of one language and never touch the rest)."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands in for `re.compile(source, flags)`: the first attribute asked for (`search`, `sub`,
    `pattern` …) compiles it, and that attribute is then kept on the instance, so later calls cost
    what the compiled pattern's own do. Pass `.compiled` where a real `re.Pattern` is required."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(self._source, self._flags)
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not yet on the instance: fetch from the compiled pattern and keep
        # them, so `lazy.search` is a plain instance lookup from the second call on.
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"
