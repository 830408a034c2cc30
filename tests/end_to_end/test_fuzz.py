"""Property tests: any manuscript is either refused with a clean diagnostic or becomes well-formed output.

Manuscripts are assembled from arbitrary text (hypothesis' st.text()) and the fragments real and
hostile manuscripts are made of: headings (ATX, setext, bare section names), lists nested at any
indent, "> " runs, raw HTML, control and bidi characters, "Key: Value" lines, front-matter-like
"---" blocks, tables, fences, footnotes, links and images to places they may not go, CJK and RTL.

The examples are derandomised (the same ones every run, so the suite's time and verdict are
stable); set FUZZ_EXPLORE=1 to draw fresh ones, and FUZZ_EXAMPLES=N / FUZZ_PDF_EXAMPLES=N to draw
more (150 and 8 by default: about 10 s and 4 s on two cores).

Known bugs are kept out of the strategies so that this property keeps finding new ones; each is
pinned by an xfail test in readers/test_hostile_input.py: numeric character references to control characters
("&#12;", "&#0;") and backslash escapes in double-quoted YAML (both smuggle characters past
sources.clean_text; such references can still arise from the "&", "#" and digit markers, so
_known_bug_input rejects them with assume()), nested emphasis hundreds deep, YAML alias bombs, and
titles broken over two lines without a space (rejected with assume(), see _known_bug).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from lxml import etree

from pipeline.build.batch import BuildOptions, build_all, load_guide
from pipeline.model.diagnostics import GuideError
from pipeline.writers.epub.book import build_epub
from pipeline.writers.theme import load_theme

# Hypothesis caches constants it finds in our sources under ./.hypothesis even without a database;
# keep that out of the repository unless a storage folder is chosen explicitly.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "study-guide-hypothesis")

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
PDF_EXAMPLES = int(os.environ.get("FUZZ_PDF_EXAMPLES", "8"))
_MOMENT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_SETTINGS = dict(
    deadline=None,
    database=None,  # write nothing into the repository
    derandomize=not os.environ.get("FUZZ_EXPLORE"),
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # tmp_path is reused on purpose: one file, overwritten
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_ACTIVE = {"script", "iframe", "object", "style", "embed", "frame", "frameset", "applet", "form", "base",
           "input", "button", "foreignObject", "audio", "video"}  # fmt: skip
_URL_ATTRIBUTES = {"href", "src", "data", "action", "formaction", "poster", "srcset"}
_SCHEMES = ("javascript:", "data:", "vbscript:", "file:", "http:", "https:", "//")
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069\ufeff]")

# ---------------------------------------------------------------- strategies

_WORDS = st.sampled_from(
    [
        "Pip", "Estella", "Miss Havisham", "naïve", "café", "Zoë", "“quoted”", '"deferral"', "«mot»",
        "「言葉」", "天地玄黄", "宇宙洪荒", "مرحبا بالعالم", "שלום עולם", "Ελληνικά", "Русский", "हिन्दी",
        "می\u200cخواهم", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "😀", "the", "and", "of", "—",
        "...", "--", "(c)", "1.", "2)", "Chapter 1", "by", "By Jane Doe", "said", "x" * 300,
    ]
)  # fmt: skip
_MARKERS = st.sampled_from(
    [
        "*",
        "**",
        "_",
        "__",
        "~~",
        "`",
        "[",
        "]",
        "(",
        ")",
        "!",
        "\\",
        "<",
        ">",
        "&",
        '"',
        "'",
        "|",
        "#",
        ":",
        "[^1]",
        "[^x]",
    ]
)
_INLINE = st.one_of(
    st.text(max_size=30),
    st.lists(_WORDS, min_size=1, max_size=6).map(" ".join),
    st.lists(_MARKERS, max_size=6).map("".join),
)
_SECTION_NAMES = st.sampled_from(
    [
        "Summary", "Characters", "Themes", "Glossary", "Key Takeaways", "Discussion Questions", "Quotes",
        "At a Glance", "Chapter Summaries", "Symbols and Motifs", "Why It Matters", "Further Reading",
        "人物", "主题", "Résumé", "Personnages", "Book Info", "Notes",
    ]
)  # fmt: skip
_URLS = st.sampled_from(
    [
        "http://127.0.0.1:9/x.png", "https://example.com/", "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "../secret.png", "/etc/passwd", "file:///etc/passwd", "img.png", "", "<>", "#frag", "mailto:a@b.c",
        "//127.0.0.1:9/y.png", "..%2Fsecret.png", "a b.png", "vbscript:x",
    ]
)  # fmt: skip
_RAW_HTML = st.sampled_from(
    [
        "<script>alert(1)</script>", "<div>", "</div>", "<img src=x onerror=alert(1)>", "<p onclick=x>",
        '<a href="javascript:alert(1)">x</a>', "<!-- comment -->", "<!-- unclosed", "<style>p{}</style>",
        "<iframe src=http://127.0.0.1:9/>", "<svg onload=alert(1)>", "<![CDATA[ x ]]>", "<?php echo 1; ?>",
        "<!DOCTYPE html>", "<object data=x>", "<embed src=x>", "<base href=http://127.0.0.1:9/>",
        "<math><mi>x</mi></math>", "</script>", "<br/>", "<table><tr><td>x",
        "<aside>", "</aside>", "<details><summary>x</summary>", "</details>", "<b>", "</b>", "<mark>x",
        "<form>", "</form>", "<template>", "<q>x</q>", "<abbr title='<b>'>x</abbr>", "<h2>Themes</h2>",
        "<ul><li>x", "<font color=red>", "<center>", "<span style='x'>", "</p></p>", "<!---->",
    ]
)  # fmt: skip
# Note apps, word processors and chat assistants (issue 17): what their exports are made of.
_NOTE_SYNTAX = st.sampled_from(
    [
        "[[Page]]", "[[Page|Alias]]", "[[Page#Part|<script>]]", "![[image.png]]", "![[../../etc/passwd]]",
        "![[x.png|200]]", "[[", "]]", "> [!note] Title", "> [!quote] Speaker", "> [!NOTE]", "> [!tip]-",
        "==highlight==", "==", "%%hidden%%", "%%", "^block1", "#tag", "#[[two words]]", "key:: value",
        "Term\n:   definition", ":   definition", "Sure! Here's a summary of *Dracula*:",
        "Would you like more?", "## 🧠 Main Themes", "### 2. **Characters**", "**Year Published:** 1861",
        "Book Summary: *Title* by Author", "\\-", "1\\.", "&nbsp;", "[text]{.underline}",
    ]
)  # fmt: skip
_CONTROLS = st.sampled_from(
    [
        "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1b[0m", "\x1b", "\x7f", "\x85", "\x9f",
        "\ufffe", "\uffff", "\u202e", "\u202a", "\u2066", "\u2069", "\u200d", "\u200c", "\u200b", "\u200e",
        "\ufeff", "\r", "\r\n", "\t", "\u2028", "\u2029", "\u00ad", "\ufffd",
    ]
)  # fmt: skip
_ENTITIES = st.sampled_from(
    ["&amp;", "&copy;", "&#169;", "&#x1F600;", "&nbsp;", "&lt;script&gt;", "&bogus;", "&#65;"]
)
_FIELD_KEYS = st.sampled_from(
    ["Author", "Authors", "Year", "Published", "Pages", "Genre", "Genres", "Language", "Lang", "Reading time",
     "Title", "Subtitle", "ISBN", "Identifier", "Publisher", "**Author**", "Auteur", "作者", "Key"]
)  # fmt: skip
_YAML_KEYS = st.sampled_from(
    ["title", "author", "authors", "year", "pages", "genre", "genres", "language", "lang", "reading_time",
     "subtitle", "identifier", "titre", "random", "x"]
)  # fmt: skip


def _yaml_single_quoted(text: str) -> str:
    """A YAML single-quoted scalar: no escapes at all, so nothing is decoded into control characters."""
    return "'" + text.replace("'", "''").replace("\n", " ") + "'"


_YAML_VALUES = st.one_of(
    _INLINE.map(_yaml_single_quoted),
    st.sampled_from(
        ["[a, b]", "{a: b}", "null", "true", "2020-01-01", "1e400", "-5", "99999999999999999999", "&a x",
         "*undefined", "!!binary aGk=", "|\n  block text", "[[a, [b]], {c: d}]", "''", ".nan", "- item",
         '"plain double"', "!!python/object/apply:os.system [true]", "[unclosed"]
    ),
    st.lists(_WORDS, min_size=1, max_size=3).map(lambda ws: f"[{', '.join(map(_yaml_single_quoted, ws))}]"),
)  # fmt: skip


@st.composite
def _front_matter(draw) -> str:
    fields = draw(st.lists(st.tuples(_YAML_KEYS, _YAML_VALUES), max_size=6))
    closing = draw(st.sampled_from(["---", "---", "...", ""]))  # sometimes never closed
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + closing


_FRAGMENTS = st.one_of(
    _INLINE,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), _INLINE),
    st.builds(lambda level, name: "#" * level + " " + name, st.integers(1, 3), _SECTION_NAMES),
    _SECTION_NAMES,  # bare-line headings of the loose dialect
    st.builds(lambda text, rule: f"{text}\n{rule}", _INLINE, st.sampled_from(["===", "---", "=", "- - -"])),
    st.builds(
        lambda indent, marker, text: " " * indent + marker + " " + text,
        st.integers(0, 14),
        st.sampled_from(["-", "*", "+", "1.", "2)", "10.", "•"]),
        _INLINE,
    ),
    st.builds(lambda depth, text: ">" * depth + " " + text, st.integers(1, 120), _INLINE),
    _RAW_HTML,
    _NOTE_SYNTAX,
    _CONTROLS,
    _ENTITIES,
    st.builds(lambda key, value: f"{key}: {value}", _FIELD_KEYS, _INLINE),
    _front_matter(),
    st.builds(lambda a, b: f"| {a} | b |\n|---|:-:|\n| {b} | c |", _INLINE, _INLINE),
    st.builds(
        lambda lang, body, close: f"```{lang}\n{body}\n{close}",
        st.sampled_from(["", "python", "<x>"]),
        _INLINE,
        st.sampled_from(["```", "", "~~~"]),
    ),
    st.builds(lambda alt, url: f"![{alt}]({url})", _INLINE, _URLS),
    st.builds(lambda text, url: f"[{text}]({url})", _INLINE, _URLS),
    st.builds(lambda url: f"<{url}>", _URLS),
    st.builds(lambda label, text: f"[^{label}]: {text}", st.sampled_from(["1", "x", "note"]), _INLINE),
    st.sampled_from(["---", "***", "___", "[ref]: http://127.0.0.1:9/", "[ref]", "    indented code", "\\"]),
    # Containers hundreds deep on one line or by indentation (after footnote definitions they once
    # took minutes), a field continued on the next line (it once broke the cover), a name too long.
    st.builds(
        lambda count, marker, text: marker * count + text,
        st.integers(1, 120),  # past the cap of 45 lists or 90 quotes
        st.sampled_from(["- ", "1. ", "> ", "* ", "[^a]: ", "10) ", "-\t"]),
        _INLINE,
    ),
    st.builds(
        lambda count, text: "\n".join("  " * n + "- " + text for n in range(count)),
        st.integers(1, 20),  # deeper, with 300-letter words, the PDF takes minutes (not the reader)
        _INLINE,
    ),
    st.builds(lambda key, value, more: f"- {key}: {value}\n{more}", _FIELD_KEYS, _INLINE, _INLINE),
    st.builds(
        lambda length, ext: f"![alt]({'a' * length}.{ext})",
        st.integers(200, 300),
        st.sampled_from(["png", "svg"]),
    ),
)


@st.composite
def manuscripts(draw) -> str:
    opening = draw(
        st.one_of(
            st.just(""),
            st.builds(lambda title: f"# {title}\n\n", _INLINE),
            st.builds(lambda title, author: f"{title}\nby {author}\n\n", _INLINE, _INLINE),
            st.builds(lambda fm: fm + "\n\n", _front_matter()),
        )
    )
    parts = draw(st.lists(_FRAGMENTS, max_size=24))
    separator = st.sampled_from(["\n", "\n\n", "\n\n", " ", ""])
    separators = draw(st.lists(separator, min_size=len(parts), max_size=len(parts)))
    return opening + "".join(part + separator for part, separator in zip(parts, separators, strict=True))


# ---------------------------------------------------------------- checks


def _check_tree(tree: etree._Element, where: str) -> None:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element.tag).localname
        assert tag not in _ACTIVE, f"{where}: active element <{tag}>"
        for attribute, value in element.attrib.items():
            name = etree.QName(attribute).localname.lower()
            assert not name.startswith("on"), f"{where}: {name}={value!r}"
            if name in _URL_ATTRIBUTES:
                assert not value.strip().lower().startswith(_SCHEMES), f"{where}: <{tag} {name}={value!r}>"


def _check_text(text: str, where: str, source: str) -> None:
    bad = _BAD.search(text)
    assert bad is None, f"{where}: U+{ord(bad.group()):04X} in the output"
    if "\ufffd" not in source:  # the author may type U+FFFD; nothing may make one up
        assert "\ufffd" not in text, f"{where}: U+FFFD made up"


_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _known_bug_input(text: str) -> bool:
    """A numeric reference to a code point XML cannot carry (readers/test_hostile_input.py pins it, xfail).

    The fragments leave these out, but the "&", "#" and digit markers can still spell one ("&#0;").
    """
    for match in _NUMERIC_REFERENCE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or _BAD.match(chr(code)):
            return True
    return False


def _known_bug(guide) -> bool:
    """A title with a line break but no space crashes the cover (pinned in readers/test_hostile_input.py)."""
    return "\n" in guide.meta.title and " " not in guide.meta.title


def _load(tmp_path: Path, text: str):
    """The guide, or None when the manuscript was refused with a clean error diagnostic."""
    assume(not _known_bug_input(text))
    path = tmp_path / "fuzz.md"
    path.write_bytes(text.encode("utf-8"))
    try:
        guide, report = load_guide(path)
    except GuideError as exc:
        event(f"refused with {exc.diagnostic.code}")
        assert exc.diagnostic.severity == "error"
        assert re.fullmatch(r"E-[A-Z-]+", exc.diagnostic.code), exc.diagnostic
        assert exc.diagnostic.code != "E-INTERNAL"
        return None, None
    assume(not _known_bug(guide))
    event(f"built ({guide.dialect} dialect)")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for diagnostic in report.items:
        assert diagnostic.severity == "warning"
        assert 0 <= diagnostic.location.line <= lines + 1, diagnostic
    return guide, report


# ---------------------------------------------------------------- properties


def _check_epub(path: Path, source: str) -> int:
    """Parse every XML member of the EPUB and check it; returns how many XHTML documents it holds."""
    documents = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                data = archive.read(name)
                _check_tree(etree.fromstring(data, _PARSER), name)  # raises if not well-formed
                _check_text(data.decode("utf-8"), name, source)
                documents += name.endswith(".xhtml")
    return documents


@pytest.mark.slow
@settings(max_examples=EXAMPLES, **_SETTINGS)
@given(text=manuscripts())
def test_any_manuscript_is_refused_cleanly_or_gives_a_well_formed_epub(tmp_path, text):
    guide, _ = _load(tmp_path, text)
    if guide is None:
        return
    target = tmp_path / "fuzz.epub"
    build_epub(guide, target, load_theme(), _MOMENT)
    # cover, title page, nav and one document per section at least
    assert _check_epub(target, text) >= 3 + len(guide.sections)


@pytest.mark.pdf
@pytest.mark.slow
@settings(max_examples=PDF_EXAMPLES, **_SETTINGS)
@given(text=manuscripts())
def test_any_manuscript_builds_whole_epub_and_pdf_or_is_refused(tmp_path, text):
    from pypdf import PdfReader

    from pipeline.writers.pdf.book import book_html

    guide, _ = _load(tmp_path, text)
    html = book_html(guide) if guide is not None else None
    if html is not None:
        tree = etree.fromstring(html.encode("utf-8"), _PARSER)
        _check_tree(tree, "book.html")
        _check_text(html, "book.html", text)

    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)  # a fresh output folder: nothing cached from the last example
    [outcome] = build_all([tmp_path / "fuzz.md"], BuildOptions(formats=("epub", "pdf"), out_dir=out))
    errors = [d for d in outcome.diagnostics if d.severity == "error"]
    assert not [d for d in errors if d.code == "E-INTERNAL"], [str(d) for d in errors]
    assert outcome.failed == (guide is None)
    if guide is None:
        assert errors and outcome.outputs == []
        return
    epub, pdf = outcome.outputs
    _check_epub(epub, text)
    assert len(PdfReader(pdf).pages) >= 1
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".part")]
    for folder in (epub.parent, pdf.parent):
        leftovers += [item for item in folder.iterdir() if item.name.startswith(".")]
    assert leftovers == []
