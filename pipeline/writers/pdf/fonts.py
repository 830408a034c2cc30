"""Which scripts in a guide no installed font covers, so the build can say what to install."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

# (script name, a pattern of its characters, fontconfig pattern a covering font matches, package)
_SCRIPTS = (
    ("Chinese", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), ":lang=zh-cn", "fonts-noto-cjk"),
    ("Japanese kana", re.compile(r"[\u3040-\u30ff]"), ":lang=ja", "fonts-noto-cjk"),
    ("Korean", re.compile(r"[\uac00-\ud7af]"), ":lang=ko", "fonts-noto-cjk"),
    ("Arabic", re.compile(r"[\u0600-\u06ff]"), ":lang=ar", "fonts-noto-core"),
    ("Hebrew", re.compile(r"[\u0590-\u05ff]"), ":lang=he", "fonts-noto-core"),
    ("Devanagari", re.compile(r"[\u0900-\u097f]"), ":lang=hi", "fonts-noto-core"),
    ("Thai", re.compile(r"[\u0e00-\u0e7f]"), ":lang=th", "fonts-noto-core"),
    ("Emoji", re.compile(r"[\U0001f300-\U0001faff]"), ":charset=1f600", "fonts-noto-color-emoji"),
)


@lru_cache(maxsize=32)
def _has_font_for(pattern: str) -> bool:
    if not shutil.which("fc-list"):
        return True  # cannot tell; say nothing rather than something wrong
    result = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True, check=False)
    return bool(result.stdout.strip())


def missing_fonts(text: str) -> list[tuple[str, str]]:
    """(script, Debian package) for each script in `text` that no installed font covers."""
    return [
        (script, package)
        for script, pattern, language, package in _SCRIPTS
        if pattern.search(text) and not _has_font_for(language)
    ]
