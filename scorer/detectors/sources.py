"""Sources: what kind of source a noun phrase names (design.md `source.type`).

"Mr Labwani" is a named_person, "the regime" and "Damascus" a named_organization,
"Reuters" and "Syrian state television" a named_outlet, "the report" a document,
"a Western diplomatic official" and "opposition sources" anonymous, "critics" and "some"
vague, "I" and "we" outside a quote self. A pronoun takes the type of the last named
person (or organisation) it can point to; that mention goes in `resolved`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from scorer.load.document import normalise
from scorer.resources import read_toml, rules_dir

_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[\w]+(?:[-'.][\w]+)*")
_PREPOSITIONS = frozenset(["of", "by", "from", "at", "for", "in", "with", "on", "inside", "within"])
_DETERMINERS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their"]
)


@dataclass(frozen=True)
class Words:
    anonymous: frozenset[str]
    not_descriptions: frozenset[str]
    vague: frozenset[str]
    document: frozenset[str]
    organization: frozenset[str]
    places: frozenset[str]
    acronyms: frozenset[str]
    outlets: frozenset[str]
    outlet_heads: frozenset[str]
    media_modifiers: frozenset[str]
    titles: frozenset[str]
    pronouns: frozenset[str]
    people: frozenset[str]


@cache
def words() -> Words:
    data = read_toml(rules_dir() / "lexicons" / "sources.toml")

    def of(table: str, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[table][key])

    return Words(
        anonymous=of("anonymous", "nouns"),
        not_descriptions=of("anonymous", "not_descriptions"),
        vague=of("vague", "nouns"),
        document=of("document", "nouns"),
        organization=of("organization", "nouns"),
        places=of("organization", "places"),
        acronyms=of("organization", "acronyms"),
        outlets=of("outlet", "names"),
        outlet_heads=of("outlet", "heads"),
        media_modifiers=of("outlet", "media_modifiers"),
        titles=of("person", "titles"),
        pronouns=of("person", "pronouns"),
        people=of("person", "nouns"),
    )


@dataclass
class Context:
    """The named mentions seen so far in the document, for resolving pronouns."""

    last_person: dict[str, Any] | None = None
    last_organization: dict[str, Any] | None = None

    def remember(self, source: dict[str, Any]) -> None:
        if source["type"] == "named_person" and "resolved" not in source:
            self.last_person = source
        elif source["type"] in ("named_organization", "named_outlet") and "resolved" not in source:
            self.last_organization = source


def classify(text: str, *, in_quote: bool = False) -> tuple[str, bool]:
    """(source type, described) for the words of a source phrase.

    `described` says whether an anonymous source carries a description beyond
    quantifiers ("opposition sources" yes, "multiple sources" no).
    """
    w = words()
    text = normalise(text)  # "a’If" must split into words as "a'If" does
    lowered = " ".join(text.lower().split())
    tokens = _WORD.findall(text)
    if not tokens:
        return "agentless", False
    low = [t.lower() for t in tokens]
    if len(low) == 1 and low[0] in w.pronouns:
        if low[0] in ("i", "we") and not in_quote:
            return "self", True
        return "pronoun", True
    if lowered in w.outlets or _strip_article(lowered) in w.outlets:
        return "named_outlet", True
    # The head noun comes before any prepositional phrase: "a report by the UN" is a report.
    cut = next((n for n, t in enumerate(low) if n and t in _PREPOSITIONS), len(low))
    head = low[cut - 1]
    if _is_media(low[:cut], w):
        return "named_outlet", True
    if lowered in w.places or _strip_article(lowered) in w.places:
        return "named_organization", True
    capitalised = [t for t in tokens if t[0].isupper() and t.lower() not in _DETERMINERS]
    names = [t for t in capitalised if t.lower() not in w.titles]
    if head in w.document:
        return "document", True
    if any(
        t.lower() in w.acronyms or (t.isupper() and len(t) >= 2) for t in tokens
    ) and not _person_like(tokens, w):
        return "named_organization", True
    if head in w.organization or any(t.lower() in w.organization for t in capitalised):
        if head in w.anonymous:
            return "anonymous", True  # "a Foreign Ministry official"
        return "named_organization", True
    if head in w.anonymous:
        described = cut < len(low) or any(t not in w.not_descriptions for t in low[: cut - 1])
        return "anonymous", described
    if head in w.vague or low[0] in w.vague:
        if cut < len(low) and any(t[0].isupper() for t in tokens[cut:]):
            return "anonymous", True  # "analysts at Goldman Sachs": unnamed, but placed
        return "vague", False
    if names:
        return "named_person", True
    if low[0] in _DETERMINERS:
        # "the general", "the minister": a short reference back to someone named.
        return "pronoun", True
    return "vague", False


def _strip_article(lowered: str) -> str:
    return lowered[4:] if lowered.startswith("the ") else lowered


def _is_media(low: list[str], w: Words) -> bool:
    """'Syrian state television', 'local media', 'the news agency'."""
    if len(low) >= 2 and " ".join(low[-2:]) in w.outlet_heads:
        return True
    return low[-1] in w.outlet_heads and any(t in w.media_modifiers for t in low[:-1])


def _person_like(tokens: list[str], w: Words) -> bool:
    return any(t.lower() in w.titles for t in tokens[:1]) and len(tokens) >= 2


_NAME_PART = r"(?:[A-Z][\w'-]+|(?:al|el|bin|ibn|abu|de|van|von|da|di)-[A-Z][\w'-]+)"


@cache
def _titled_name() -> re.Pattern[str]:
    titles = "|".join(
        sorted((re.escape(t.capitalize()) for t in words().titles), key=len, reverse=True)
    )
    return re.compile(rf"\b(?:{titles})\.?\s+((?:{_NAME_PART}\s+){{0,2}}{_NAME_PART})")


def named_people(text: str, start: int, end: int) -> list[dict[str, Any]]:
    """People named with a title in text[start:end] ('Gen Habib', 'President Bashar al-Assad'),
    as sources, for pronoun resolution. Bare capitalised runs are not taken: 'World War
    Three' is no person."""
    w = words()
    found = []
    for match in _titled_name().finditer(text, start, end):
        name = match.group(1)
        if name.split()[0].lower() in w.titles or any(
            p.lower() in w.organization for p in name.split()
        ):
            continue
        found.append(
            {
                "start": match.start(),
                "end": match.end(),
                "text": match.group(),
                "type": "named_person",
            }
        )
    return found


def resolve(source: dict[str, Any], context: Context) -> dict[str, Any]:
    """Give a pronoun or a short reference the type of the mention it points to."""
    if source["type"] != "pronoun":
        return source
    word = source["text"].lower()
    target = context.last_organization if word in ("it", "they") else context.last_person
    if word == "they" and target is None:
        target = context.last_person
    if target is None:
        return {**source, "type": "vague" if word == "they" else "anonymous"}
    resolved = {"start": target["start"], "end": target["end"], "text": target["text"]}
    return {**source, "type": target["type"], "resolved": resolved}
