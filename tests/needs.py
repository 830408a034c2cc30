"""What a test needs from the machine: a skip marker for each program or font, naming what is missing.

`scripts/system-deps` (run by `make test`) installs all of these where it can; a test whose need is
still missing skips with the reason instead of failing.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

import pytest

INSTALL = "scripts/system-deps installs it"


def _programs(*names: str) -> bool:
    return all(shutil.which(name) for name in names)


@functools.cache
def has_font(pattern: str) -> bool:
    """Whether fontconfig knows a face matching `pattern` (":lang=hi", "Noto Naskh Arabic")."""
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


def font(pattern: str, what: str, package: str) -> pytest.MarkDecorator:
    """Skip unless a font matching `pattern` is installed; `what` and `package` name it in the reason."""
    return pytest.mark.skipif(
        not has_font(pattern), reason=f"no {what} font is installed (Debian's {package}); {INSTALL}"
    )


poppler = pytest.mark.skipif(
    not _programs("pdftotext", "pdffonts"),
    reason=f"pdftotext/pdffonts (Debian's poppler-utils) are not installed; {INSTALL}",
)
java = pytest.mark.skipif(
    not _programs("java"),
    reason=f"java is not installed, so EPUBCheck cannot run (default-jre-headless); {INSTALL}",
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
chromium = pytest.mark.skipif(CHROMIUM is None, reason=f"Debian's chromium is not installed; {INSTALL}")
ace = pytest.mark.skipif(
    not (_programs("ace-puppeteer") and CHROMIUM),
    reason=f"DAISY Ace (npm @daisy/ace) or Chromium is not installed; {INSTALL}",
)
calibre = pytest.mark.skipif(
    not _programs("ebook-meta", "ebook-convert"),
    reason=f"Calibre (ebook-meta, ebook-convert) is not installed; {INSTALL}",
)
chinese_font = font(":lang=zh-cn", "Chinese", "fonts-noto-cjk")
naskh_font = font("Noto Naskh Arabic", "Noto Naskh Arabic", "fonts-noto-core")
