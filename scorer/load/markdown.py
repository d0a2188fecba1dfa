"""Markdown loader: the file's own text with everything but prose blanked to spaces.

Nothing is ever removed, so an offset into `Loaded.text` is an offset into the file and a
finding maps straight back to line:column of the .md source. markdown-it-py finds the
block structure; its inline rules are wrapped to record where each piece of markup starts
and ends, since its tokens carry no character offsets. Inline `<!-- scorer: ... -->`
directives are read from the source before it is blanked (scorer.load.directives).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from string import punctuation
from typing import Any

from markdown_it import MarkdownIt
from markdown_it import rules_inline as ri
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from scorer.load import directives as inline
from scorer.load.document import Span
from scorer.load.front_matter import front_matter, metadata
from scorer.load.genre_hints import from_front_matter
from scorer.load.types import Block, Loaded

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_NEWLINE = re.compile(r"[^\r\n]")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[\"'‘“(\[]?[A-Z]")
_CLOSING_STOP = re.compile(r"[.!?][\"'’”)]*\s*$")
_MARKS = "scorer_marks"
_EMPHASIS = {"em_open": "em_close", "strong_open": "strong_close"}
_STANDFIRST_MAX_WORDS = 60


@dataclass
class _Marks:
    """Content ranges that are markup, as recorded by the wrapped inline rules."""

    src: str = ""
    blank: list[tuple[int, int]] = field(default_factory=list)
    delims: list[tuple[Token, int, int]] = field(default_factory=list)


@dataclass
class _Leaf:
    """One inline context (paragraph, heading, table row) and where its content lies."""

    kind: str  # "paragraph" | "heading" | "row"
    level: int  # container depth: 0 is the top of the document
    tag: str
    segs: list[tuple[int, int]] = field(default_factory=list)  # (file offset, length)
    all_emphasis: bool = False


def _note(name: str, state: StateInline, start: int, first: int, marks: _Marks) -> None:
    """Record which characters a rule that just matched at `start` used as markup."""
    src, end = state.src, state.pos
    if name == "escape":
        if src[start + 1] == "\n" or src[start + 1] in punctuation:
            marks.blank.append((start, start + 1))
    elif name == "backticks":
        if any(t.type == "code_inline" for t in state.tokens[first:]):
            marks.blank.append((start, end))
    elif name == "link":
        label_end = state.md.helpers.parseLinkLabel(state, start, True)
        marks.blank += [(start, start + 1), (label_end, end)]
    elif name in ("emphasis", "strikethrough"):
        # Whether a delimiter is markup is only known after pairing (_settle).
        for token in state.tokens[first:]:
            marks.delims.append((token, start, len(token.content)))
            start += len(token.content)
    else:  # image (alt text is not prose), autolink, html_inline
        marks.blank.append((start, end))


def _recording(name: str, rule: Callable[[StateInline, bool], bool]) -> Any:
    """Wrap an inline rule so that a match on the content being loaded is noted."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        first = len(state.tokens) + (1 if state.pending else 0)  # push() flushes pending
        matched = rule(state, silent)
        marks = state.env.get(_MARKS)
        # Image alt text is parsed as a separate string: its offsets are not ours.
        if matched and not silent and marks is not None and state.src is marks.src:
            _note(name, state, start, first, marks)
        return matched

    return wrapped


def _settle(state: StateInline) -> None:
    """After pairing, a delimiter turned into a tag (or emptied as half of `**`) is markup."""
    marks = state.env.get(_MARKS)
    if marks is None or state.src is not marks.src:
        return
    for token, pos, length in marks.delims:
        if token.type != "text" or not token.content:
            marks.blank.append((pos, pos + length))
    marks.delims.clear()


def _parser() -> MarkdownIt:
    """CommonMark plus GFM tables and ~~strike~~; inline parsing is run per block, by us."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")
    rules = {
        "escape": ri.escape,
        "backticks": ri.backtick,
        "emphasis": ri.emphasis.tokenize,
        "strikethrough": ri.strikethrough.tokenize,
        "link": ri.link,
        "image": ri.image,
        "autolink": ri.autolink,
        "html_inline": ri.html_inline,
    }
    for name, rule in rules.items():
        md.inline.ruler.at(name, _recording(name, rule))
    md.inline.ruler2.after("emphasis", "scorer_settle", _settle)
    return md


_MD = _parser()


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line without its terminator; \\r\\n, \\r and \\n all end one."""
    spans, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _line_segments(
    content: str, first: int, last: int, norm: str, lines: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Where each line of a paragraph's content sits in the file.

    markdown-it's content for a line is that line minus its container prefix (`> `, list
    marker, indent), so it is a suffix of the source line: trailing blanks aside on the
    last line, and leading spaces markdown-it invents when it expands a tab.
    """
    pieces, segs = content.split("\n"), []
    for s, e in lines[first:last]:
        if len(segs) == len(pieces):
            break
        piece = pieces[len(segs)]
        line = norm[s:e].rstrip() if len(segs) == len(pieces) - 1 else norm[s:e]
        for p in (piece, piece.lstrip(" ")):
            if line.endswith(p):
                segs.append((s + len(line) - len(p), len(p)))
                break
    return segs if len(segs) == len(pieces) else []


def _atx_segment(content: str, line_start: int, line: str) -> list[tuple[int, int]]:
    """An ATX heading's text: the first match after the opening `#` run (no prefix has `#`)."""
    hashes = max(line.find("#"), 0)
    at = line.find(content, len(line) - len(line[hashes:].lstrip("#"))) if content else -1
    return [(line_start + at, len(content))] if at >= 0 else []


def _parse_inline(
    segs: list[tuple[int, int]], norm: str, env: dict[str, Any], keep: bytearray
) -> list[Token]:
    """Mark the segments as prose, then unmark the markup the inline rules record."""
    content = "\n".join(norm[s : s + n] for s, n in segs)
    marks: _Marks = env[_MARKS]
    marks.src, marks.blank, marks.delims = content, [], []
    tokens: list[Token] = []
    _MD.inline.parse(content, _MD, env, tokens)
    starts, at = [], 0
    for s, n in segs:
        keep[s : s + n] = b"\x01" * n
        starts.append(at)
        at += n + 1
    for a, b in marks.blank:
        i = max(bisect_right(starts, a) - 1, 0)
        while i < len(segs) and starts[i] < b:
            lo, hi = max(a - starts[i], 0), min(b - starts[i], segs[i][1])
            if lo < hi:
                keep[segs[i][0] + lo : segs[i][0] + hi] = bytes(hi - lo)
            i += 1
    return tokens


def _all_emphasis(tokens: list[Token]) -> bool:
    """True when one emphasis span wraps the whole paragraph (an italic standfirst)."""
    if len(tokens) < 3 or _EMPHASIS.get(tokens[0].type) != tokens[-1].type:
        return False
    return all(t.level > 0 for t in tokens[1:-1])


def _leaves(
    tokens: list[Token], norm: str, lines: list[tuple[int, int]], env: dict, keep: bytearray
) -> list[_Leaf]:
    """Every inline context in document order, its prose marked in `keep`."""
    leaves: list[_Leaf] = []
    row_line, row_after = -1, 0
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.map:
            continue
        parent, (first, last) = tokens[i - 1], tok.map
        s, e = lines[first]
        if parent.type in ("th_open", "td_open"):
            if first != row_line:  # cells are found left to right along their row
                row_line, row_after = first, 0
                leaves.append(_Leaf("row", parent.level, "tr"))
            raw = tok.content.replace("|", "\\|")  # markdown-it drops the `\` of `\|`
            at = norm.find(raw, s + row_after, e) if raw else -1
            if at >= 0:
                row_after = at - s + len(raw)
                leaves[-1].segs.append((at, len(raw)))
                _parse_inline([(at, len(raw))], norm, env, keep)
            continue
        row_line = -1
        if parent.type == "heading_open" and parent.markup.startswith("#"):
            segs = _atx_segment(tok.content, s, norm[s:e])
        else:
            segs = _line_segments(tok.content, first, last, norm, lines)
        kind = "heading" if parent.type == "heading_open" else "paragraph"
        leaf = _Leaf(kind, parent.level, parent.tag, segs)
        if segs:
            leaf.all_emphasis = _all_emphasis(_parse_inline(segs, norm, env, keep))
        leaves.append(leaf)
    return leaves


def _blank(text: str, keep: bytearray) -> str:
    """`text` with every character outside `keep` made a space, line breaks excepted."""
    out, i = [], 0
    while i < len(text):
        kept = keep[i]
        j = keep.find(0 if kept else 1, i)
        j = len(text) if j < 0 else j
        out.append(text[i:j] if kept else _NOT_NEWLINE.sub(" ", text[i:j]))
        i = j
    return "".join(out)


def _trim(text: str, leaf: _Leaf) -> tuple[int, int] | None:
    """The leaf's span from its first to last prose character; None when nothing is left."""
    if not leaf.segs:
        return None
    a, b = leaf.segs[0][0], leaf.segs[-1][0] + leaf.segs[-1][1]
    chunk = text[a:b]
    stripped = chunk.strip()
    if not stripped:
        return None
    start = a + len(chunk) - len(chunk.lstrip())
    return start, start + len(stripped)


def _words(text: str) -> str:
    """Masked text as a reader would quote it: the blanks left by markup collapsed."""
    return " ".join(text.split())


def _roles(
    found: list[tuple[_Leaf, tuple[int, int]]], out: str, info: dict[str, str | None]
) -> tuple[list[str], str | None, Span | None, str | None, Span | None]:
    """Block kinds, and title and standfirst with their spans, from text and front matter."""
    kinds = ["heading" if leaf.kind == "heading" else "body" for leaf, _ in found]
    title, title_span, head = info["title"], None, None
    for n, (leaf, (a, b)) in enumerate(found):
        if leaf.kind == "heading" and leaf.tag == "h1" and leaf.level == 0:
            same = title is None or _words(out[a:b]).casefold() == _words(title).casefold()
            if same and (title is None or n == 0):
                head, title, title_span = n, title or _words(out[a:b]), Span(a, b)
                kinds[n] = "headline"
            break
    standfirst, standfirst_span = info["standfirst"], None
    if head is not None and head + 1 < len(found):
        leaf, (a, b) = found[head + 1]
        prose = out[a:b]
        # As for plain text: one sentence with no closing stop; a one-sentence lede ends in one.
        short = (
            len(prose.split()) <= _STANDFIRST_MAX_WORDS
            and not _SENTENCE_BREAK.search(prose)
            and not _CLOSING_STOP.search(prose)
        )
        top_paragraph = leaf.kind == "paragraph" and leaf.level == 0
        if top_paragraph and (leaf.all_emphasis or (standfirst is None and short)):
            kinds[head + 1] = "standfirst"
            standfirst, standfirst_span = _words(prose), Span(a, b)
    return kinds, title, title_span, standfirst, standfirst_span


def load_markdown(text: str, source: str) -> Loaded:
    """Load Markdown as same-length text with all markup blanked, plus what the format knows."""
    lines = _line_spans(text)
    meta, body = front_matter(text, lines, source)
    info = metadata(meta, source)
    # markdown-it sees blank lines where the front matter was, so its line numbers hold.
    src = _NOT_NEWLINE.sub(" ", text[:body]) + text[body:]
    if src.startswith("\ufeff"):
        src = " " + src[1:]
    norm = src.replace("\0", "\ufffd")  # as markdown-it does, one character for one
    env: dict[str, Any] = {_MARKS: _Marks()}
    keep = bytearray(len(text))
    tokens = _MD.parse(src, env)
    leaves = _leaves(tokens, norm, lines, env, keep)
    out = _blank(text, keep)
    # Directives are read from the source: `out` has every comment blanked already. In
    # front matter (blanked in `src`) or a code block, a `<!-- scorer:` is not one.
    code = [
        (lines[t.map[0]][0], lines[t.map[1] - 1][1])
        for t in tokens
        if t.type in ("fence", "code_block") and t.map and t.map[1] > t.map[0]
    ]
    directives = inline.parse(src, not_prose=code)

    found = [(leaf, span) for leaf in leaves if (span := _trim(out, leaf))]
    kinds, title, title_span, standfirst, standfirst_span = _roles(found, out, info)
    blocks = tuple(Block(a, b, kind) for (_, (a, b)), kind in zip(found, kinds, strict=True))
    return Loaded(
        text=out,
        source=source,
        format="markdown",
        title=title,
        title_span=title_span,
        standfirst=standfirst,
        standfirst_span=standfirst_span,
        byline=info["byline"],
        date=info["date"],
        blocks=blocks,
        directives=inline.aim(directives, [(b.start, b.end) for b in blocks]),
        genre_hints=from_front_matter(meta.get("genre"), source),
    )
