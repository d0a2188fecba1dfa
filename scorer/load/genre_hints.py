"""What a source says of its own genre: a page's metadata, a Markdown file's front matter.

Hints are (genre, by, evidence) triples, most trusted first; scorer.detectors.genre takes
the first, and reads the text only when there is none. A page declares its genre in
schema.org (`"@type": "OpinionNewsArticle"`, `"articleSection": "Opinion"`), Open Graph
(`article:section`) or its URL's sections (`/commentisfree/`, `/letters/`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from scorer.errors import ScorerError

Hint = tuple[str, str, str]

GENRES = ("news", "analysis", "opinion", "letters", "press_release", "brief")

_SCHEMA_TYPES = {
    "OpinionNewsArticle": "opinion",
    "ReviewNewsArticle": "opinion",
    "Review": "opinion",
    "AnalysisNewsArticle": "analysis",
    "BackgroundNewsArticle": "analysis",
    "ReportageNewsArticle": "news",
}
_TYPE = re.compile(r""""@type"[^\S\n]{0,5}:[^\S\n]{0,5}\[?[^\S\n]{0,5}"([A-Za-z]{1,40})\"""")
# A section name or URL segment, lower-cased, and the genre it names.
_SECTIONS = (
    ("letters", re.compile(r"\bletters?\b|letters-to-the-editor|\bleserbriefe\b")),
    (
        "opinion",
        re.compile(
            r"\bopinions?\b|\bcomment\b|commentisfree|\bcolumns?\b|\bcolumnists?\b|\beditorials?\b"
            r"|\bop-?eds?\b|\bviews?points?\b|\bperspectives?\b"
        ),
    ),
    ("analysis", re.compile(r"\b(?:news-)?analysis\b|\bexplainers?\b")),
    ("press_release", re.compile(r"press[- ]releases?|news[- ]releases?|\bpressroom\b")),
)
_LIMIT = 2_000_000  # characters of the page searched for JSON-LD


def from_page(html: str, sections: Iterable[str], url: str | None) -> tuple[Hint, ...]:
    """The genres a page declares, most specific first: schema type, section, URL."""
    hints: list[Hint] = []
    for match in _TYPE.finditer(html, 0, _LIMIT):
        genre = _SCHEMA_TYPES.get(match.group(1))
        if genre:
            hints.append((genre, "page metadata", f'schema.org @type "{match.group(1)}"'))
            break
    for section in sections:
        genre = _section(section)
        if genre:
            hints.append((genre, "page metadata", f'section "{section}"'))
            break
    if url:
        path = urlsplit(url).path
        for segment in path.lower().split("/")[:-1]:  # the last is the story's own slug
            genre = _section(segment)
            if genre:
                hints.append((genre, "page metadata", f"URL section /{segment}/"))
                break
    return tuple(hints)


def _section(name: str) -> str | None:
    lowered = name.lower()[:200]
    return next((genre for genre, pattern in _SECTIONS if pattern.search(lowered)), None)


def from_front_matter(value: object, source: str) -> tuple[Hint, ...]:
    """`genre: opinion` in front matter: a declaration, checked like any input."""
    if value is None:
        return ()
    name = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if name not in GENRES:
        raise ScorerError(
            f"front matter genre {str(value)!r} is not one of {', '.join(GENRES)}",
            path=source,
            line=1,
        )
    return ((name, "front matter", f"genre: {value}"),)
