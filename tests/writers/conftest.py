"""Fixtures of the writers' hostile-input tests: a local server that must stay silent, and files
outside the manuscript's folder that must never be read."""

from __future__ import annotations

import threading
import urllib.request
import uuid
from types import SimpleNamespace

import pytest

from tests.hostile import SERVER_MARKER, SilentServer


@pytest.fixture
def local_server():
    server = SilentServer()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="silent-server", daemon=True)
    thread.start()
    # Prove the server answers, so that "no request arrived" means something; then forget it.
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    with direct.open(server.url("/self-test"), timeout=5) as response:
        assert response.read() == SERVER_MARKER
    assert server.requests == [("GET", "/self-test")]
    server.requests.clear()
    server.connections.clear()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def outside(tmp_path):
    """A folder beside the manuscript's, holding a real PNG and a text file with a unique marker."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    folder = tmp_path / "outside"
    folder.mkdir()
    marker = f"SECRET-{uuid.uuid4().hex}"
    info = PngInfo()
    info.add_text("Comment", marker)  # tEXt is stored uncompressed: the marker is in the file's bytes
    Image.new("RGB", (7, 5), (200, 30, 30)).save(folder / "secret.png", pnginfo=info)
    (folder / "secret.txt").write_text(marker, encoding="utf-8")
    assert marker.encode() in (folder / "secret.png").read_bytes()
    return SimpleNamespace(folder=folder, marker=marker, png=folder / "secret.png", txt=folder / "secret.txt")
