"""A WeasyPrint URL fetcher that serves files from allowed folders only and never opens a socket."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.files.images import UnsafeImage, image_bytes


class RefusedURL(ValueError):
    """WeasyPrint catches this, logs it, and renders without the resource."""


def make_fetcher(allowed: list[Path]):
    """A `url_fetcher` for WeasyPrint limited to `allowed` folders (resolved, symlinks followed)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [folder.resolve() for folder in allowed]

    class LocalOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)

        def fetch(self, url: str, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise RefusedURL(f"refused non-local URL {url[:80]!r}")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots) or not path.is_file():
                raise RefusedURL(f"refused file outside the allowed folders: {url[:80]!r}")
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            try:
                body = image_bytes(path)  # SVGs are rebuilt without scripts or outside links
            except UnsafeImage as exc:
                raise RefusedURL(f"refused unsafe image {url[:80]!r}: {exc}") from None
            return URLFetcherResponse(url, body, {"Content-Type": media_type})

    return LocalOnlyFetcher()
