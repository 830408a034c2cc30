"""The shared theme: where its CSS layers and fonts live, and the values other code reads from it."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO_STYLES = Path(__file__).resolve().parent.parent / "styles"


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme folder holding base.css (both outputs), epub.css and print.css."""

    folder: Path

    def css(self, layer: str) -> str:
        """A layer of this theme; a theme may leave out handout.css and get the default one."""
        path = self.folder / f"{layer}.css"
        if not path.is_file() and layer == "handout":
            path = REPO_STYLES / "handout.css"
        return path.read_text(encoding="utf-8")

    def epub_css(self) -> str:
        """What EPUB readers get: the base and e-reader layers, never the print layer.

        Custom properties are resolved here, because older reading systems (Adobe RMSDK,
        Kindle through Calibre) drop every declaration that uses `var()`.
        """
        return resolve_custom_properties(self.css("base") + "\n" + self.css("epub"))

    def variable(self, name: str, default: str) -> str:
        """A custom property's value from base.css (`--name: value;`), for code that draws."""
        match = re.search(rf"--{re.escape(name)}\s*:\s*([^;]+);", self.css("base"))
        return match.group(1).strip() if match else default

    def fingerprint_files(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*") if p.is_file())


_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DECLARATION = re.compile(r"--([\w-]+)\s*:\s*([^;{}]+);")
_VAR = re.compile(r"var\(\s*--([\w-]+)\s*(?:,\s*([^()]*))?\)")
_EMPTY_RULE = re.compile(r"[^{}]*\{\s*\}")


def resolve_custom_properties(css: str) -> str:
    """Replace `var(--x)` with the value `:root` gives it, and drop the custom properties."""
    css = _COMMENT.sub("", css)
    values: dict[str, str] = {}
    for block in re.finditer(r":root\s*\{([^}]*)\}", css):
        values.update((name, value.strip()) for name, value in _DECLARATION.findall(block.group(1)))
    for _ in range(8):  # values may refer to other values
        css, count = _VAR.subn(lambda m: values.get(m.group(1), (m.group(2) or "").strip()), css)
        if not count:
            break
    css = _DECLARATION.sub("", css)
    previous = None
    while previous != css:  # rules left with no declarations, and @-blocks left empty by that
        previous, css = css, _EMPTY_RULE.sub("", css)
    return re.sub(r"\n\s*\n+", "\n", css).strip() + "\n"


@lru_cache(maxsize=8)
def load_theme(folder: Path | None = None) -> Theme:
    folder = (folder or REPO_STYLES).resolve()
    for layer in ("base", "epub", "print"):
        if not (folder / f"{layer}.css").is_file():
            from pipeline.diagnostics import UsageError

            raise UsageError(f"{folder}: a theme needs base.css, epub.css and print.css ({layer}.css missing)")
    return Theme(folder)


@dataclass(frozen=True, slots=True)
class FontFamily:
    name: str
    folder: Path
    faces: tuple[tuple[str, str, str], ...]  # (file name, weight, style)


def _package_folder(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "files"


@lru_cache(maxsize=1)
def book_fonts() -> tuple[FontFamily, ...]:
    """The body face (Source Serif) and heading face (Source Sans), from their PyPI packages."""
    families = []
    for module, name, prefix in (
        ("font_source_serif_pro", "Source Serif Pro", "SourceSerifPro"),
        ("font_source_sans_pro", "Source Sans Pro", "SourceSansPro"),
    ):
        folder = _package_folder(module)
        if folder is None or not folder.is_dir():
            continue
        faces = tuple(
            (f"{prefix}-{suffix}.ttf", weight, style)
            for suffix, weight, style in (
                ("Regular", "400", "normal"),
                ("It", "400", "italic"),
                ("Semibold", "600", "normal"),
                ("Bold", "700", "normal"),
                ("BoldIt", "700", "italic"),
            )
            if (folder / f"{prefix}-{suffix}.ttf").is_file()
        )
        families.append(FontFamily(name, folder, faces))
    return tuple(families)


def font_face_css() -> str:
    rules = []
    for family in book_fonts():
        for file_name, weight, style in family.faces:
            rules.append(
                f'@font-face {{ font-family: "{family.name}"; font-weight: {weight}; font-style: {style}; '
                f'src: url("{(family.folder / file_name).as_uri()}"); }}'
            )
    return "\n".join(rules)


def font_file(role: str = "sans", bold: bool = False) -> Path | None:
    """A TTF file of the theme's fonts, for drawing the cover."""
    for family in book_fonts():
        if (role == "sans") == ("Sans" in family.name):
            wanted = "Bold" if bold else "Regular"
            for file_name, _, _ in family.faces:
                if file_name.endswith(f"-{wanted}.ttf"):
                    return family.folder / file_name
    return None
