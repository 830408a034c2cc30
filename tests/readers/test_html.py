"""HTML in a manuscript read into the model (pipeline.readers.html, html_blocks): formatting kept,
containers unwrapped, comments gone, active elements dropped with their content and named, tags
paired across markdown-it's tokens, links and images through the manuscript's policy."""

from __future__ import annotations

import pytest

from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_inline_tree
from pipeline.readers.html import DROPPED, html_events
from pipeline.readers.parse import parse_markdown
from pipeline.readers.tokens import Converter


def convert(markdown: str, asked: list | None = None) -> tuple[list[m.Block], Report]:
    asked = [] if asked is None else asked

    def vet_link(href: str, line: int) -> str | None:
        asked.append(("link", href, line))
        return href if href.endswith(".md") else None

    def vet_image(src: str, line: int) -> str | None:
        asked.append(("image", src, line))
        return src if src.endswith(".png") else None

    report = Report("t.md")
    converter = Converter("t.md", "en", report, lambda n: n + 1, vet_link, vet_image)
    blocks, _ = converter.blocks(parse_markdown(markdown), 0, None)
    return blocks, report


def only_inlines(markdown: str) -> tuple[m.Inline, ...]:
    [paragraph], _ = convert(markdown)
    assert isinstance(paragraph, m.Paragraph)
    return paragraph.inlines


def warnings(report: Report) -> list[tuple[str, int, str]]:
    return [(d.code, d.location.line, d.message) for d in report.items]


def all_text(blocks: list[m.Block]) -> str:
    from pipeline.model.walk import block_inlines, iter_blocks

    return " ".join(plain_text(inlines) for b in iter_blocks(tuple(blocks)) for inlines in block_inlines(b))


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("b", m.Strong((m.Text("x"),))),
        ("strong", m.Strong((m.Text("x"),))),
        ("i", m.Emph((m.Text("x"),))),
        ("em", m.Emph((m.Text("x"),))),
        ("s", m.Strike((m.Text("x"),))),
        ("del", m.Strike((m.Text("x"),))),
        ("u", m.Styled("underline", (m.Text("x"),))),
        ("mark", m.Styled("mark", (m.Text("x"),))),
        ("sup", m.Styled("sup", (m.Text("x"),))),
        ("sub", m.Styled("sub", (m.Text("x"),))),
        ("small", m.Styled("small", (m.Text("x"),))),
        ("code", m.Code("x")),
        ("kbd", m.Code("x")),
    ],
)
def test_inline_formatting_is_kept(tag, expected):
    inlines = only_inlines(f"Before <{tag}>x</{tag}> after.\n")
    assert inlines == (m.Text("Before "), expected, m.Text(" after."))


def test_abbr_keeps_its_expansion_q_gets_the_languages_marks_and_br_breaks():
    inlines = only_inlines('<abbr title="Wuthering Heights">WH</abbr> said <q>no</q><br>again\n')
    assert inlines[0] == m.Styled("abbr", (m.Text("WH"),), "Wuthering Heights")
    assert plain_text(inlines) == "WH said “no”again"
    assert m.LineBreak() in inlines


@pytest.mark.parametrize(
    "markup",
    [
        '<span style="color:red">kept words</span>',
        '<font color="red" face="Comic Sans">kept words</font>',
        "<center>kept words</center>",
        "<div>kept words</div>",
        "<p>kept words</p>",
        "<section><p>kept words</p></section>",
        "<figure>kept words</figure>",
        "<aside>kept words</aside>",
        "<details><summary>kept</summary> words</details>",
        "<blink>kept words</blink>",  # a tag nobody knows: its text stays too
    ],
)
def test_containers_are_unwrapped_and_their_text_kept(markup):
    for text in (markup + "\n", "A " + markup + " B\n"):  # an HTML block, and HTML inside a paragraph
        blocks, report = convert(text)
        assert "kept" in all_text(blocks) and "words" in all_text(blocks)
        assert "<" not in all_text(blocks) and "color" not in all_text(blocks)
        assert report.items == []  # nothing was dropped: nothing to say


def test_comments_disappear_silently_in_blocks_and_paragraphs():
    blocks, report = convert("<!-- a note to myself -->\n\nText <!-- hidden --> here.\n\n<!-- never closed\n")
    assert all_text(blocks) == "Text  here."
    assert report.items == []


@pytest.mark.parametrize("name", ["script", "style", "iframe", "object", "form", "template", "svg"])
def test_active_elements_are_dropped_with_their_content_and_named(name):
    for text, line in (
        (f"<{name}>secret()</{name}>\n\nAfter.\n", 1),
        (f"Before.\n\nA <{name}>secret()</{name}> B\n", 3),
    ):
        blocks, report = convert(text)
        assert "secret" not in all_text(blocks)
        assert "After." in all_text(blocks) or "A  B" in all_text(blocks)
        [(code, where, message)] = warnings(report)
        assert (code, where) == ("W-RAW-HTML", line) and f"<{name}>" in message


def test_embed_has_no_content_and_is_named():
    blocks, report = convert('Words <embed src="movie.swf"> more.\n')
    assert all_text(blocks) == "Words  more."
    assert [w[2].split()[0] for w in warnings(report)] == ["<embed>"]


def test_every_dropped_kind_is_an_active_or_embedding_element():
    assert {"script", "style", "iframe", "object", "embed", "form", "template"} <= DROPPED
    assert not DROPPED & {"b", "div", "span", "details", "aside", "a", "img"}


def test_tags_split_across_tokens_pair_up_with_markdown_inside():
    inlines = only_inlines("A <b>bold *and emphasised* words</b> and <i><b>both</b></i>.\n")
    assert inlines[1] == m.Strong((m.Text("bold "), m.Emph((m.Text("and emphasised"),)), m.Text(" words")))
    assert inlines[3] == m.Emph((m.Strong((m.Text("both"),)),))


def test_an_unclosed_tag_ends_with_its_paragraph_and_a_stray_end_tag_is_ignored():
    first, second = convert("A <b>bold to the end\n\nplain</b> text *x <i>y* z\n")[0]
    assert first.inlines == (m.Text("A "), m.Strong((m.Text("bold to the end"),)))
    assert plain_text(second.inlines) == "plain text x y z"
    assert not any(isinstance(i, m.Strong) for i in iter_inline_tree(second.inlines))
    assert m.Emph((m.Text("x "), m.Emph((m.Text("y"),)))) in second.inlines  # <i> ends with *…*


def test_markdown_inside_an_html_block_is_read_and_escaped_characters_stay_characters():
    blocks, report = convert("<aside>\n💡 **Tip:** read &lt;b&gt; as text &amp; <b>this</b>.\n</aside>\n")
    [paragraph] = blocks
    assert paragraph.inlines[1] == m.Strong((m.Text("Tip:"),))
    assert m.Strong((m.Text("this"),)) in paragraph.inlines
    assert "read <b> as text & this." in plain_text(paragraph.inlines)
    assert report.items == []


def test_html_blocks_give_headings_lists_tables_quotes_code_and_rules():
    blocks, _ = convert(
        "<div><h3>Cast</h3><ol start=3><li>One <b>b</b></li><li><p>Two</p><ul><li>inner</li></ul></li></ol>"
        "<table><thead><tr><th>Name</th><th>Role</th></tr></thead><tr><td><p>Cathy</p></td><td>heroine</td></tr></table>"
        "<blockquote><p>Quoted</p></blockquote><pre>code  kept</pre><hr></div>\n"
    )
    heading, numbered, table, quote, code, rule = blocks
    assert heading == m.Heading(3, (m.Text("Cast"),), heading.loc)
    assert numbered.ordered and numbered.start == 3 and len(numbered.items) == 2
    assert isinstance(numbered.items[1][1], m.ListBlock)  # the nested list stays in its item
    assert table.header == ((m.Text("Name"),), (m.Text("Role"),))
    assert table.rows == (((m.Text("Cathy"),), (m.Text("heroine"),)),)
    assert isinstance(quote, m.BlockQuote) and plain_text(quote.blocks[0].inlines) == "Quoted"
    assert code == m.CodeBlock("code  kept", code.loc)
    assert isinstance(rule, m.Rule)


def test_a_table_without_a_header_row_takes_its_first_row():
    [table], _ = convert(
        "<table><tr><td>Name</td><td>Role</td></tr><tr><td>Nelly</td><td>servant</td></tr></table>\n"
    )
    assert plain_text(table.header[0]) == "Name" and plain_text(table.rows[0][0]) == "Nelly"


def test_links_and_images_go_through_the_same_policy_as_markdown():
    asked: list = []
    blocks, _ = convert(
        '<a href="javascript:alert(1)" onclick="x()">js</a> <a href="notes.md">ok</a> '
        '<img src="x" onerror="alert(1)" alt="a cat"> <img src="map.png" alt="map">\n',
        asked,
    )
    [paragraph] = blocks
    assert asked == [
        ("link", "javascript:alert(1)", 1),
        ("link", "notes.md", 1),
        ("image", "x", 1),
        ("image", "map.png", 1),
    ]
    assert m.Link("notes.md", (m.Text("ok"),)) in paragraph.inlines
    assert m.Image("map.png", "map") in paragraph.inlines
    assert "a cat" in plain_text(paragraph.inlines)  # the refused image's alt text
    assert not [
        i for i in iter_inline_tree(paragraph.inlines) if isinstance(i, m.Link) and "javascript" in i.href
    ]


def test_hostile_nesting_svg_onload_and_a_script_inside_details():
    blocks, report = convert(
        '<svg onload="alert(4)"><script>alert(5)</script><text>svg text</text></svg> inline svg\n\n'
        "<details>\n<summary>Spoiler</summary>\n\nHidden words.\n\n"
        "<script>\nnested()\n</script>\n</details>\n"
    )
    text = all_text(blocks)
    assert "alert" not in text and "nested" not in text and "svg text" not in text
    assert "inline svg" in text and "Spoiler" in text and "Hidden words." in text
    assert [(w[1], w[2].split()[0]) for w in warnings(report)] == [
        (1, "<svg>"),
        (8, "<script>"),
    ]  # where it opens


def test_an_element_left_open_drops_the_blocks_until_it_closes():
    blocks, report = convert("Before.\n\n<form>\n\nField *text*.\n\n- item\n\n</form>\n\nAfter.\n")
    assert all_text(blocks) == "Before. After."
    assert [(w[1], w[2].split()[0]) for w in warnings(report)] == [(3, "<form>")]


def test_an_unfinished_tag_at_the_end_is_not_text():
    assert html_events("<b>x</b") == [("start", "b", {}, 0), ("data", "x", {}, 0)]
    assert html_events("a <!-- open") == [("data", "a ", {}, 0)]
    assert html_events('<a href="h" onclick="c" style="s">') == [("start", "a", {"href": "h"}, 0)]


def test_html_blocks_name_each_elements_own_line_and_read_word_text_as_it_stands():
    from pipeline.readers.html import HtmlReader, plain_text_inlines
    from pipeline.readers.html_blocks import HtmlBlocks

    report = Report("w.docx")
    safe = lambda text, line: text  # noqa: E731
    reader = HtmlReader(
        report, "en", plain_text_inlines("en", safe), lambda h, n: None, lambda s, n: None, safe
    )
    blocks = HtmlBlocks(reader, "w.docx", lambda n: n + 1).read(
        "<h1>Title</h1>\n<p>2 * 3 * 4 is **not** bold</p>\n<ul><li>one</li></ul>\n<p><script>x</script></p>",
        0,
    )
    heading, paragraph, bullets = blocks
    assert [b.loc.line for b in blocks] == [1, 2, 3]
    assert plain_text(paragraph.inlines) == "2 * 3 * 4 is **not** bold"  # Word's asterisks are asterisks
    assert isinstance(heading, m.Heading) and isinstance(bullets, m.ListBlock)
    assert [(d.code, d.location.line) for d in report.items] == [("W-RAW-HTML", 4)]


def test_html_nested_past_the_limit_is_flattened_not_recursed():
    from pipeline.readers.html import MAX_DEPTH

    depth = 5 * MAX_DEPTH

    def levels(inlines, level=0):
        return max([levels(i.children, level + 1) for i in inlines if hasattr(i, "children")] or [level])

    inline = only_inlines("x " + "<b><i>" * depth + "deep" + "</i></b>" * depth + " y\n")
    assert plain_text(inline) == "x deep y" and levels(inline) <= MAX_DEPTH + 1
    blocks, report = convert(
        "<ul><li>" * depth + "deep list" + "</li></ul>" * depth + "\n\n<blockquote>" * depth
    )
    assert "deep list" in all_text(blocks)

    def list_levels(block, level=0):
        inner = [list_levels(b, level + 1) for item in getattr(block, "items", ()) for b in item]
        return max(inner or [level])

    assert max(list_levels(b) for b in blocks) <= MAX_DEPTH + 1
    assert [d.code for d in report.items] == []  # block nesting is capped quietly
    _, report = convert("a " + "<b>" * depth + "b\n")
    assert [d.code for d in report.items] == ["W-TOO-DEEP"]
