"""The shared theme: where its CSS layers and fonts live, and the values other code reads from it."""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.files.inert_css import inert_css

REPO_STYLES = Path(__file__).resolve().parents[2] / "styles"
THEMES = REPO_STYLES / "themes"
LAYERS = ("base", "epub", "print", "handout")


@dataclass(frozen=True, slots=True)
class Theme:
    """The default theme (styles/) or a theme folder layered on it.

    A theme folder holds any of base.css (both outputs), epub.css, print.css and handout.css;
    each is added after the default layer of the same name, so a theme that only sets a few
    custom properties in base.css is a complete theme.
    """

    folder: Path

    @property
    def name(self) -> str:
        return "default" if self.folder == REPO_STYLES else self.folder.name

    def css(self, layer: str) -> str:
        parts = [(REPO_STYLES / f"{layer}.css").read_text(encoding="utf-8")]
        own = self.folder / f"{layer}.css"
        if self.folder != REPO_STYLES and own.is_file():
            parts.append(own.read_text(encoding="utf-8"))
        return "\n".join(parts)

    def epub_css(self) -> str:
        """What EPUB readers get: the base and e-reader layers, never the print layer.

        Custom properties are resolved here, because older reading systems (Adobe RMSDK,
        Kindle through Calibre) drop every declaration that uses `var()`.
        """
        return _epub_css(self.folder, self._mtimes())

    def _mtimes(self) -> tuple[float, ...]:
        """Changes when a layer file changes, so a long-lived process (watch) sees theme edits.
        One stat per file (every guide asks): a missing layer counts as 0."""
        folders = dict.fromkeys((REPO_STYLES, self.folder))  # the default theme is one folder
        return tuple(_mtime(folder / f"{layer}.css") for folder in folders for layer in LAYERS)

    def variables(self) -> dict[str, str]:
        """The custom properties the base layers set (`--name: value;`, the theme's winning), for
        code that draws. Read once per version of the files."""
        return _base_variables(self.folder, self._mtimes())

    def variable(self, name: str, default: str) -> str:
        return self.variables().get(name, default)

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


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=8)
def _base_variables(folder: Path, _mtimes: tuple[float, ...]) -> dict[str, str]:
    """Every custom property the base layers set, the last setting of each winning (read once per
    version of the files, not once per cover)."""
    return {name: value.strip() for name, value in _ANY_DECLARATION.findall(Theme(folder).css("base"))}


_ANY_DECLARATION = re.compile(r"--([\w-]+)\s*:\s*([^;]+);")


@lru_cache(maxsize=16)
def _epub_css(folder: Path, _mtimes: tuple[float, ...]) -> str:
    theme = Theme(folder)
    # inert: a theme folder's CSS reaches reading systems and the preview's <style> as written.
    return inert_css(resolve_custom_properties(theme.css("base") + "\n" + theme.css("epub")))


def available_themes() -> list[str]:
    return (
        ["default", *sorted(p.name for p in THEMES.iterdir() if p.is_dir())]
        if THEMES.is_dir()
        else ["default"]
    )


@lru_cache(maxsize=8)
def load_theme(choice: Path | str | None = None) -> Theme:
    """The default theme, a shipped theme by name ("high-contrast"), or a theme folder by path."""
    from pipeline.model.diagnostics import UsageError

    if choice is None or str(choice) in ("", "default"):
        return Theme(REPO_STYLES)
    path = Path(choice)
    if not path.is_dir() and (THEMES / str(choice)).is_dir():
        path = THEMES / str(choice)
    if not path.is_dir():
        raise UsageError(
            f"theme {str(choice)!r} is neither a folder nor one of: {', '.join(available_themes())}"
        )
    folder = path.resolve()
    for layer in LAYERS:
        # The manuscripts' rule: a link out of the folder would publish what it points at
        # (epub.css -> /etc/passwd went into every EPUB's stylesheet and preview).
        own = folder / f"{layer}.css"
        if own.is_symlink() and not own.resolve().is_relative_to(folder):
            raise UsageError(f"{own}: a theme's CSS must be a file inside its folder, not a link out of it")
    if not any((folder / f"{layer}.css").is_file() for layer in LAYERS):
        raise UsageError(
            f"{folder}: a theme folder needs at least one of {', '.join(name + '.css' for name in LAYERS)}"
        )
    return Theme(folder)


@dataclass(frozen=True, slots=True)
class FontFamily:
    """A font family the theme embeds: its name, folder and faces."""

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
