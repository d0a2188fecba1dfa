"""The Document: one article as one text, and the spans found in it.

Every span is a half-open pair of character offsets into `Document.text`. For `.txt` and
`.md` input that text is the decoded file itself (Markdown syntax blanked out, never
removed), so an offset maps straight back to a line and column of the file. For HTML it
is the extracted article text, and its `source_map` (scorer.load.positions) says where in
the page each block was found: `line_col` answers with the page's line and column there,
and with the extracted text's (`text_line_col`) for a block the page did not give back.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple, overload

if TYPE_CHECKING:
    from scorer.load.directives import Directive
    from scorer.load.positions import SourceMap

# Curly quotes, primes and apostrophes become their straight forms: one character for one
# character, so a match in `Document.norm` has the same offsets as in `Document.text`.
_NORMALISE = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201a", "'"),
    ("\u201b", "'"),
    ("\u2032", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u201f", '"'),
    ("\u2033", '"'),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
    ("\u00a0", " "),
    ("\u2009", " "),
    ("\u202f", " "),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Abbreviations, numbers with separators, words with inner hyphens or apostrophes, and
# single punctuation marks. Linear: no nested quantifiers over overlapping classes.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*%?|\w+(?:[-'\u2019]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")


def normalise(text: str) -> str:
    """Same-length copy of `text` with curly quotes and apostrophes made straight."""
    # A chain of str.replace is ~15x faster than str.translate with a mapping on long text.
    for curly, straight in _NORMALISE:
        if curly in text:
            text = text.replace(curly, straight)
    return text


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


class Token(NamedTuple):
    """A word or punctuation mark. A named tuple: a megabyte holds ~200,000 of them."""

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
class Prose:
    """A source as text, with what its format knows of it: what loading hands on.

    `text` is what the detectors read. For .txt and .md it has exactly the length of the
    decoded file and the same characters at every prose position (markup is replaced by
    spaces, newlines kept), so offsets and line:column are those of the file.
    `directives` are the inline `<!-- scorer: ... -->` comments of a .md or .txt source
    (scorer.load.directives), found before its markup was blanked: the audit sets aside
    the findings they cover. Always empty for HTML.
    """

    text: str
    source: str = "<text>"
    format: str = "text"  # "text" | "markdown" | "html"
    title: str | None = None
    title_span: Span | None = None
    standfirst: str | None = None
    standfirst_span: Span | None = None
    byline: str | None = None
    date: str | None = None
    directives: tuple[Directive, ...] = ()
    # What the source says of its genre: (genre, by, evidence), most trusted first
    # (scorer.load.genre_hints); the detectors decide when it says nothing.
    genre_hints: tuple[tuple[str, str, str], ...] = ()
    # HTML only: where each block of `text` was found in the page (None for .txt and .md,
    # whose text is the file).
    source_map: SourceMap | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Document(Prose):
    """The Prose segmented: paragraphs, sentences, quotes and boilerplate, as spans."""

    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    norm: str = field(default="", repr=False)
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.norm:
            object.__setattr__(self, "norm", normalise(self.text))
        if not self._line_starts:
            object.__setattr__(self, "_line_starts", line_starts(self.text))

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding `offset` (or the last one starting before it)."""
        sentences = self.sentences
        lo, hi = 0, len(sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def slice(self, span: Span | Paragraph | Sentence | Token | Quote | Boilerplate) -> str:
        return self.text[span.start : span.end]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) in the source file of the character at
        `offset`: what points into the file (annotations, SARIF, `--diff`, `path:line:col`).

        For .txt and .md, `text_line_col`. For an HTML page, where that character was found
        in the page; for a block the page did not give back (see `located`), and between
        blocks, the extracted text's line and column instead.
        """
        if self.source_map is not None:
            found = self.source_map.file_span(offset)
            if found is not None:
                return self.source_map.line_col(found[0])
        return self.text_line_col(offset)

    def text_line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of `offset` in `text`, as a report that
        prints the text numbers its lines; CRLF, CR and LF all end a line."""
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def file_span(self, start: int, end: int) -> Span | None:
        """The span's characters in the decoded source file: the same offsets for .txt and
        .md; for an HTML page, from where its first character was found to just past its
        last (cut at the end of the block it starts in: SourceMap.span), or None when the
        page did not give back both or was not mapped. An empty span: its start."""
        if self.source_map is None:
            return None if self.format == "html" else Span(start, end)
        found = self.source_map.span(start, end)
        return None if found is None else Span(*found)

    def file_line_col(self, file_offset: int) -> tuple[int, int]:
        """1-based line and column of an offset into the decoded source file."""
        if self.source_map is None:
            return self.text_line_col(file_offset)
        return self.source_map.line_col(file_offset)

    def file_text(self, span: Span) -> str:
        """The source file's characters in `span` (a `file_span`): for an HTML page the
        markup and entities as written; for .md the text with its markup blanked out."""
        if self.source_map is None:
            return self.text[span.start : span.end]
        return self.source_map.source[span.start : span.end]

    def located(self, start: int, end: int) -> bool | None:
        """Whether `line_col` puts the span in the file: None for .txt and .md (their text
        is the file), True when an HTML page gave back the span, False when its positions
        are the extracted text's."""
        if self.source_map is None and self.format != "html":
            return None
        return self.file_span(start, end) is not None

    def place(self, start: int, end: int) -> tuple[int, int, bool | None]:
        """A finding's line, column and `located`: the file's place for a located span,
        else the extracted text's (never a start in one and an end in the other)."""
        located = self.located(start, end)
        line, column = self.text_line_col(start) if located is False else self.line_col(start)
        return line, column, located

    @cached_property
    def copy_sentences(self) -> tuple[Sentence, ...]:
        """The sentences that are article copy: not boilerplate, headline or standfirst."""
        body = {p.index for p in self.paragraphs if p.kind in ("body", "heading")}
        return tuple(s for s in self.sentences if not s.boilerplate and s.paragraph in body)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def quote_at(self, offset: int) -> Quote | None:
        """The quote whose inner text holds `offset` (quotes are sorted and never overlap)."""
        n = bisect_right(self._quote_starts, offset) - 1
        if n >= 0 and self.quotes[n].inner_start <= offset < self.quotes[n].inner_end:
            return self.quotes[n]
        return None

    def quotes_around(self, start: int, end: int) -> tuple[Quote | None, Quote | None]:
        """The last quote ending at or before `start` and the first starting at or after `end`."""
        starts = self._quote_starts
        n = bisect_right(starts, start) - 1
        while n >= 0 and self.quotes[n].end > start:
            n -= 1
        m = bisect_right(starts, end - 1)
        while m < len(starts) and starts[m] < end:
            m += 1
        return (self.quotes[n] if n >= 0 else None, self.quotes[m] if m < len(starts) else None)

    @cached_property
    def tokens(self) -> Tokens:
        """Words and punctuation marks of every sentence, with offsets.

        Made on first use: the detectors mostly match phrases in `norm` instead.
        """
        return Tokens.of(self.text, self.sentences)

    @cached_property
    def word_count(self) -> int:
        """Words of copy: no boilerplate, headline or standfirst."""
        text, pattern = self.text, _WORD
        return sum(1 for s in self.copy_sentences for _ in pattern.finditer(text, s.start, s.end))


class Tokens(Sequence[Token]):
    """All tokens of a document, stored as flat arrays; each Token is made when read.

    A megabyte holds ~200,000 tokens: as arrays of offsets they cost half the time and a
    tenth of the memory of as many objects.
    """

    __slots__ = ("_sentence", "_spans")

    def __init__(self, spans: array[int], sentence: array[int]) -> None:
        self._spans = spans  # start0, end0, start1, end1, ...
        self._sentence = sentence

    @classmethod
    def of(cls, text: str, sentences: Iterable[Sentence]) -> Tokens:
        spans, owner = array("q"), array("q")
        for sentence in sentences:
            found = [
                x for m in _TOKEN.finditer(text, sentence.start, sentence.end) for x in m.span()
            ]
            spans.extend(found)
            owner.extend(repeat(sentence.index, len(found) // 2))
        return cls(spans, owner)

    def __len__(self) -> int:
        return len(self._sentence)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("token index out of range")
        return Token(self._spans[2 * index], self._spans[2 * index + 1], self._sentence[index])

    def __iter__(self) -> Iterator[Token]:
        spans = iter(self._spans)
        return map(Token, spans, spans, self._sentence)


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each line begins; `\\r\\n` counts as one line break, as does a lone `\\r`."""
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
