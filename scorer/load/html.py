"""HTML pages: the article text and metadata that trafilatura finds, as one analysable text.

Offsets in the returned `Loaded` refer to a text built here, not to the HTML file (markup
has no character-for-character mapping to prose): the headline, a blank line, the
standfirst, a blank line, then the body paragraphs separated by blank lines. Each of
those is a `Block`, so segmentation never has to guess paragraph boundaries. Each block is
then found in the page (scorer.load.html_locate): the `source_map` lets `Document.line_col`
answer with the page's own line and column.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scorer.errors import ScorerError
from scorer.load.document import Span, normalise
from scorer.load.genre_hints import from_page
from scorer.load.html_locate import locate
from scorer.load.types import Block, Loaded

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HTMLParser

# Site furniture trafilatura's own discard list misses: donation and membership appeals
# and subscription prompts sit inside the article body on many news sites. Matched as
# whole words of id/class names ("donation-box", "support_us"), never inside a longer
# word: "subscriber" (as in "subscriber-content") often wraps paywalled article text.
_FURNITURE = re.compile(
    r"(?<![a-z])(?:donat[a-z]*|contribut(?:e|ion|ions)|support-?us|subscribe|subscription"
    r"|membership)(?![a-z])",
    re.IGNORECASE,
)
_FURNITURE_ATTRIBUTES = ("id", "class", "data-component", "data-testid")

# Output elements of trafilatura's XML format that live inside a paragraph.
_INLINE = frozenset({"lb", "hi", "ref", "del", "graphic", "span"})

_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
# What follows the headline in a <title>: " | The Independent", " - BBC News".
_SITE_SUFFIX = re.compile(r"\s+[|\-–—·•:]\s")


def load_html(html: str, source: str) -> Loaded:
    """Reduce an HTML page to its article: headline, standfirst and body paragraphs."""
    # Imported here: trafilatura takes a few hundred ms to import; most runs never see HTML.
    import trafilatura
    from lxml import etree

    # trafilatura, and htmldate and lxml beneath it, fail on some malformed pages with
    # internal errors, such as an AssertionError from lxml's drop_tree for a heading inside
    # <math> or <svg>. The input is a page we cannot reduce, not a bug of ours to surface,
    # so at the calls into that library (and nowhere else) any Exception is caught.
    try:
        tree = trafilatura.load_html(html) if html.strip() else None
        if tree is not None and _too_deep(trafilatura.utils.HTML_PARSER):
            tree = _parse_deep(html, source)
    except ScorerError:
        raise
    except Exception as error:
        raise _cannot_extract(error, source) from error
    if tree is None:
        raise ScorerError("no article text found in the HTML", path=source)
    _prune_furniture(tree)
    # XML rather than "txt": in plain text a <br> inside a paragraph and the break between
    # two paragraphs are both one newline, and subheadings look like paragraphs.
    # favor_precision stays off: it did not remove the donation box either, and it adds
    # link-density deletion of paragraphs and blockquotes, where a linked source ("a
    # report by the ONS") is exactly what scoring needs to see.
    try:  # any Exception: see trafilatura.load_html above
        extracted = trafilatura.extract(
            tree,
            output_format="xml",
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
        main = etree.fromstring(extracted).find("main") if extracted else None
    except Exception as error:
        raise _cannot_extract(error, source) from error
    body: list[tuple[str, str]] = []
    if main is not None:
        _collect(main, body)
    if not body:
        raise ScorerError("no article text found in the HTML", path=source)

    # Metadata from the page as served: a pruned box may have held the byline or date.
    try:  # any Exception: see trafilatura.load_html above
        meta = trafilatura.extract_metadata(html)
    except Exception:
        meta = None  # no headline, byline or date from metadata; the article text stands
    title = _clean(getattr(meta, "title", None))
    description = _clean(getattr(meta, "description", None))
    byline = _clean(getattr(meta, "author", None))
    date = _clean(getattr(meta, "date", None))

    first_kind, first_text = body[0]
    if title and _key(first_text) == _key(title):
        body.pop(0)
    elif title and first_kind == "heading" and _is_headline_with_site(title, first_text):
        # The extracted <h1> is the headline; the metadata title carries the site name.
        title = first_text
        body.pop(0)
    if not body:
        raise ScorerError("no article text found in the HTML", path=source)

    standfirst_line = None
    if description:
        first_kind, first_text = body[0]
        if first_kind == "heading" and _key(first_text) == _key(description):
            # The page's standfirst survived extraction as a subheading: relabel it.
            body[0] = ("standfirst", first_text)
        elif not _key(first_text).startswith(_key(_ELLIPSIS.sub("", description))):
            standfirst_line = description
        # else: the description only repeats the opening paragraph (a common SEO
        # summary), so it is not a standfirst and the lede stays scored as body copy.

    # (kind, text, whether it came from the metadata rather than the extracted article)
    parts: list[tuple[str, str, bool]] = []
    if title:
        parts.append(("headline", title, True))
    if standfirst_line:
        parts.append(("standfirst", standfirst_line, True))
    parts.extend((kind, chunk, False) for kind, chunk in body)

    text = ""
    blocks: list[Block] = []
    for kind, chunk, _ in parts:
        if text:
            text += "\n\n"
        blocks.append(Block(len(text), len(text) + len(chunk), kind))
        text += chunk
    text += "\n"

    title_span = next((Span(b.start, b.end) for b in blocks if b.kind == "headline"), None)
    standfirst_block = next((b for b in blocks if b.kind == "standfirst"), None)
    standfirst_span = None
    standfirst = None
    if standfirst_block is not None:
        standfirst_span = Span(standfirst_block.start, standfirst_block.end)
        standfirst = text[standfirst_block.start : standfirst_block.end]
    return Loaded(
        text=text,
        source=source,
        format="html",
        title=title,
        title_span=title_span,
        standfirst=standfirst,
        standfirst_span=standfirst_span,
        byline=byline,
        date=date,
        blocks=tuple(blocks),
        source_map=locate(html, text, blocks, [metadata for _, _, metadata in parts]),
        genre_hints=from_page(
            html,
            getattr(meta, "categories", None) or (),
            getattr(meta, "url", None),
        ),
    )


def _too_deep(parser: HTMLParser) -> bool:
    """Whether libxml2 stopped the last parse at its depth limit, dropping what lay below."""
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def _parse_deep(html: str, source: str) -> _Element:
    """Parse again with libxml2's limit raised from 256 to 2,048 levels of nesting.

    Generated pages sometimes nest a few hundred <div>s; lxml then silently keeps only
    the outer levels, and the article would seem to be missing. Deeper than 2,048 is
    refused by name rather than reported as a page with no article.
    """
    from lxml.html import HTMLParser, fromstring

    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    if _too_deep(parser):
        raise ScorerError(
            "the HTML nests elements more than 2,048 levels deep, past what the HTML "
            "parser reads; the article cannot be found",
            path=source,
        )
    return tree


def _cannot_extract(error: Exception, source: str) -> ScorerError:
    return ScorerError(
        f"could not extract the article from the HTML: {type(error).__name__}", path=source
    )


def _prune_furniture(tree: _Element) -> None:
    """Remove donation, membership and subscription boxes before extraction sees them."""
    total = _text_length(tree)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        names = " ".join(element.get(a, "") for a in _FURNITURE_ATTRIBUTES)
        if not _FURNITURE.search(names):
            continue
        # A box is small. An element holding the headline or a third of the page's text
        # is a wrapper whose class merely mentions the word ("has-donation-banner").
        if element.find(".//h1") is not None or 3 * _text_length(element) > total:
            continue
        _remove_keeping_tail(element)


def _text_length(element: _Element) -> int:
    texts = element.xpath(".//text()[not(ancestor::script or ancestor::style)]")
    return sum(len(t.strip()) for t in texts)


def _remove_keeping_tail(element: _Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _collect(element: _Element, out: list[tuple[str, str]]) -> None:
    """Append (kind, text) for each paragraph-level block under `element`, in order."""
    children = [c for c in element if isinstance(c.tag, str)]
    if all(c.tag in _INLINE for c in children):
        text = _flatten(element)
        if text:
            out.append(("heading" if element.tag == "head" else "body", text))
        return
    # A container (main, list, quote): text loose between its blocks is a block of its own.
    _append_loose(element.text, out)
    for child in children:
        _collect(child, out)
        _append_loose(child.tail, out)


def _append_loose(text: str | None, out: list[tuple[str, str]]) -> None:
    cleaned = _clean(text)
    if cleaned:
        out.append(("body", cleaned))


def _flatten(element: _Element) -> str:
    """The element's text with <lb/> as a newline, each line's whitespace collapsed."""
    pieces: list[str] = []

    def walk(node: _Element) -> None:
        pieces.append(node.text or "")
        for child in node:
            if child.tag == "lb":
                pieces.append("\n")
            elif isinstance(child.tag, str):
                walk(child)
            pieces.append(child.tail or "")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _is_headline_with_site(title: str, heading: str) -> bool:
    title_key, heading_key = _key(title), _key(heading)
    return title_key.startswith(heading_key) and bool(
        _SITE_SUFFIX.match(title_key, len(heading_key))
    )


def _clean(value: object) -> str | None:
    """A metadata string with its whitespace collapsed, or None when there is none."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _key(text: str) -> str:
    """Comparison form: headline and description copies differ in case, quotes and spaces."""
    return " ".join(normalise(text).casefold().split())
