"""Genre: news, analysis, opinion, letters, press release or brief, and what says so.

The rules expect different things of each: a column is not news and is not scored as news,
a letters page has no right of reply to give, a press release is its issuer's own statement
("We filed a petition" is sourced: to the issuer), a brief has no room for quotes. The genre
is decided in this order, the first that speaks winning:

1. the user (`--genre`, the config's `genre`), then the source's own declaration (a
   Markdown file's front matter `genre:`);
2. the page's metadata (schema.org `@type` such as `OpinionNewsArticle`, `articleSection`,
   the URL's section: `/commentisfree/`, `/letters/`), kept by the loader as hints;
3. the text: a kicker line ("Opinion:", "ANALYSIS"), a release's furniture ("FOR IMMEDIATE
   RELEASE", "Media contact:", "###"), a letter's salutation ("To the Editor:"), a
   columnist's first person; else news, or a brief when the copy is short.

The answer carries its evidence: where it came from and, for the text, the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.load.document import Document

# What `scorer check` gates unless told otherwise: news in every length (a brief is short
# news, and leaving it out would let any story under 150 words through).
GATED = ("news", "analysis", "brief")
SCORED_AS_NEWS = ("news", "analysis", "brief")
BRIEF_WORDS = 150  # copy this short is a brief, unless something else says otherwise

_LINE = r"^[^\S\n]{0,8}"  # the start of a line, its indent
# Lines that name a genre, each with where it is read: "head" (a kicker or a salutation,
# above the copy) or "tail" (a release's furniture, a columnist's bio line, at the foot).
# A lone "Comment" or "Letters" line is site furniture (a share bar, a footer link): a
# kicker with no colon must be a word only a kicker is.
_LINES = (
    (
        "press_release",
        ("head", "tail"),
        re.compile(
            _LINE + r"(?:FOR IMMEDIATE RELEASE|(?:PRESS|NEWS|MEDIA) RELEASE"
            r"|(?:Press|News|Media) [Rr]elease)\b"
            r"|" + _LINE + r"(?:Media|Press|Investor) (?:[Cc]ontacts?|[Ee]nquiries|[Ii]nquiries)\b"
            r"|" + _LINE + r"#{3}[^\S\n]{0,8}$"
            r"|/(?:PRNewswire|PRNewswire-FirstCall|GLOBE NEWSWIRE|Business Wire)/",
            re.M,
        ),
    ),
    (
        "letters",
        ("head",),
        re.compile(
            _LINE + r"(?:To the [Ee]ditor|Dear [Ee]ditor|Letters? to the [Ee]ditor"
            r"|LETTERS? TO THE EDITOR)\b",
            re.M,
        ),
    ),
    (
        "opinion",
        ("head",),
        re.compile(
            _LINE + r"(?:(?:Opinion|OPINION|Comment|COMMENT|Column|COLUMN)[^\S\n]{0,3}[:|–—-]"
            r"|(?:Opinion|OPINION|Editorial|EDITORIAL|Op-[Ee]d|OP-ED)[^\S\n]{0,8}"
            r"(?:[:|–—-]|$))"
            r"|\b[Tt]he views expressed (?:here|in this (?:article|column|piece|commentary)) are",
            re.M,
        ),
    ),
    (
        "opinion",
        ("tail",),
        # A columnist's bio line at the foot: "Jane Roe is a columnist for the Post."
        re.compile(
            _LINE + r"[A-Z][\w.'’-]{0,30}(?:[^\S\n][A-Z][\w.'’-]{0,30}){0,3}[^\S\n]is an?"
            r"[^\S\n](?:columnist|opinion writer|contributing (?:writer|columnist|opinion writer))"
            r"\b|\b[Tt]he views expressed (?:here|in this (?:article|column|piece|commentary)) are",
            re.M,
        ),
    ),
    (
        "analysis",
        ("head",),
        re.compile(
            _LINE + r"(?:News [Aa]nalysis|NEWS ANALYSIS|Analysis|ANALYSIS)"
            r"[^\S\n]{0,8}(?:[:|–—-]|$)",
            re.M,
        ),
    ),
)
_HEAD = 600  # a kicker or salutation sits at the top: characters read for those
_TAIL = 1_500  # a release's furniture sits at the foot: characters read for it
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|myself)\b")
# "Title I", "World War I", "Phase I": the Roman numeral, not the writer.
_NUMERAL_BEFORE = frozenset(
    "title war phase part chapter section class type division league round level stage "
    "grade category article schedule appendix volume act tier".split()
)
_FIRST_PERSON_PER_1000 = 12  # a columnist's rate outside quotes; a news story's is near 0
_FIRST_PERSON_MIN = 8


@dataclass(frozen=True)
class Genre:
    name: str  # one of scorer.load.genre_hints.GENRES
    by: str  # "user", "front matter", "page metadata", "text" or "default"
    evidence: str = ""  # what said so: the words, the metadata value, the setting
    start: int = 0  # where the words are, for a genre the text gave
    end: int = 0

    @property
    def title(self) -> str:
        return self.name.replace("_", " ")

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "by": self.by, "evidence": self.evidence}


def decide(doc: Document, words: int, stated: str | None = None) -> Genre:
    """The document's genre: `stated` (the user's) first, then the source's, the text's."""
    if stated:
        return Genre(stated, "user", f"genre = {stated}")
    for name, by, evidence in doc.genre_hints:
        return Genre(name, by, evidence)
    found = _from_text(doc, words)
    if found is not None:
        return found
    if words < BRIEF_WORDS:
        return Genre("brief", "text", f"{words} words of copy")
    return Genre("news", "default")


def _from_text(doc: Document, words: int) -> Genre | None:
    text = doc.text
    tail_start = max(0, len(text) - _TAIL)
    parts = {"head": (0, text[:_HEAD]), "tail": (tail_start, text[tail_start:])}
    for name, places, pattern in _LINES:
        for where, chunk in (parts[place] for place in places):
            match = pattern.search(chunk)
            if match is not None and _in_copy_or_display(doc, where + match.start()):
                start, end = where + match.start(), where + match.end()
                return Genre(name, "text", " ".join(text[start:end].split()), start, end)
    return _columnist(doc, words)


def _in_copy_or_display(doc: Document, offset: int) -> bool:
    """Not inside a direct quote: a story quoting "I am writing to the editor" is not a letter."""
    return not any(q.start <= offset < q.end for q in doc.quotes)


def _columnist(doc: Document, words: int) -> Genre | None:
    """Opinion when the writer says "I" at a columnist's rate (direct quotes left out)."""
    if not words:
        return None
    quoted = [(q.start, q.end) for q in doc.quotes]
    count, first = 0, None
    index = 0
    for sentence in doc.copy_sentences:
        for match in _FIRST_PERSON.finditer(doc.text, sentence.start, sentence.end):
            while index < len(quoted) and quoted[index][1] <= match.start():
                index += 1
            if index < len(quoted) and quoted[index][0] <= match.start():
                continue
            if match.group() == "I" and _numeral(doc.text, match.start(), match.end()):
                continue
            count += 1
            first = first or match
    if count >= _FIRST_PERSON_MIN and 1000 * count / words >= _FIRST_PERSON_PER_1000:
        assert first is not None
        evidence = f"the writer's first person, {count} times outside quotes"
        return Genre("opinion", "text", evidence, first.start(), first.end())
    return None


def _numeral(text: str, start: int, end: int) -> bool:
    """Whether an "I" is a Roman numeral: after "Title", "War", "Phase"..., or before a
    hyphen, a bracket or a digit ("I-95", "I)")."""
    if text[end : end + 1] in ("-", ")", "–") or text[end : end + 1].isdigit():
        return True
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower().strip(",.") in _NUMERAL_BEFORE
