"""What the shelf server sends: regular files inside output/, reached without following any symlink.

Starlette's StaticFiles does the HTTP work (Range, If-Range, ETag, If-None-Match, If-Modified-Since,
HEAD, a folder's index.html, no listings). Two of its choices do not fit a shelf that must never
show a file outside output/, so they are replaced here, and only here:

- `StaticFiles.lookup_path` resolves symlinks (realpath) and serves any that stay inside the folder
  (`follow_symlink=False` only refuses those that lead out). Our lookup opens each path component
  with O_NOFOLLOW from the folder's descriptor, so no symlink is followed, in or out, and refuses
  hidden names (.cache/, temporary .part files). StaticFiles asks it for a folder's index.html too.
- `FileResponse` opens the file again by name after the lookup, so a file swapped for a symlink
  in between would be followed. `ShelfFile` opens it the same guarded way before any header is
  sent, checks it is the file the lookup saw, and streams from that descriptor.
"""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import anyio
import anyio.to_thread
from starlette.datastructures import Headers
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Receive, Scope, Send

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
# O_NONBLOCK: opening a FIFO someone left in output/ must not hang a worker thread (it is then
# refused as not a regular file); reads of regular files ignore the flag.
_STEP = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
# StaticFiles' html mode answers a miss with 404.html opened by plain name, past ShelfFile's guard;
# the shelf has no such page, so the name is refused rather than served unguarded.
_UNGUARDED = "404.html"


def open_beneath(root: str, parts: list[str]) -> int:
    """A descriptor for root/parts, opened one component at a time without following a symlink.

    Raises OSError (ELOOP for a symlink, ENOTDIR, ENOENT ...) when the path is not plainly there.
    """
    fd = os.open(root, _STEP | os.O_DIRECTORY)
    for part in parts:
        try:
            child = os.open(part, _STEP, dir_fd=fd)
        finally:
            os.close(fd)
        fd = child
    return fd


def path_parts(path: str) -> list[str] | None:
    """The components of a path StaticFiles normalised, or None for a hidden or odd one."""
    parts = [part for part in path.split(os.sep) if part not in ("", ".")]
    if any(part.startswith(".") or "\\" in part or "\x00" in part for part in parts):
        return None  # '..' left over at the top, .cache/, .x.epub.part, Windows separators
    return parts


class ShelfFiles(StaticFiles):
    """StaticFiles over one folder with html=True, whose lookups and opens never follow a symlink."""

    def __init__(self, root: Path) -> None:
        self.root = str(root.resolve())
        super().__init__(directory=self.root, html=True)

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        parts = path_parts(path)
        if parts is None or parts == [_UNGUARDED]:
            return "", None
        try:
            fd = open_beneath(self.root, parts)
        except (OSError, ValueError):
            return "", None
        try:
            found = os.fstat(fd)
        finally:
            os.close(fd)
        if not (stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode)):
            return "", None  # sockets, devices, FIFOs
        return os.path.join(self.root, *parts), found

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        # As StaticFiles.file_response, with ShelfFile for FileResponse (StaticFiles calls this with
        # 200 only: its 404.html goes to FileResponse directly, and is refused above).
        response = ShelfFile(self.root, Path(full_path), stat_result)
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


class ShelfFile(FileResponse):
    """A FileResponse with the shelf's types and names, streamed from a descriptor opened safely."""

    def __init__(self, root: str, path: Path, seen: os.stat_result) -> None:
        suffix = path.suffix.lower()
        headers = {"x-content-type-options": "nosniff"}
        if suffix in DOWNLOADS:
            headers["content-disposition"] = content_disposition(path.name)
        super().__init__(
            path,
            stat_result=seen,
            headers=headers,
            media_type=MIME_TYPES.get(suffix, "application/octet-stream"),
        )
        self.parts = list(path.relative_to(root).parts)
        self.root = root
        self.seen = seen
        self.fd: int | None = None

    def _open_seen(self) -> int | None:
        """The looked-up file opened again without symlinks, or None if another file is there now."""
        try:
            fd = open_beneath(self.root, self.parts)
        except OSError:
            return None
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (self.seen.st_dev, self.seen.st_ino) or not stat.S_ISREG(now.st_mode):
            os.close(fd)  # replaced since the lookup (a rebuild's rename, or a swap): its headers are stale
            return None
        return fd

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.fd = await anyio.to_thread.run_sync(self._open_seen)
        if self.fd is None:
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        try:
            await super().__call__(scope, receive, send)
        finally:
            if self.fd is not None:  # not handed to _open_file: a HEAD request, or a 304 or 416
                os.close(self.fd)

    @asynccontextmanager
    async def _open_file(self) -> AsyncIterator[anyio.AsyncFile[bytes]]:
        # Starlette's hook for the body it sends (once per response: whole file, one range or
        # several); its own version opens self.path by name. tests/shelf/test_serve.py checks this one
        # is still the one used.
        assert self.fd is not None, "one body per response"
        handle = anyio.wrap_file(os.fdopen(self.fd, "rb"))
        self.fd = None  # the handle owns it now
        try:
            yield handle
        finally:
            with anyio.CancelScope(shield=True):  # closing must finish even when the client left
                await handle.aclose()


def content_disposition(name: str) -> str:
    """An attachment header for any file name (RFC 6266): an ASCII fallback and the UTF-8 name.

    Headers travel as Latin-1, so a name such as "红楼梦.epub" written plainly would fail the
    response, and a quote in it would end the parameter early.
    """
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in name)
    if fallback == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
