"""Entities: one source, however many times and however differently the copy names it.

Mentions are met in text order: every source of an attribution, and the named people,
organisations and outlets, documents and unnamed sources the copy mentions on the way
("Prime Minister David Okonkwo visited the town", "Rolls-Royce issued a statement"). A
name is one entity wherever it recurs ("Mark Fenton", later "Mr Fenton"); an appositive
names one entity and describes it ("The prime minister, Boris Johnson"); a pronoun or a
short reference is the most recent compatible mention: "he" and "she" a person, "it" an
organisation, outlet or document, "they" a group or an organisation, "the spokesman" or
"the minister" the person so described, "the officials" the officials met before, "the
company" or "the ministry" an organisation ("the ministry" one with "Ministry" in its
name, if any), "the paper" an outlet, "the statement" a document. A spokesperson or
official of an organisation ("a hospital spokeswoman", "officials at the institution",
"its chief executive") speaks for the organisation named before: they are its entity.

The entities themselves are kept by scorer.detectors.registry: `Registry.typed` gives a
source phrase its type in place, resolved; `type_in_text` here does the same for a span of
any text (the bench and tests use it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scorer.detectors.registry import GROUPS, Entity, Registry
from scorer.detectors.source_types import Typed, type_phrase
from scorer.detectors.source_words import words
from scorer.load.document import Document, normalise
from scorer.signals import Signal

# A capitalised run: names, with the small words names hold ("Bank of England", "Ali
# al-Rahimi", "Marks & Spencer"), and a possessive's "'s".
_CAPITALISED = re.compile(
    r"(?:[A-Z][\w'’.-]*|&)(?:[^\S\r\n]+(?:(?:of|for|and|the|de|van|von|al|bin|on|in|&)"
    r"[^\S\r\n]+)*[A-Z][\w'’.-]*)*"
)  # a name never runs over a line end: a headline above it is not part of it
_OBJECT_VERBS = frozenset(
    "told tell tells telling asked ask asks accused thanked urged ordered warned".split()
)


# -- a span of any text ----------------------------------------------------------------------


def mentions_in(text: str, start: int, end: int) -> Iterable[tuple[int, int, str, str | None]]:
    """The named and described phrases of text[start:end] a later reference may point to,
    each with what the copy says of it just before ("Pentagon spokesman John Kirkland",
    "The minister, Claire Bamford"): capitalised runs, and noun phrases headed by a source
    or document word ("two council officials", "sources familiar with the deal")."""
    w = words()
    roles = w.roles | w.staff | w.titles
    for match in _CAPITALISED.finditer(text, start, end):
        opening = _opens(text, match.start())
        if opening and " " not in match.group() and not _named_opening(text, match):
            continue  # "Shares in...": a sentence's first word, capitalised as all are
        before = text[max(0, match.start() - 60) : match.start()]
        appositive = _APPOSITIVE_BEFORE.search(before)
        prefix: list[str] = []
        for word in reversed(before.split()[-3:]):  # the role words right before the name
            if word.lower().strip(",") not in roles or word.endswith(","):
                break
            prefix.insert(0, word)
        description = appositive.group(1) if appositive else " ".join(prefix) or None
        yield match.start(), match.end(), match.group(), description
    for match in _noun_phrases(w).finditer(text, start, end):
        yield match.start(1), match.end(1), match.group(1), None


def _opens(text: str, at: int) -> bool:
    """Whether `at` begins the text, a sentence or a quotation (white space between)."""
    before = at
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return before == 0 or text[before - 1] in ".!?:\"'"


# After a sentence's capitalised first word, what says it is a name: an appositive
# ("Barclays, the British bank,") or a verb ("Unilever reported", "Barclays expects").
_NAME_AFTER = re.compile(r",\s+(?:the|a|an)\s|\s+[a-z]+(?:s|ed)\b")


def _named_opening(text: str, match: re.Match[str]) -> bool:
    """A sentence's first word that names an organisation or outlet ("Unilever reported")."""
    return bool(_NAME_AFTER.match(text, match.end())) and type_phrase(match.group()).type in GROUPS


_APPOSITIVE_BEFORE = re.compile(r"\b((?:[Tt]he|[Aa]n?)\s+[\w'’ -]{2,40}?),\s*$")
# ... and right after it, up to the next comma: "Kamal al-Labwani, a Syrian dissident
# living in Paris, thinks".
_APPOSITIVE_AFTER = re.compile(r",\s+((?:the|an?)\s[^,;:.!?\"“”()]{2,80}),", re.IGNORECASE)


@functools.cache
def _noun_phrases(w: object) -> re.Pattern[str]:
    """Noun phrases headed by a source or document word, counted, quantified, or bare at
    a sentence's start: "two council officials", "sources familiar with the deal"."""
    lists = words()
    heads = "|".join(
        sorted(lists.document | lists.anonymous | lists.vague | lists.staff, key=len, reverse=True)
    )
    return re.compile(
        rf"(?:^|(?<=[.!?]\s)|\b(?=(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)\s))"
        rf"((?:[\w'’-]+\s+){{0,3}}?(?:{heads})\b"
        rf"(?:\s+(?:familiar|close|with|at|of|for|in|within|who)\b(?:\s+[\w'’-]+){{1,4}})?)",
        re.IGNORECASE,
    )


def type_in_text(text: str, start: int, end: int) -> str:
    """The type of the source named by text[start:end], read in place: what comes before
    it can resolve it, and a phrase in an object's place is no source ('told Harris')."""
    phrase = text[start:end]
    in_quote = text[start - 1 : start] in ("'", '"', "‘", "“")
    typed = type_phrase(phrase, in_quote=in_quote)
    before = normalise(text[:start]).split()
    if before and before[-1].lower().strip(",") in _OBJECT_VERBS:
        # "told Reuters": the outlet relays what the source said; "told Harris": no source
        return "named_outlet" if typed.type == "named_outlet" else "none"
    if re.match(r"['’](?:s\b|\s)", text[end : end + 2]):
        return "none"  # "Officials' salaries": a possessor, not a speaker
    registry = Registry()
    for m_start, m_end, found, description in sorted(mentions_in(text, 0, start)):
        mentioned = _described(type_phrase(found), description)
        registry.typed(m_start, m_end, found, mentioned, _rest_of_sentence(text, m_end))
    typed, _ = registry.typed(start, end, phrase, typed, _rest_of_sentence(text, end))
    return typed.type


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_AFTER = 200  # what follows a source that can still say something of it


def _rest_of_sentence(text: str, end: int) -> str:
    """The text after a source to its sentence's end (at most `_AFTER` characters: a
    search to the end of a long unpunctuated text for every source was quadratic)."""
    limit = min(len(text), end + _AFTER)
    stop = _SENTENCE_END.search(text, end, limit)
    return text[end : stop.start() if stop else limit]


def _described(typed: Typed, description: str | None) -> Typed:
    if description is None or typed.type not in ("named_person", "named_organization"):
        return typed
    return Typed(typed.type, head=typed.head, plural=typed.plural, name=typed.name,
                 description=description)  # fmt: skip


# -- a document's attributions --------------------------------------------------------------


def assign(doc: Document, attributions: Sequence[Signal]) -> tuple[list[Signal], list[Signal]]:
    """The attributions with their sources typed in place and resolved, each with its
    `entity`, and one `entity` signal per entity (its canonical name, type, description
    and the ids of the attributions that cite it). An attribution whose source words are
    no source at all ("October agreed", "STRESS:") is dropped: it is not one."""
    registry = Registry()
    position = 0
    kept: dict[int, Signal] = {}
    order = sorted(range(len(attributions)), key=lambda n: _source_start(attributions[n]))
    cited: dict[int, list[str]] = {}
    for n in order:
        signal = attributions[n]
        source = signal.fields.get("source") or {}
        start, end = source.get("start", 0), source.get("end", 0)
        if not source.get("text") or source.get("type") in ("agentless",):
            kept[n] = signal
            continue
        _note_mentions(doc, registry, position, start)
        position = max(position, end)
        typed = type_phrase(source["text"], in_quote=doc.quote_at(start) is not None)
        after = _rest_of_sentence(doc.text, end)
        if typed.description is None and (appositive := _APPOSITIVE_AFTER.match(after)):
            typed = _described(typed, appositive.group(1))
        resolved, entity = registry.typed(start, end, source["text"], typed, after)
        if resolved.type == "none":
            continue
        fields = dict(signal.fields)
        fields["source"] = _source_fields(source, typed, resolved, entity)
        if entity is not None:
            fields["entity"] = entity.id
            cited.setdefault(entity.id, [])
        kept[n] = Signal(
            signal.kind, signal.start, signal.end, signal.text, signal.sentence, fields
        )
        if entity is not None:
            cited[entity.id].append(kept[n].id)
    signals = [kept[n] for n in range(len(attributions)) if n in kept]
    return signals, _entity_signals(doc, registry, cited)


def _source_start(signal: Signal) -> int:
    source = signal.fields.get("source") or {}
    return source.get("start", signal.start) if source.get("text") else signal.start


def _note_mentions(doc: Document, registry: Registry, start: int, end: int) -> None:
    """The people, organisations, outlets and unnamed sources named between two sources,
    outside quotations: a name a speaker quotes is not who "he said" after it means."""
    for m_start, m_end, found, description in sorted(mentions_in(doc.text, start, end)):
        if doc.quote_at(m_start) is not None:
            continue
        typed = _described(type_phrase(found), description)
        registry.typed(m_start, m_end, found, typed, _rest_of_sentence(doc.text, m_end))


def _source_fields(
    source: Mapping[str, Any], typed: Typed, resolved: Typed, entity: Entity | None
) -> dict[str, Any]:
    """A source as signals carry it: its span, its type once resolved, and what resolved it."""
    fields: dict[str, Any] = {k: source[k] for k in ("start", "end", "text") if k in source}
    fields["type"] = resolved.type
    if resolved.type == "anonymous":
        fields["described"] = resolved.described or (entity is not None and entity.described)
    if typed.type == "reference" and entity is not None:
        fields["resolved"] = {"text": entity.name}
    if "description" in source:
        fields["description"] = source["description"]
    elif entity is not None and entity.description and resolved.type == "named_person":
        fields["description"] = {"text": entity.description}
    return fields


def _entity_signals(doc: Document, registry: Registry, cited: dict[int, list[str]]) -> list[Signal]:
    found = []
    for entity in registry.entities:
        if entity.id not in cited:
            continue  # mentioned, never a source
        start, end = entity.mentions[0]
        fields = {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "description": entity.description,
            "mentions": cited[entity.id],
        }
        found.append(
            Signal("entity", start, end, doc.text[start:end], doc.sentence_at(start), fields)
        )
    return found
