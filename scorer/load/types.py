"""What a format loader hands to segmentation: the analysed text and what the format knows."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.load.document import Prose

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
class Loaded(Prose):
    """One source decoded and reduced to prose (scorer.load.document.Prose), with the
    blocks of its format. `blocks` is None when the format has no block structure of its
    own (plain text): segmentation then finds paragraphs itself."""

    blocks: tuple[Block, ...] | None = None
