"""Image bytes as they may go into a guide: SVGs are rebuilt without scripts, events or outside links."""

from __future__ import annotations

from pathlib import Path

from pipeline.files.inert_css import inert_css, inert_css_value

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code, embed other documents or animate attributes into links.
_DROPPED = {
    "script",
    "foreignObject",
    "iframe",
    "object",
    "embed",
    "handler",
    "listener",
    "set",
    "animate",
    "animateMotion",
    "animateTransform",
}


# Past this an e-reader runs out of memory decoding it (a 30000x30000 PNG compresses to 150 KB).
MAX_PIXELS = 40_000_000
_RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}


def raster_problem(path: Path) -> str | None:
    """Why a PNG, JPEG, GIF or WebP file cannot go into a guide, or None; reads only its header."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        return "has more pixels than an e-reader can decode"
    except Exception:  # PIL raises many kinds for a damaged or disguised file
        return "is not a readable image"
    expected = _RASTER_FORMATS.get(path.suffix.lower())
    if kind != expected:
        return f"is a {kind or 'different kind of'} file named {path.suffix}"
    if width * height > MAX_PIXELS:
        return f"is {width}×{height} pixels, more than an e-reader can decode"
    return None


class UnsafeImage(ValueError):
    """An image that cannot be made safe (not XML, a DOCTYPE with entities...)."""


def sanitise_svg(data: bytes) -> bytes:
    """The SVG with every active or outside-pointing part removed; raises UnsafeImage if unreadable."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise UnsafeImage("an SVG with a DOCTYPE or entities")
    from lxml import etree  # only for an SVG: a manuscript without one, or lint, never loads lxml

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnsafeImage(f"not well-formed SVG ({exc})") from None
    if etree.QName(root).localname != "svg":
        raise UnsafeImage("not an SVG document")
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments and processing instructions
            if element.getparent() is not None:
                element.getparent().remove(element)
            continue
        name = etree.QName(element).localname
        if name in _DROPPED:
            element.getparent().remove(element)
            continue
        if name == "style" and element.text:
            # Read as CSS reads it (escapes, image-set(), several url()s), not searched for "url(".
            element.text = inert_css(element.text)
        for attribute in list(element.attrib):
            local = etree.QName(attribute).localname.lower()
            value = element.attrib[attribute].strip()
            if local.startswith("on") or (local == "href" and not value.startswith("#")):
                del element.attrib[attribute]
            else:  # style, fill, stroke, filter, mask, clip-path, cursor, marker-* … take url()
                element.attrib[attribute] = inert_css_value(element.attrib[attribute])
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def image_bytes(path: Path) -> bytes:
    """What an output embeds for this image file."""
    data = path.read_bytes()
    return sanitise_svg(data) if path.suffix.lower() == ".svg" else data
