"""The Document: one article as one text, and the spans found in it.

Every span is a half-open pair of character offsets into `Document.text`. For `.txt` and
`.md` input that text is the decoded file itself (Markdown syntax blanked out, never
removed), so an offset maps straight back to a line and column of the file. For HTML it
is the extracted article text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
import re

# Curly quotes, primes and apostrophes become their straight forms: one character for one
# character, so a match in `Document.norm` has the same offsets as in `Document.text`.
_NORMALISE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def normalise(text: str) -> str:
    """Same-length copy of `text` with curly quotes and apostrophes made straight."""
    return text.translate(_NORMALISE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text. `kind` is headline, standfirst, heading or body."""

    start: int
    end: int
    index: int
    kind: str = "body"
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    index: int
    paragraph: int
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start`/`end` include the marks, `inner_*` do not.

    `closed` is False when the paragraph ended before a closing mark (news style for a
    quote that runs on into the next paragraph); the quote then stops at the paragraph end.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    closed: bool = True


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Site furniture (donation appeal, subscription box...): kept in the text, not scored."""

    start: int
    end: int
    pattern: str


@dataclass(frozen=True)
class Document:
    text: str
    source: str = "<text>"
    format: str = "text"
    title: str | None = None
    title_span: Span | None = None
    standfirst: str | None = None
    standfirst_span: Span | None = None
    byline: str | None = None
    date: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    quotes: tuple[Quote, ...] = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    norm: str = field(default="", repr=False)
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.norm:
            object.__setattr__(self, "norm", normalise(self.text))
        if not self._line_starts:
            object.__setattr__(self, "_line_starts", line_starts(self.text))

    def slice(self, span: Span | Paragraph | Sentence | Token | Quote | Boilerplate) -> str:
        return self.text[span.start : span.end]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of `offset`; CRLF, CR and LF all end a line."""
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @property
    def copy_sentences(self) -> tuple[Sentence, ...]:
        """The sentences that are article copy: not boilerplate, headline or standfirst."""
        body = {p.index for p in self.paragraphs if p.kind in ("body", "heading")}
        return tuple(s for s in self.sentences if not s.boilerplate and s.paragraph in body)

    @property
    def word_count(self) -> int:
        """Words of copy (no boilerplate, headline or standfirst), counted from the tokens."""
        copy = {s.index for s in self.copy_sentences}
        return sum(1 for t in self.tokens if t.sentence in copy and self.text[t.start].isalnum())


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each line begins; `\\r\\n` counts as one line break, as does a lone `\\r`."""
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
