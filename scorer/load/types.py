"""What a format loader hands to segmentation: the analysed text and what the format knows."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.load.directives import Directive
from scorer.load.document import Span

BLOCK_KINDS = ("headline", "standfirst", "heading", "body")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level block the source format defines (a Markdown paragraph, an HTML <p>).

    `kind` is one of BLOCK_KINDS. Segmentation splits a block into sentences without
    treating its inner newlines as boundaries (Markdown paragraphs are hard-wrapped).
    """

    start: int
    end: int
    kind: str = "body"


@dataclass(frozen=True)
class Loaded:
    """One source decoded and reduced to prose.

    `text` is what the detectors read. For .txt and .md it has exactly the length of the
    decoded file and the same characters at every prose position (markup is replaced by
    spaces, newlines kept), so offsets and line:column are those of the file.
    `blocks` is None when the format has no block structure of its own (plain text):
    segmentation then finds paragraphs itself.
    `directives` are the inline `<!-- scorer: ... -->` comments (see scorer.load.directives),
    found in the source before its markup was blanked; always empty for HTML.
    """

    text: str
    source: str
    format: str  # "text" | "markdown" | "html"
    title: str | None = None
    title_span: Span | None = None
    standfirst: str | None = None
    standfirst_span: Span | None = None
    byline: str | None = None
    date: str | None = None
    blocks: tuple[Block, ...] | None = None
    directives: tuple[Directive, ...] = ()
