"""A cover never draws a missing glyph: each text is set in an installed face with all its letters,
and a text no installed face has the letters for is left off the image, with W-COVER-FONT naming
the Debian package to install."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from pipeline.model.diagnostics import Report
from pipeline.model.guide import Metadata
from pipeline.writers.cover import cover, fonts
from pipeline.writers.pdf import fonts as pdf_fonts
from pipeline.writers.theme import load_theme
from tests import needs

KOREAN = "구운몽"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def meta(title: str) -> Metadata:
    return Metadata(title=title, authors=("Kim Man-jung",), language="ko", year_text="1687")


def forget_fonts() -> None:
    """fontconfig's answers are cached per process: drop them when its configuration changes."""
    for module, name in ((fonts, "_fallback_font"), (fonts, "_covering_font"), (pdf_fonts, "_has_font_for")):
        if hasattr(module, name):
            getattr(module, name).cache_clear()


@pytest.fixture
def dejavu_only(tmp_path, monkeypatch):
    """fontconfig restricted to DejaVu, which has no Hangul (as on a machine without Noto CJK)."""
    if not (shutil.which("fc-list") and DEJAVU.is_dir()):
        pytest.skip("needs fontconfig and Debian's fonts-dejavu-core")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{DEJAVU}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    forget_fonts()
    yield
    monkeypatch.delenv("FONTCONFIG_FILE")
    forget_fonts()


def title_band(jpeg: bytes) -> Image.Image:
    """The rows the title's one line is drawn on (its centre at 720 on the 1200 grid)."""
    image = Image.open(io.BytesIO(jpeg)).convert("L")
    centre = round(720 * cover.S)
    return image.crop((round(150 * cover.S), centre - 40, round(1050 * cover.S), centre + 40))


def font_warnings(report: Report) -> list:
    return [d for d in report.items if d.code == "W-COVER-FONT"]


def test_a_title_no_installed_face_has_is_left_off_with_the_package_to_install(dejavu_only):
    report = Report("guide.md")
    jpeg = cover.cover_image(meta(KOREAN), load_theme(), "A Study Guide", report)
    [warning] = font_warnings(report)
    assert KOREAN in warning.message and "fonts-noto-cjk" in warning.message
    low, high = title_band(jpeg).getextrema()
    assert high - low < 12, (low, high)  # the flat background: no boxes where the title goes


def test_what_a_face_has_is_still_drawn_when_the_title_is_left_off(dejavu_only):
    unfaced: list[fonts.NoFace] = []
    marks = cover._layout(meta(KOREAN), "A Study Guide", "#ffffff", "#d9a441", [], unfaced)
    assert [lacking.text for lacking in unfaced] == [KOREAN]
    drawn = [mark.text for mark in marks if mark.font is not None]
    assert "Kim Man-jung" in drawn and "1687" in drawn and KOREAN not in "".join(drawn)


@needs.font(":lang=ko", "Korean", "fonts-noto-cjk")
def test_a_korean_title_is_drawn_in_an_installed_face_that_has_hangul():
    forget_fonts()
    report = Report("guide.md")
    jpeg = cover.cover_image(meta(KOREAN), load_theme(), "A Study Guide", report)
    assert not font_warnings(report)
    low, high = title_band(jpeg).getextrema()
    assert high - low > 100  # the title's ink on the background
    assert set(KOREAN) <= fonts._characters(fonts.cover_font("ko", "serif", True, 90, KOREAN).path)


def test_a_face_with_every_letter_is_found_when_the_language_face_lacks_some(monkeypatch):
    """The face fontconfig picks for the language lacks the letters; another installed one has them."""
    latin = frozenset(chr(code) for code in range(32, 127))
    monkeypatch.setattr(fonts, "_fallback_font", lambda language, character: "/fonts/latin.ttf")
    monkeypatch.setattr(fonts, "_characters", lambda path: latin | set(KOREAN) if "hangul" in path else latin)
    asked = []
    monkeypatch.setattr(
        fonts, "_covering_font", lambda language, chars: asked.append(chars) or "/fonts/hangul.ttf"
    )
    monkeypatch.setattr(fonts, "_load_font", lambda path, size: path)
    assert fonts.cover_font("ko", "serif", True, 100, f"{KOREAN} 2") == "/fonts/hangul.ttf"
    assert asked == ["".join(sorted(set(KOREAN) | {"2"}))]  # every letter of the text, Latin too


def test_a_symbol_no_face_has_is_no_reason_to_leave_the_text_off(monkeypatch):
    """An emoji is only dropped from its line (see drawable): no face search, no warning."""
    monkeypatch.setattr(fonts, "_covering_font", lambda language, chars: pytest.fail("searched"))
    report = Report("guide.md")
    cover.cover_image(
        Metadata(title="The Caterpillar \U0001f41b", authors=(), language="en"),
        load_theme(),
        "A Study Guide",
        report,
    )
    assert not font_warnings(report)


@pytest.mark.parametrize(
    ("letters", "package"), [("한", "fonts-noto-cjk"), ("の", "fonts-noto-cjk"), ("ሰ", "fonts-noto-core")]
)
def test_the_warning_names_the_package_a_script_comes_in(monkeypatch, letters, package):
    # A script the PDF table lacks (the cover imports that table only when it warns).
    monkeypatch.setattr("pipeline.writers.pdf.fonts.missing_fonts", lambda text: [])
    report = Report("guide.md")
    fonts.warn_unfaced([fonts.NoFace(f"T{letters}", letters)], report)
    [warning] = font_warnings(report)
    assert f"install Debian's {package}" in warning.message and f"T{letters}" in warning.message
