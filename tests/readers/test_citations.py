"""An answer engine's citations: the [1] calls, the numbered sources at the end and the "Related"
questions after them are left out (W-CITATIONS), every line keeping its number; a reading list
nobody calls, and bracketed numbers that call nothing listed, stay."""

from __future__ import annotations

from pipeline.model.text import plain_text
from pipeline.readers.citations import Uncited, leave_out_citations

ANSWER = """# Things Fall Apart

**Author:** Chinua Achebe
**Published:** 1958 [1]

## Summary

Okonkwo is a famous wrestler in Umuofia [1][2]. His son Nwoye becomes a Christian [2].

Citations:
[1] Things Fall Apart - Wikipedia https://en.wikipedia.org/wiki/Things_Fall_Apart
[2] Things Fall Apart | SparkNotes https://www.sparknotes.com/lit/things/

Related
What does the title mean?
Why does Nwoye convert?
"""


def test_the_calls_the_sources_and_the_related_questions_are_left_out(load):
    uncited = leave_out_citations(ANSWER)
    assert uncited.line == 10 and uncited.text.count("\n") == ANSWER.count("\n")
    assert "[1]" not in uncited.text and "http" not in uncited.text and "Related" not in uncited.text
    assert "in Umuofia. His son Nwoye becomes a Christian." in uncited.text
    guide, report = load("things-fall-apart.md", ANSWER)
    assert guide.meta.year == 1958
    assert [s.kind for s in guide.sections] == ["info", "summary"]  # no quotes, no "Related"
    text = " ".join(plain_text(b.inlines) for s in guide.sections for b in s.blocks if hasattr(b, "inlines"))
    assert "[1]" not in text and "[2]" not in text
    assert [d.location.line for d in report.items if d.code == "W-CITATIONS"] == [10]


def test_a_reading_list_nobody_calls_stays():
    text = "# Emma\n\n## Further Reading\n\n[1] Austen's letters https://example.org/a\n[2] A life https://example.org/b\n"
    assert leave_out_citations(text) == Uncited(text, None)


def test_a_call_to_no_listed_source_stays():
    text = ANSWER.replace("His son", "An array a[3] is code, and his son")
    assert "a[3] is code" in leave_out_citations(text).text
