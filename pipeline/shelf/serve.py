"""A local server for the shelf: output/ over HTTP for e-readers (OPDS) and browsers, nothing else."""

from __future__ import annotations

import os
import posixpath
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

MIME_TYPES = {
    ".epub": "application/epub+zip",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/atom+xml;profile=opds-catalog;kind=acquisition",
}
DOWNLOADS = (".epub", ".pdf")


class ShelfHandler(SimpleHTTPRequestHandler):
    """Serves files under one root; refuses traversal, symlinks out, hidden files and listings."""

    server_version = "StudyGuideShelf/1"

    def __init__(self, *args, root: Path, **kwargs) -> None:
        self.root = root
        super().__init__(*args, directory=str(root), **kwargs)

    def send_head(self):
        target = self._resolve(self.path)
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        if target.is_dir():
            target = target / "index.html"
            if not target.is_file():
                self.send_error(HTTPStatus.NOT_FOUND, "Not found")
                return None
        try:
            handle = open(target, "rb")  # noqa: SIM115 - the base class closes it after copying
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        size = os.fstat(handle.fileno()).st_size
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", MIME_TYPES.get(target.suffix.lower(), "application/octet-stream"))
        self.send_header("Content-Length", str(size))
        if target.suffix.lower() in DOWNLOADS:
            self.send_header("Content-Disposition", content_disposition(target.name))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        return handle

    def _resolve(self, raw_path: str) -> Path | None:
        """The file a request names, or None when it is outside the root (after every decoding)."""
        path = unquote(urlsplit(raw_path).path)
        if "\x00" in path or "\\" in path:
            return None
        normal = posixpath.normpath(path)
        parts = [part for part in normal.split("/") if part]
        if any(part.startswith(".") for part in parts):  # '..', hidden files, temporary .part files
            return None
        candidate = self.root.joinpath(*parts) if parts else self.root
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if resolved != self.root and not resolved.is_relative_to(self.root):
            return None  # a symlink that leads out
        return resolved

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def log_message(self, format: str, *args) -> None:
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


def content_disposition(name: str) -> str:
    """An attachment header for any file name (RFC 6266): an ASCII fallback and the UTF-8 name.

    Headers travel as Latin-1, so a name such as "红楼梦.epub" written plainly would fail the
    response, and a quote in it would end the parameter early.
    """
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in name)
    if fallback == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def make_server(
    root: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False
) -> ThreadingHTTPServer:
    handler = partial(ShelfHandler, root=root.resolve())
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def shelf_urls(host: str, port: int) -> list[str]:
    """The addresses to type into an e-reader: a wildcard bind is reached by this machine's own
    network addresses, never by "0.0.0.0" (found from the host name: no packet is sent)."""
    import socket

    if host in ("127.0.0.1", "::1", "localhost"):
        return [f"http://localhost:{port}/"]
    if host not in ("0.0.0.0", "::", ""):
        shown = f"[{host}]" if ":" in host else host
        return [f"http://{shown}:{port}/"]
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    addresses = sorted({str(info[4][0]) for info in infos} - {"127.0.0.1", "127.0.1.1"})
    return [f"http://{address}:{port}/" for address in addresses] or [f"http://localhost:{port}/"]
