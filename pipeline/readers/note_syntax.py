"""Note-app syntax as markdown-it rules: `==highlight==`, `%%comments%%` (inline and as blocks),
block ids (`^abc123` at a line's end) and `#tags`; with wikilinks, callouts and definition lists,
the one plugin `note_syntax_plugin` the parser uses.

Each is a rule of the parser, never a pattern over the whole text, so code spans and code blocks
keep `==x==`, `%%x%%`, `[[x]]` and `#x` as written. What becomes of each:

- `==words==` is highlighted (a mark, as Obsidian, Bear and Joplin show it).
- `%%…%%` is the author's note to themselves (Obsidian's comment) and is left out, whether it sits
  inside a line or spans lines and paragraphs.
- `^abc123` ending a line is an anchor other notes link to, invisible in the note app: left out.
- A run of `#tags` that ends a line (a line of only tags, or tags after the last sentence) is the
  note's filing and is left out; a tag followed by more words on its line is a word of the sentence
  ("a #gothic novel") and keeps its word without the `#`. Only tags as note apps read them count:
  letters, digits, `_`, `-` and `/` after a `#` that starts a word, not all digits (`#1` stays);
  Logseq's `#[[several words]]` and Bear's `#several words#` are tags too.
- Logseq's `key:: value` property lines read as `key: value` fields; those the app hides (`id::`,
  `collapsed::` …) are left out, as block ids are.
"""

from __future__ import annotations

import bisect

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.utils import is_code_block

from pipeline.model.lazy_pattern import LazyPattern
from pipeline.readers.callouts import callouts_rule
from pipeline.readers.note_links import wikilinks_plugin

# Logseq's "#[[two words]]", Bear's "#two words#", then the one-word tag every app knows.
_TAG = LazyPattern(
    r"#(?:\[\[(?P<words>[^\[\]\n]{1,200})\]\]|(?P<bear>[^\s#\[][^#\n]{0,80}?[^\s#])#(?![\w#])|(?P<tag>[\w/-]+))"
)
# Logseq's "key:: value" property lines; those the app keeps to itself are left out.
_PROPERTY = LazyPattern(r"^(?P<key>[A-Za-z][\w-]{0,40})::(?:[ \t]+|$)")
# fmt: off
_HIDDEN_PROPERTIES = frozenset({
    "id", "collapsed", "heading", "background-color", "icon", "public", "template",
    "template-including-parent", "filters", "created-at", "updated-at", "ls-type", "hl-type", "hl-page",
    "hl-stamp", "hl-color", "query-table", "query-properties", "query-sort-by", "query-sort-desc",
    "card-last-interval", "card-repeats", "card-ease-factor", "card-next-schedule", "card-last-reviewed",
    "card-last-score",
})
# fmt: on
_BLOCK_ID = LazyPattern(r"\^[A-Za-z0-9-]+[ \t]*(?=\n|$)")
_EQUALS = 0x3D
_SPACES = LazyPattern(r"[ \t]*")


def logseq_page_title(text: str) -> str:
    """A Logseq page whose opening property lines hold `title:: The Secret Garden`, with that line
    written as the `# The Secret Garden` heading at the top of them. Logseq shows the title as the
    page's heading; left as a property line, the page would begin with no heading and be read as
    the loose dialect, where "title:: X" is a title line and the other properties are not fields.
    The heading takes the first property line's place and the lines above the title move down one,
    so every line after the properties keeps its number."""
    lines = text.split("\n")
    count = 0
    while count < len(lines) and _PROPERTY.match(lines[count]):
        count += 1
    titles = [i for i in range(count) if _PROPERTY.match(lines[i]).group("key").casefold() == "title"]
    if not titles or not (title := lines[titles[0]].split("::", 1)[1].strip()):
        return text
    others = [line for i, line in enumerate(lines[:count]) if i != titles[0]]
    return "\n".join([f"# {title}", *others, *lines[count:]])


def note_syntax_plugin(md: MarkdownIt) -> None:
    """Every note-app construct, and pandoc's definition lists (mdit_py_plugins.deflist)."""
    wikilinks_plugin(md)
    md.inline.ruler.before("strikethrough", "mark", _mark_tokenize)
    md.inline.ruler2.before("emphasis", "mark", _mark_post_process)
    # After "text", which never stops on a letter: where it takes a run of text these three are not
    # tried in vain, and "%", "^" and "#" stop it (markdown-it's terminators), so they still see
    # every place they could start, before any other rule does.
    md.inline.ruler.after("text", "note_comment", _comment_inline)
    md.inline.ruler.after("note_comment", "block_id", _block_id)
    md.inline.ruler.after("block_id", "note_tag", _tag)
    md.core.ruler.after("inline", "note_tags", _settle_tags)
    md.block.ruler.before("paragraph", "note_comment", _comment_block, {"alt": ["paragraph"]})
    md.core.ruler.after("block", "callouts", callouts_rule)
    md.use(deflist_plugin)


# ---------------------------------------------------------------- ==highlight==
# A port of markdown-it-mark (MIT), in the way markdown-it-py's strikethrough reads "~~".


def _mark_tokenize(state: StateInline, silent: bool) -> bool:
    if silent or state.src[state.pos] != "=":
        return False
    scanned = state.scanDelims(state.pos, True)
    length = scanned.length
    if length < 2:
        return False
    if length % 2:
        state.push("text", "", 0).content = "="
        length -= 1
    for _ in range(0, length, 2):
        state.push("text", "", 0).content = "=="
        state.delimiters.append(
            Delimiter(_EQUALS, 0, len(state.tokens) - 1, -1, scanned.can_open, scanned.can_close)
        )
    state.pos += scanned.length
    return True


def _mark_pairs(state: StateInline, delimiters: list[Delimiter]) -> None:
    lone: list[int] = []
    for opener in delimiters:
        if opener.marker != _EQUALS or opener.end == -1:
            continue
        closer = delimiters[opener.end]
        for index, (kind, nesting) in ((opener.token, ("mark_open", 1)), (closer.token, ("mark_close", -1))):
            token = state.tokens[index]
            token.type, token.tag, token.nesting, token.markup, token.content = (
                kind,
                "mark",
                nesting,
                "==",
                "",
            )
        before = state.tokens[closer.token - 1]
        if before.type == "text" and before.content == "=":
            lone.append(closer.token - 1)
    while lone:  # an odd run ("===") leaves one "=" that belongs after the closing marks
        index = lone.pop()
        last = index + 1
        while last < len(state.tokens) and state.tokens[last].type == "mark_close":
            last += 1
        last -= 1
        if index != last:
            state.tokens[index], state.tokens[last] = state.tokens[last], state.tokens[index]


def _mark_post_process(state: StateInline) -> None:
    if "==" not in state.src:  # no "==", no mark delimiters: most text
        return
    _mark_pairs(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _mark_pairs(state, meta["delimiters"])


# ---------------------------------------------------------------- %%comments%% and ^block-ids


def _comment_inline(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if not state.src.startswith("%%", start):
        return False
    close = state.src.find("%%", start + 2, state.posMax)
    if close < 0:
        return False
    if not silent:
        _skip_gap(state, start, close + 2)
    else:
        state.pos = close + 2
    return True


def _block_id(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if state.src[start] != "^" or (start > 0 and state.src[start - 1] not in " \t\n"):
        return False
    match = _BLOCK_ID.match(state.src, start, state.posMax)
    if match is None:
        return False
    if not silent:
        _skip_gap(state, start, match.end())
    else:
        state.pos = match.end()
    return True


def _skip_gap(state: StateInline, start: int, end: int) -> None:
    """Leave out src[start:end] without leaving two spaces, or a space at a line's end, behind."""
    if start == 0 or state.src[start - 1] in " \t\n":
        spaces = _SPACES.match(state.src, end, state.posMax)
        end = spaces.end() if spaces else end
        if end >= state.posMax or state.src[end] == "\n":
            state.pending = state.pending.rstrip(" \t")  # nothing follows on this line
    state.pos = end


def _comment_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """`%%` opening a line, through the line that ends with `%%`: left out with all it holds."""
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("%%", begin) or is_code_block(state, start_line):
        return False  # the cheaper test first: it fails for almost every line
    first = state.src[begin : state.eMarks[start_line]].rstrip()
    if "%%" in first[2:]:  # "%% note %%" alone on its line is a block; "%%a%% words" is inline
        if first.count("%%") != 2 or not first.endswith("%%"):
            return False
        last = start_line
    else:
        ends = _comment_ends(state)
        found = bisect.bisect_right(ends, start_line)
        if found == len(ends) or ends[found] >= end_line:
            return False  # never closed: the "%%" stays as written
        last = ends[found]
    if not silent:
        token = state.push("note_comment", "", 0)
        token.map = [start_line, last + 1]
        token.hidden = True
    state.line = last + 1
    return True


def _comment_ends(state: StateBlock) -> list[int]:
    """The lines that end with "%%", found once per parse: a search from each unclosed "%%" line
    to the end of the text would make a text of many of them quadratic."""
    cached = state.env.get("note_comment_ends")
    if cached is not None and cached[0] is state.src:
        return cached[1]
    ends = [
        line
        for line in range(len(state.eMarks))
        if state.src[state.bMarks[line] : state.eMarks[line]].rstrip().endswith("%%")
    ]
    state.env["note_comment_ends"] = (state.src, ends)
    return ends


# ---------------------------------------------------------------- #tags


def _tag(state: StateInline, silent: bool) -> bool:
    start = state.pos
    if state.src[start] != "#" or (start > 0 and not state.src[start - 1].isspace()):
        return False
    match = _TAG.match(state.src, start, state.posMax)
    word = match and (match.group("words") or match.group("bear") or match.group("tag")).strip()
    if not word or word.strip("/-_").isdigit() or not word.strip("/-_"):
        return False  # "#1" and "# " are not tags
    if not silent:
        state.push("note_tag", "", 0).content = word
        state.env["note_tags"] = True  # `_settle_tags` has work to do
    state.pos = match.end()
    return True


def _settle_tags(state: StateCore) -> None:
    """Tags ending a line are left out (with the spaces before them), and so is a line left empty;
    the others become their word. Logseq's property lines read as fields ("author:: Emily Brontë"
    as "author: Emily Brontë"), and those it hides ("id:: 64f…", "collapsed:: true") are left out."""
    if not state.env.get("note_tags") and "::" not in state.src:
        return  # no tag was read and no property line written: most manuscripts
    for block in state.tokens:
        if block.type != "inline" or not any(
            child.type == "note_tag" or (child.type == "text" and "::" in child.content)
            for child in block.children or []
        ):
            continue
        lines: list[list[Token]] = [[]]
        for child in block.children or []:
            if child.type in ("softbreak", "hardbreak"):
                lines.append([child])  # a line keeps the break that opens it
            else:
                lines[-1].append(child)
        kept: list[Token] = []
        for line in lines:
            settled = _settled_line(line)
            if any(token.type not in ("softbreak", "hardbreak") for token in settled):
                kept.extend(
                    settled if kept else [t for t in settled if t.type not in ("softbreak", "hardbreak")]
                )
        block.children = kept


def _settled_line(line: list[Token]) -> list[Token]:
    first = next(
        (index for index, token in enumerate(line) if token.type not in ("softbreak", "hardbreak")), None
    )
    found, rest = None, ""
    if first is not None and line[first].type == "text" and (found := _PROPERTY.match(line[first].content)):
        if found.group("key").casefold() in _HIDDEN_PROPERTIES:
            return []
        rest = line[first].content[found.end() :]
        line[first].content = f"{found.group('key')}: {rest}" if rest else f"{found.group('key')}:"
    end = len(line)
    while end and (
        line[end - 1].type == "note_tag"
        or (line[end - 1].type == "text" and not line[end - 1].content.strip())
    ):
        end -= 1
    if found and not any(t.type != "text" or t.content.strip() for t in line[first + 1 : end]) and not rest:
        return []  # "Tags:: #[[Book Summaries]] #reading" is only tags: an empty field would end the fields
    out = [Token("text", "", 0, content=t.content) if t.type == "note_tag" else t for t in line[:end]]
    if end < len(line) and out and out[-1].type == "text":
        out[-1].content = out[-1].content.rstrip(" \t")
    return out
