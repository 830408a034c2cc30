"""Which links and images a manuscript may use: only files inside its own folder, nothing fetched."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.files.images import IMAGE_TYPES
from pipeline.model.diagnostics import Report
from pipeline.model.lazy_pattern import LazyPattern

_SCHEME = LazyPattern(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class LinkPolicy:
    """Vets hrefs and image sources for one manuscript, warning once per refused target."""

    def __init__(self, folder: Path, report: Report, extracted: tuple[str, ...] = ()) -> None:
        self.folder = folder.resolve()
        self.report = report
        # Images a Word file carried, already vetted and written by docx.py: the only paths
        # outside the folder a guide may name.
        self.extracted = frozenset(extracted)

    def vet_link(self, href: str, line: int) -> str | None:
        # A study guide's links would point readers (and the PDF renderer) at places we
        # cannot vouch for; the link text stays, the link goes.
        self.report.warn("W-LINK-REFUSED", f"link to {_short(href)!r} removed; its text is kept", line)
        return None

    def vet_image(self, src: str, line: int) -> str | None:
        """The image's path relative to the manuscript's folder, or None when it is refused."""
        if src in self.extracted:
            return src
        reason = self._image_problem(src)
        if reason is None:
            return Path(unquote(src)).as_posix()
        self.report.warn("W-IMAGE-REFUSED", f"image {_short(src)!r} {reason}; its alt text is shown", line)
        return None

    def _image_problem(self, src: str) -> str | None:
        if not src:
            return "has no source"
        if _SCHEME.match(src) or src.startswith("//"):
            return "is not a file beside the manuscript (URLs are never fetched)"
        parts = urlsplit(src)
        if parts.query or parts.fragment:
            return "has a query or fragment"
        relative = Path(unquote(src))
        if relative.is_absolute():
            return "is an absolute path"
        try:
            return self._file_problem(relative)
        except OSError as exc:  # a name over 255 bytes, a folder that cannot be searched...
            return f"cannot be read ({exc.strerror or type(exc).__name__})"

    def _file_problem(self, relative: Path) -> str | None:
        candidate = (self.folder / relative).resolve()
        if not candidate.is_relative_to(self.folder):
            return "lies outside the manuscript's folder"
        if candidate.suffix.lower() not in IMAGE_TYPES:
            return "is not a PNG, JPEG, GIF, SVG or WebP image"
        if not candidate.is_file():
            return "does not exist"
        if candidate.suffix.lower() == ".svg":
            from pipeline.files.images import UnsafeImage, image_bytes

            try:
                image_bytes(candidate)
            except (UnsafeImage, OSError) as exc:
                return f"cannot be made safe: {exc}"
            return None
        from pipeline.files.images import raster_problem

        return raster_problem(candidate)


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
