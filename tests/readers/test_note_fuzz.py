"""Property test: any mixture of note-app syntax (wikilinks, embeds, callouts, highlights, comments,
block ids, tags, Logseq properties, definition lists) with arbitrary text reads without an error
other than a clean diagnostic, and every section it gives writes well-formed XHTML with no element
the manuscript named. The examples are derandomised, so the suite's verdict is stable."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.model.diagnostics import GuideError, Report
from pipeline.readers.normalise import normalise
from pipeline.readers.sources import SourceText
from pipeline.transforms.passes import apply_transforms
from pipeline.writers.xhtml import XhtmlWriter

_PIECES = st.sampled_from(
    [
        "[[", "]]", "![[", "|", "\\|", "#", "==", "=", "%%", "^", "^abc1", "::", "[!", "[!note]", "[!QUOTE]",
        "<script>", "&", "`", "*", "~", ":", "\n", " ", "Heathcliff", "../../etc/passwd", "x.png", "200",
    ]
)  # fmt: skip
_WORDS = st.one_of(st.text(max_size=12), st.lists(_PIECES, max_size=8).map("".join))
_LINES = st.one_of(
    _WORDS,
    st.builds(
        lambda kind, fold, title: f"> [!{kind}]{fold} {title}",
        st.sampled_from(["note", "tip", "quote", "x"]),
        st.sampled_from(["", "-", "+"]),
        _WORDS,
    ),
    st.builds(lambda text: f"> {text}", _WORDS),
    st.builds(lambda term, text: f"{term}\n:   {text}", _WORDS, _WORDS),
    st.builds(lambda text: f"    {text}", _WORDS),
    st.builds(lambda key, value: f"{key}:: {value}", st.sampled_from(["id", "author", "a-b"]), _WORDS),
    st.sampled_from(["%%", "```", "---", "## Characters", "## Glossary", "- item", "#tag #other"]),
)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(lines=st.lists(_LINES, max_size=16))
def test_note_syntax_never_breaks_the_reading_or_the_markup(lines):
    text = "# Wuthering Heights\n\n" + "\n".join(lines) + "\n"
    path = Path("/nonexistent-folder/note.md")
    report = Report(str(path))
    try:
        guide = apply_transforms(normalise(SourceText(path, text, "utf-8"), report))
    except GuideError:
        assert report.items  # refused with a diagnostic, never silently
        return
    writer = XhtmlWriter("epub", "en", {n.number: n for n in guide.notes}, image_href=lambda src: src)
    for section in guide.sections:
        body = writer.section_body(section)
        tree = etree.fromstring(f'<div xmlns:epub="http://www.idpf.org/2007/ops">{body}</div>')
        assert not tree.xpath("//script | //*[@onclick] | //*[@onerror]")
