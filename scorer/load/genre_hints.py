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
# A schema.org type, or a list of them: `"@type": "NewsArticle"`, `"@type": ["A", "B"]`.
_TYPE = re.compile(r""""@type"\s{0,5}:\s{0,5}(\[[^\]]{0,300}\]|"[A-Za-z]{1,40}")""")
_NAME = re.compile(r'"([A-Za-z]{1,40})"')
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
    # The page's own article is the first typed as one; a later "OpinionNewsArticle" in a
    # list of related stories says nothing of this page.
    for match in _TYPE.finditer(html, 0, _LIMIT):
        types = _NAME.findall(match.group(1))
        if not any(t.endswith(("Article", "Review", "Report", "Posting")) for t in types):
            continue  # a WebPage, an Organization, a BreadcrumbList...
        found = next((t for t in types if t in _SCHEMA_TYPES), None)
        if found is not None:
            hints.append((_SCHEMA_TYPES[found], "page metadata", f'schema.org @type "{found}"'))
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


# Front matter values that name a genre in other words.
_SYNONYMS = {
    "review": "opinion",
    "commentary": "opinion",
    "comment": "opinion",
    "column": "opinion",
    "editorial": "opinion",
    "op_ed": "opinion",
    "letter": "letters",
    "letters_to_the_editor": "letters",
    "explainer": "analysis",
    "news_analysis": "analysis",
    "release": "press_release",
    "press": "press_release",
    "report": "news",
}


def from_front_matter(value: object, source: str) -> tuple[Hint, ...]:
    """`genre: opinion` in front matter, or a synonym (`review`, `column`, `explainer`).
    A site's own `genre:` of another kind ("feature", "jazz") says nothing the rules
    know: it is left to the other hints, not refused."""
    if not isinstance(value, str):
        return ()
    name = value.strip().lower().replace(" ", "_").replace("-", "_")
    name = _SYNONYMS.get(name, name)
    if name not in GENRES:
        return ()
    return ((name, "front matter", f"genre: {value.strip()}"),)
