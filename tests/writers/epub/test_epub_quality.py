"""EPUB quality beyond validity: the test corpus, accessibility metadata and semantics, reader-safe
CSS, reproducible bytes, and (where installed) DAISY Ace and Calibre."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.build.batch import BuildOptions, build_all
from pipeline.checks.outputs import check_ace, check_epub
from tests import needs
from tests.helpers import CORPUS, REPO

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def long_manuscript(chapters: int = 40) -> str:
    """Over 100 KB: a summary with dozens of sub-sections, each of several distinct paragraphs."""
    parts = ["# The Long Voyage", "", "**Author:** A. Writer", "", "## Summary", ""]
    for n in range(1, chapters + 1):
        parts += [f"### Chapter {n}: Leg {n} of the voyage", ""]
        for k in range(1, 13):
            parts += [
                f"In leg {n}, paragraph {k}, the crew sails past island number {n * 7 + k}, trading stories "
                f"and provisions; the captain writes that the wind turned {k} times before noon, and the "
                f"cook, who keeps a diary, notes that supplies for {chapters - n} more legs remain aboard.",
                "",
            ]
    parts += ["## Characters", "", "- The Captain: keeps the log", "- The Cook: keeps the diary", ""]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """Build the corpus (Chinese, Arabic, Japanese, images, minimal), a long manuscript, and the
    shipped guides once."""
    work = tmp_path_factory.mktemp("corpus")
    long_dir = work / "long"
    long_dir.mkdir()
    (long_dir / "long-voyage.md").write_text(long_manuscript(), encoding="utf-8")
    assert (long_dir / "long-voyage.md").stat().st_size > 100_000
    sources = [
        CORPUS / "journey-to-the-west.md",
        CORPUS / "minimal.txt",
        CORPUS / "kalila-wa-dimna.md",
        CORPUS / "botchan.md",
        CORPUS / "illustrated" / "the-wind-in-the-willows.md",
        long_dir / "long-voyage.md",
        *sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in (".md", ".txt")),
    ]
    out = work / "out"
    outcomes = build_all(sources, BuildOptions(formats=("epub",), out_dir=out))
    failed = [(o.source, o.reason) for o in outcomes if o.failed]
    assert not failed, failed
    return {o.source.stem: o.outputs[0] for o in outcomes}


def documents(epub: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def opf(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def meta_values(package: etree._Element, prop: str) -> list[str]:
    return [m.text for m in package.iterfind(f".//opf:meta[@property='{prop}']", NS)]


CORPUS_STEMS = [
    "journey-to-the-west",
    "minimal",
    "kalila-wa-dimna",
    "botchan",
    "the-wind-in-the-willows",
    "long-voyage",
    "le-comte-de-monte-cristo",
    "dracula",
]


@needs.java
@pytest.mark.epubcheck
@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_corpus_guides_pass_epubcheck_without_warnings(corpus_build, stem):
    verdict = check_epub(corpus_build[stem])
    assert verdict.ok, verdict.detail


def test_long_manuscript_is_split_and_every_part_is_in_nav_and_ncx(corpus_build):
    epub = corpus_build["long-voyage"]
    docs = documents(epub)
    chapter_docs = [name for name in docs if re.search(r"summary-chapter-\d+", name)]
    assert len(chapter_docs) == 40, sorted(docs)
    nav = docs["EPUB/nav.xhtml"]
    nav_hrefs = {a.get("href").split("#")[0] for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)}
    with zipfile.ZipFile(epub) as archive:
        ncx = etree.fromstring(archive.read("EPUB/toc.ncx"))
    ncx_srcs = {c.get("src").split("#")[0] for c in ncx.iterfind(".//ncx:content", NS)}
    spine = {item.get("idref") for item in opf(epub).iterfind(".//opf:itemref", NS)}
    for name in chapter_docs:
        href = name.removeprefix("EPUB/")
        assert href in nav_hrefs and href in ncx_srcs
        assert href.removesuffix(".xhtml") in spine
    # Nested: the chapters sit under the summary's entry, not beside it.
    summary_item = nav.find(".//x:nav[@id='toc']/x:ol/x:li/x:a[@href='summary.xhtml']/..", NS)
    assert summary_item is not None and len(summary_item.findall("x:ol/x:li", NS)) == 40


@pytest.mark.parametrize(
    ("stem", "lang"),
    [
        ("le-comte-de-monte-cristo", "fr"),
        ("journey-to-the-west", "zh-Hans"),
        ("kalila-wa-dimna", "ar"),
        ("botchan", "ja"),
    ],
)
def test_language_is_declared_everywhere(corpus_build, stem, lang):
    epub = corpus_build[stem]
    package = opf(epub)
    assert package.get(XML_LANG) == lang
    assert package.find(".//dc:language", NS).text == lang
    for name, root in documents(epub).items():
        assert root.get("lang") == lang and root.get(XML_LANG) == lang, name


def test_french_typography_is_kept(corpus_build):
    text = " ".join(
        " ".join(root.itertext()) for root in documents(corpus_build["le-comte-de-monte-cristo"]).values()
    )
    assert "«\u00a0" in text or "«\u202f" in text
    assert '"' not in text.replace("&quot;", "")


def test_footnotes_are_asides_with_back_links(corpus_build):
    docs = documents(corpus_build["dracula"])
    refs = [a for root in docs.values() for a in root.iterfind(".//x:a[@epub:type='noteref']", NS)]
    asides = {
        a.get("id"): (name, a)
        for name, root in docs.items()
        for a in root.iterfind(".//x:aside[@epub:type='footnote']", NS)
    }
    assert refs and len(asides) >= len({r.get("href") for r in refs})
    for ref in refs:
        file_part, fragment = ref.get("href").split("#")
        name, aside = asides[fragment]
        assert name.endswith(file_part)
        back = aside.find(".//x:a[@role='doc-backlink']", NS)
        assert back is not None and back.get("href") == f"#{ref.get('id')}"


def test_images_are_embedded_with_media_types_and_alt_text(corpus_build):
    epub = corpus_build["the-wind-in-the-willows"]
    package = opf(epub)
    items = {i.get("href"): i.get("media-type") for i in package.iterfind(".//opf:item", NS)}
    assert "image/png" in [t for h, t in items.items() if h.startswith("images/image-")]
    assert "image/svg+xml" in [t for h, t in items.items() if h.startswith("images/image-")]
    images = [img for root in documents(epub).values() for img in root.iterfind(".//x:img", NS)]
    assert len(images) >= 2  # the two from the manuscript (the cover is an SVG <image>)
    for img in images:
        assert img.get("alt", "").strip(), etree.tostring(img)
        assert img.get("src") in items
    cover = documents(epub)["EPUB/cover.xhtml"].find(".//{http://www.w3.org/2000/svg}svg")
    assert cover.get("role") == "img" and cover.get("aria-label", "").strip()
    assert "alternativeText" in meta_values(package, "schema:accessibilityFeature")
    assert "visual" in meta_values(package, "schema:accessMode")


def test_accessibility_metadata_is_complete(corpus_build):
    package = opf(corpus_build["minimal"])
    assert meta_values(package, "schema:accessMode") == ["textual"]
    assert meta_values(package, "schema:accessModeSufficient") == ["textual"]
    features = meta_values(package, "schema:accessibilityFeature")
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(features)
    assert "alternativeText" not in features  # no images besides the cover: nothing to claim
    assert meta_values(package, "schema:accessibilityHazard") == ["none"]
    assert meta_values(package, "schema:accessibilitySummary")[0].strip()
    assert meta_values(package, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]


def test_no_conformance_claim_when_an_image_lacks_alt_text(tmp_path):
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(tmp_path / "dot.png")
    (tmp_path / "bare.md").write_text(
        "# Bare\n\nby Someone\n\n## Summary\n\n![](dot.png)\n", encoding="utf-8"
    )
    [outcome] = build_all([tmp_path / "bare.md"], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    assert not outcome.failed
    assert meta_values(opf(outcome.outputs[0]), "dcterms:conformsTo") == []


def test_images_in_entries_and_notes_count_for_the_accessibility_claims(tmp_path):
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(tmp_path / "dot.png")
    manuscripts = {
        "in-entry.md": "## Summary\n\nText.\n\n## Characters\n\n- David: The hero ![](dot.png)\n",
        "in-note.md": "## Summary\n\nText.[^1]\n\n[^1]: A note ![](dot.png)\n",
    }
    for name, body in manuscripts.items():
        (tmp_path / name).write_text(f"# Kidnapped\n\nby R. L. Stevenson\n\n{body}", encoding="utf-8")
    outcomes = build_all(
        [tmp_path / name for name in manuscripts], BuildOptions(formats=("epub",), out_dir=tmp_path / "out")
    )
    for outcome in outcomes:
        assert not outcome.failed, outcome.reason
        package = opf(outcome.outputs[0])
        assert meta_values(package, "dcterms:conformsTo") == [], outcome.source.name
        assert "alternativeText" not in meta_values(package, "schema:accessibilityFeature")
        assert meta_values(package, "schema:accessModeSufficient") == ["textual,visual"]
        assert "every image" not in meta_values(package, "schema:accessibilitySummary")[0]


@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_headings_never_skip_a_level_and_sections_carry_semantics(corpus_build, stem):
    for name, root in documents(corpus_build[stem]).items():
        levels = [
            int(h.tag[-1])
            for h in root.iter()
            if isinstance(h.tag, str) and re.fullmatch(r"\{.*\}h[1-6]", h.tag)
        ]
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (name, levels)
        body = root.find("x:body", NS)
        if name.endswith(("cover.xhtml", "titlepage.xhtml", "nav.xhtml")):
            continue
        section = body.find("x:section", NS)
        assert section is not None and section.get("{http://www.idpf.org/2007/ops}type"), name
    nav = documents(corpus_build[stem])["EPUB/nav.xhtml"]
    landmarks = {
        a.get("{http://www.idpf.org/2007/ops}type")
        for a in nav.iterfind(".//x:nav[@epub:type='landmarks']//x:a", NS)
    }
    assert {"toc", "bodymatter", "cover"} <= landmarks


def test_epub_css_is_reader_safe(corpus_build):
    with zipfile.ZipFile(corpus_build["minimal"]) as archive:
        css = archive.read("EPUB/css/guide.css").decode()
    assert "var(" not in css  # RMSDK and Calibre drop declarations with custom properties
    assert not re.search(r"\d(vh|vw|vmin|vmax)\b", css)
    assert "@page" not in css and "@top-" not in css and "@bottom-" not in css
    assert not re.search(
        r"background(-color)?\s*:\s*#", css.split("dl.entries .entry { background: none; }")[-1]
    )
    assert not re.search(r"(margin|padding)[^;]*\d(px|pt|cm|mm)", css)


def test_builds_are_byte_identical_with_the_same_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = REPO / "manuscripts" / "dracula.md"
    first = build_all([source], BuildOptions(formats=("epub",), out_dir=tmp_path / "a"))[0].outputs[0]
    copy = tmp_path / "elsewhere" / "dracula.md"
    copy.parent.mkdir()
    shutil.copy(source, copy)
    os.utime(copy, (1, 1))  # a different mtime must not matter when SOURCE_DATE_EPOCH is set
    second = build_all([copy], BuildOptions(formats=("epub",), out_dir=tmp_path / "b"))[0].outputs[0]
    assert first.read_bytes() == second.read_bytes()
    modified = meta_values(opf(first), "dcterms:modified")
    assert modified == ["2023-11-14T22:13:20Z"]
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


SHIPPED_STEMS = sorted(p.stem for p in (REPO / "manuscripts").iterdir() if p.suffix in (".md", ".txt"))


@needs.ace
@pytest.mark.epubcheck
@pytest.mark.browser
@pytest.mark.parametrize("stem", sorted(set(CORPUS_STEMS) | set(SHIPPED_STEMS)))
def test_daisy_ace_finds_no_violations(corpus_build, stem):
    verdict = check_ace(corpus_build[stem])
    assert verdict is not None and verdict.ok, verdict.detail if verdict else "Ace did not run"


@needs.calibre
@pytest.mark.slow
@pytest.mark.parametrize("stem", ["le-comte-de-monte-cristo", "journey-to-the-west"])
def test_calibre_reads_metadata_and_converts_to_kindle(corpus_build, stem, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1"}
    epub = corpus_build[stem]
    package = opf(epub)
    meta = subprocess.run(["ebook-meta", str(epub)], capture_output=True, text=True, env=env, timeout=120)
    assert meta.returncode == 0, meta.stderr
    title = package.find(".//dc:title", NS).text
    author = package.find(".//dc:creator", NS).text
    assert re.search(rf"^Title\s*:\s*{re.escape(title)}\s*$", meta.stdout, re.M), meta.stdout
    assert author in meta.stdout
    expected_language = {"fr": "fra", "zh-Hans": "zho"}[package.find(".//dc:language", NS).text]
    assert re.search(rf"^Languages\s*:\s*{expected_language}", meta.stdout, re.M), meta.stdout
    converted = subprocess.run(
        ["ebook-convert", str(epub), str(tmp_path / "guide.azw3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert converted.returncode == 0, converted.stderr[-2000:]
    assert (tmp_path / "guide.azw3").stat().st_size > 10_000
    assert "Syntax Error" not in converted.stdout + converted.stderr


def test_an_image_in_a_footnote_is_packaged_and_its_reference_resolves(tmp_path):
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(tmp_path / "map.png")
    (tmp_path / "river.md").write_text(
        "# The River\n\nby Ann Author\n\n## Summary\n\nDown the river.[^1]\n\n"
        "[^1]: The map: ![A map of the river](map.png)\n",
        encoding="utf-8",
    )
    [outcome] = build_all([tmp_path / "river.md"], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    assert not outcome.failed, outcome.reason
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        names = set(archive.namelist())
        sources = [
            img.get("src")
            for name in names
            if name.endswith(".xhtml") and name != "EPUB/cover.xhtml"
            for img in etree.fromstring(archive.read(name)).iterfind(".//x:img", NS)
        ]
    assert sources == ["images/image-1.png"] and "EPUB/images/image-1.png" in names


def test_a_note_called_only_from_a_field_links_back_to_nothing(tmp_path):
    """ "**Year:** 1861[^1]" becomes a field of the At a Glance list, and the call goes with it: the
    note's number linked back to a call no page has (EPUBCheck RSC-012, fragment not defined)."""
    (tmp_path / "ge.md").write_text(
        "# Great Expectations\n\n**Author:** Charles Dickens\n**Year:** 1861[^1]\n\n"
        "## Summary\n\nPip is an orphan.[^2]\n\n[^1]: Serialised first.\n[^2]: In Kent.\n",
        encoding="utf-8",
    )
    [outcome] = build_all([tmp_path / "ge.md"], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    assert not outcome.failed, outcome.reason
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        docs = {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }
    ids = {name: {e.get("id") for e in root.iter() if e.get("id")} for name, root in docs.items()}
    backlinks = [
        (name, a.get("href"))
        for name, root in docs.items()
        for a in root.iterfind(".//x:a[@role='doc-backlink']", NS)
    ]
    assert len(backlinks) == 1  # note 2's, to its call in the summary
    for name, href in backlinks:
        assert href.lstrip("#") in ids[name], (name, href)
    texts = "".join(etree.tostring(root, encoding="unicode") for root in docs.values())
    assert "Serialised first." in texts  # the note itself is kept
