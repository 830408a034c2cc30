"""markdown-it tokens into model blocks (pipeline.readers.tokens): every link and image through the
policy, HTML read (readers/html.py) and smuggled characters removed with the line they came from."""

from __future__ import annotations

from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.readers.parse import parse_markdown
from pipeline.readers.tokens import MAX_INLINE_DEPTH, Converter


def convert(markdown: str, asked: list | None = None) -> tuple[list[m.Block], Converter]:
    asked = [] if asked is None else asked

    def vet_link(href: str, line: int) -> str | None:
        asked.append(("link", href, line))
        return None  # unlinked: the text stays

    def vet_image(src: str, line: int) -> str | None:
        asked.append(("image", src, line))
        return src if src.endswith(".png") else None

    converter = Converter("t.md", "en", Report("t.md"), lambda n: n + 1, vet_link, vet_image)
    blocks, _ = converter.blocks(parse_markdown(markdown), 0, None)
    return blocks, converter


def test_blocks_and_inlines_with_their_lines():
    blocks, _ = convert('# Title\n\nA *"quoted"* word.\n\n- one\n- two\n')
    heading, paragraph, bullets = blocks
    assert heading == m.Heading(1, (m.Text("Title"),), heading.loc) and heading.loc.line == 1
    assert paragraph.inlines == (m.Text("A "), m.Emph((m.Text("“quoted”"),)), m.Text(" word."))
    assert paragraph.loc.line == 3  # and smartened
    assert isinstance(bullets, m.ListBlock) and not bullets.ordered and len(bullets.items) == 2
    assert bullets.items[1][0].loc.line == 6


def test_links_and_images_go_through_the_policy():
    asked: list = []
    [paragraph], _ = convert("See [the map](x.html), ![a map](map.png) and ![a gif](x.gif).\n", asked)
    assert asked == [("link", "x.html", 1), ("image", "map.png", 1), ("image", "x.gif", 1)]
    images = [i for i in paragraph.inlines if isinstance(i, m.Image)]
    assert images == [m.Image("map.png", "a map")]  # the refused one is gone
    assert "the map" in "".join(i.text for i in paragraph.inlines if isinstance(i, m.Text))


def test_html_is_read_and_smuggled_characters_are_removed_with_their_lines():
    blocks, converter = convert(
        "Plain.\n\nA form &#12; feed and <b>bold</b>.\n\n<div>block</div>\n\nx <script>y</script>\n"
    )
    assert blocks[1].inlines == (m.Text("A form feed and "), m.Strong((m.Text("bold"),)), m.Text("."))
    assert blocks[2] == m.Paragraph((m.Text("block"),), blocks[2].loc) and blocks[2].loc.line == 5
    assert blocks[3].inlines == (m.Text("x "),)  # the script is gone with its text
    assert converter.unsafe_lines == [3]
    assert [(d.code, d.location.line) for d in converter.report.items] == [("W-RAW-HTML", 7)]


def test_emphasis_past_the_depth_limit_is_flattened_and_noted():
    depth = 3 * MAX_INLINE_DEPTH  # "**" opens one level, not two
    [paragraph], converter = convert("*" * depth + "deep" + "*" * depth + "\n")

    def depth_of(inlines, level=0):
        nested = [depth_of(i.children, level + 1) for i in inlines if hasattr(i, "children")]
        return max(nested, default=level)

    assert depth_of(paragraph.inlines) <= MAX_INLINE_DEPTH
    assert set(converter.too_deep_lines) == {1}  # one line, noted for each level flattened


def test_tex_math_is_kept_as_written_and_prices_stay_text(load):
    """ "$r(h) = \\sqrt{R^2 - h^2}$" had its minus made a dash by the typography; "$5 and $10" is no math."""
    from pipeline.model import guide as m
    from pipeline.model.walk import iter_inlines

    text = (
        "# Flatland\n\n## Summary\n\nThe radius is $r(h) = \\sqrt{R^2 - h^2}$, and -- as a sphere -- "
        "it costs $5 and $10.\n\n$$V = s^3 - 1$$\n"
    )
    guide, _ = load("flatland.md", text)
    section = guide.section("summary")
    codes = [i.text for i in iter_inlines(section) if isinstance(i, m.Code)]
    assert codes == ["r(h) = \\sqrt{R^2 - h^2}"]
    assert [b.text for b in section.blocks if isinstance(b, m.CodeBlock)] == ["V = s^3 - 1"]
    prose = "".join(i.text for i in iter_inlines(section) if isinstance(i, m.Text))
    assert "$5 and $10" in prose and "--" not in prose  # the prose still gets its dashes
